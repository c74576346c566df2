import type { Logger } from '../output/logger.js';
import type { SyncMode } from '../protocol/types.js';

/** A slice of a stream: a date window, a partition, a parent record; any JSON object. */
export type StreamSlice = Record<string, unknown>;

/** A stream's state blob, as it travels in STATE messages. */
export type StreamState = Record<string, unknown>;

/** What `readRecords()` (and later HTTP hooks) receive for one slice of one stream. */
export interface ReadOptions {
  syncMode: SyncMode;
  /** The cursor path in effect, when the stream is read incrementally. */
  cursorField?: string[];
  slice?: StreamSlice;
  state?: StreamState;
  logger: Logger;
  /** Aborted when the read must stop (the process is terminated or stdout was closed). */
  signal: AbortSignal;
}

/** What `readRecords()` may return: arrays, generators and async generators all work. */
export type RecordSource<R> = Iterable<R> | AsyncIterable<R>;
