import type { StreamDescriptor } from '../../protocol/types.js';
import type { StreamSlice } from '../../state/stream-state.js';

/** One slice of one stream: its position in the stream's slice order and its value. */
export interface SliceEvent {
  stream: StreamDescriptor;
  /** 0 for the stream's first slice (counted before `ReadLimits.selectSlice` skips any). */
  index: number;
  slice: StreamSlice | undefined;
}

/** How a slice ended: read to its end, stopped by a limit or a stop from outside, or failed. */
export type SliceOutcome = 'completed' | 'stopped' | 'failed';

export interface SliceEndEvent extends SliceEvent {
  outcome: SliceOutcome;
}

/** A page of a slice was received (its records follow). */
export interface PageEvent {
  stream: StreamDescriptor;
  sliceIndex: number;
  /** 1 for the slice's first page. */
  number: number;
}

/**
 * Hooks into the progress of a read, for tools that show it slice by slice and page by page
 * (Tributary Studio). Each is called synchronously, in order with the messages the read writes:
 * `sliceStarted` before the slice's first record, `pageReceived` after a page's response and
 * before its records, `sliceFinished` after the slice's STATE.
 */
export interface ReadObserver {
  /** A slice begins: called before its first record. */
  sliceStarted?(event: SliceEvent): void;
  /** A slice ended, with how: called after its STATE. */
  sliceFinished?(event: SliceEndEvent): void;
  /** A page of a slice arrived: called after its response, before its records. */
  pageReceived?(event: PageEvent): void;
}

/**
 * Limits of a preview read (what the Airbyte Connector Builder calls a test read). A stream that
 * reaches one ends as if it had no more data: it completes, with its state at that point.
 */
export interface ReadLimits {
  /** Records per stream (like the `_limit` config key; the smaller of the two applies). */
  records?: number;
  /** Slices per stream. */
  slices?: number;
  /** Pages per slice: HTTP streams, and any stream that calls `options.reportPage`. */
  pagesPerSlice?: number;
  /** Reads only the slices this accepts (the others are skipped, not read): to replay one slice. */
  selectSlice?: (slice: StreamSlice | undefined, index: number) => boolean;
}
