import type { MessageSink } from '../output/message-sink.js';
import { streamStateMessage } from '../protocol/messages.js';
import type { StreamDescriptor } from '../protocol/types.js';
import type { StreamState } from '../state/stream-state.js';

/** Counts shared by the record pump and the checkpoints of a stream. */
export interface RecordCounts {
  /** Records written for the stream in this read. */
  total: number;
  /** Records written since the stream's previous STATE. */
  sinceState: number;
}

/**
 * Writes a stream's STATE messages. Each carries the stream's full state (never a delta) and,
 * as `sourceStats.recordCount`, the records written since the previous one. It is written
 * through the same writer as the records, after them, so it only ever covers records already on
 * their way to stdout.
 */
export class StreamCheckpointer {
  readonly counts: RecordCounts = { total: 0, sinceState: 0 };
  private emitted = 0;
  /** When the last STATE was written (epoch ms; 0 before the first). */
  lastEmittedAt = 0;

  constructor(
    private readonly writer: MessageSink,
    private readonly stream: StreamDescriptor,
  ) {}

  /** How many STATE messages were written for the stream. */
  get stateCount(): number {
    return this.emitted;
  }

  emit(state: StreamState): void {
    this.writer.writeMessage(streamStateMessage(this.stream, state, this.counts.sinceState));
    this.counts.sinceState = 0;
    this.emitted++;
    this.lastEmittedAt = Date.now();
  }
}
