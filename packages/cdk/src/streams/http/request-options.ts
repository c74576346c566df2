import type { ReadOptions } from '../read-options.js';

/** A value or a promise of it: every `HttpStream` hook may be sync or async. */
export type Awaitable<T> = T | Promise<T>;

/**
 * What every `HttpStream` hook receives: the options `readRecords()` was called with (slice,
 * state, logger, signal…) plus the token of the page being requested. One object per page is
 * shared by all the hooks of that page. In an `HttpSubStream`, `state` is the state of the
 * slice's own partition (its cursor), not the whole per-partition state.
 */
export interface HttpRequestOptions<T = unknown> extends ReadOptions {
  /** The token `nextPageToken` returned for this page; undefined on the first page. */
  nextPageToken?: T;
}

/** What `nextPageToken` learns about the page it follows. */
export interface PageInfo {
  /** 1 for the first page of the slice. */
  number: number;
  /** How many records `parseResponse` yielded for it. */
  recordCount: number;
}
