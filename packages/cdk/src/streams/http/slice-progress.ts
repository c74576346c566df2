import { FULL_REFRESH_COMPLETE_KEY } from '../../state/state-markers.js';
import type { StreamState } from '../../state/stream-state.js';
import type { ReadOptions } from '../read-options.js';

/** The key of the page token in the state of a resumable full refresh (the Python CDK's). */
export const NEXT_PAGE_TOKEN_KEY = 'next_page_token';

/** @internal The hook through which an `HttpStream` decides how each slice starts and reports progress. */
export const sliceProgress = Symbol('tributary.sliceProgress');

/**
 * @internal How one slice of an `HttpStream` read starts and reports progress: resumable full
 * refresh (the page token) and per-partition cursors (a stream with a parent) are built on it.
 */
export interface SliceProgress<T> {
  /** Read nothing: an earlier, interrupted read already completed this slice. */
  skip?: boolean;
  /** The token of the page to start from (undefined: the first page). */
  startToken?: T;
  /** What the hooks see as `options.state` (a partition gives its own state). */
  state?: StreamState;
  /** Sees each record just before it is yielded. */
  observe?: (record: unknown) => void;
  /**
   * Called after a page whose records were all yielded, with the token of the next page as it
   * may be saved (a link without the parameters the authenticator sets), or undefined when that
   * token holds a secret: then a resumed read must start the slice again from its first page.
   */
  pageDone?: (next: T | undefined) => void;
  /** Called after the slice's last page was read (or its response ignored). */
  sliceDone?: () => void;
}

const NO_PROGRESS: SliceProgress<unknown> = Object.freeze({});

/**
 * Resumable full refresh of a stream without partitions: in a full refresh of a stream that
 * supports it, start from the saved page token and checkpoint the next one after every page.
 */
export function resumableFullRefresh<T>(options: ReadOptions, supported: boolean): SliceProgress<T> {
  if (options.syncMode !== 'full_refresh' || !supported) return NO_PROGRESS as SliceProgress<T>;
  const checkpoint = options.checkpoint;
  return {
    startToken: savedPageToken<T>(options.state),
    pageDone: checkpoint === undefined ? undefined : (next) => checkpoint(next === undefined ? {} : { [NEXT_PAGE_TOKEN_KEY]: next }),
  };
}

/** The page token a resumable read saved in its state; undefined for none (or only the end marker). */
export function savedPageToken<T>(state: StreamState | undefined): T | undefined {
  if (state === undefined || state[FULL_REFRESH_COMPLETE_KEY] === true) return undefined;
  const token = state[NEXT_PAGE_TOKEN_KEY];
  return token === undefined || token === null || token === false || token === '' ? undefined : (token as T);
}
