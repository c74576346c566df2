import type { InternalConfig } from '../../config/internal-config-keys.js';
import type { Logger } from '../../output/logger.js';
import type { MessageSink } from '../../output/message-sink.js';
import type { InputState } from '../../state/input-state.js';
import type { ReadLimits, ReadObserver } from './read-observer.js';

/** What the read orchestration shares with each stream's read. */
export interface ReadContext {
  writer: MessageSink;
  logger: Logger;
  signal: AbortSignal;
  internal: InternalConfig;
  /** The state the read starts from (`--state`); empty for a first sync. */
  inputState: InputState;
  /** Told of slices and pages as they are read (see `ReadObserver`). */
  observer?: ReadObserver;
  /** A preview read's limits (see `ReadLimits`). */
  limits?: ReadLimits;
}
