import type { Logger } from '../output/logger.js';
import type { SyncMode } from '../protocol/types.js';
import type { StreamSlice, StreamState } from '../state/stream-state.js';

/** What `streamSlices()` receives. */
export interface SliceOptions {
  syncMode: SyncMode;
  /** The cursor path in effect, when the stream is read incrementally. */
  cursorField?: string[];
  /** The stream's state at the start of the read. */
  state?: StreamState;
  logger: Logger;
  signal: AbortSignal;
  /** Tells the platform the stream is waiting on a rate limit (slices that read another stream, a sub-stream's parent, say). */
  reportRateLimited?: (event: { quotaResetAt?: number }) => void;
}

/** What `readRecords()` (and every HTTP hook) receives for one slice of one stream. */
export interface ReadOptions {
  syncMode: SyncMode;
  /** The cursor path in effect, when the stream is read incrementally. */
  cursorField?: string[];
  slice?: StreamSlice;
  /** The stream's state when this slice starts. */
  state?: StreamState;
  logger: Logger;
  /** Aborted when the read must stop (the process is terminated or stdout was closed). */
  signal: AbortSignal;
  /**
   * Declares that every record yielded so far is covered by `state`: a STATE message with it is
   * written right after those records. Resumable reads (page tokens, sorted cursors) use it.
   */
  checkpoint?: (state: StreamState) => void;
  /** Tells the platform the stream is waiting on a rate limit (a `RUNNING` status with reason `RATE_LIMITED`). */
  reportRateLimited?: (event: { quotaResetAt?: number }) => void;
  /**
   * Tells the runner a page of this slice was received, before its records are yielded
   * (`HttpStream` calls it after each response; a stream that pages by itself may too). Returns
   * true when the runner wants no more pages of the slice (a preview's page limit): the stream
   * then ends the slice after this page's records, as if it were the last.
   */
  reportPage?: (page: { number: number }) => boolean;
}

/** What `readRecords()` may return: arrays, generators and async generators all work. */
export type RecordSource<R> = Iterable<R> | AsyncIterable<R>;
