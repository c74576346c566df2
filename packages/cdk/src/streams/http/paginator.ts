import type { HttpResponse } from '../../http/http-response.js';
import type { QueryParams } from '../../http/url.js';
import type { Awaitable, HttpRequestOptions, PageInfo } from './request-options.js';

/** What a paginator adds to the request for one page. */
export interface PageRequest {
  /** An absolute URL to request instead of `urlBase` + `path` (a next-page link). */
  url?: string;
  /** Query parameters; they replace the stream's own of the same name. */
  params?: QueryParams;
  headers?: Record<string, string>;
  /** Fields merged into the JSON body (for APIs that take the cursor in a POST body). */
  bodyJson?: Record<string, unknown>;
}

/**
 * What a paginator sees of a page: the token that requested it, the page size, and the request
 * options.
 */
export interface PaginationContext<T = unknown> {
  /** The token of the page being requested (undefined for the first page) or just read. */
  readonly token: T | undefined;
  /** The stream's `pageSize`, used when the paginator was not given its own. */
  readonly pageSize: number | undefined;
  readonly options: HttpRequestOptions<T>;
}

/**
 * A reusable pagination strategy: set one as a stream's `paginator` and the stream needs no
 * `nextPageToken`. A falsy token ends the slice; the stream itself fails on a repeated token.
 */
export interface Paginator<T = unknown> {
  /** What the request for the page with `context.token` carries. */
  pageRequest(context: PaginationContext<T>): Awaitable<PageRequest | undefined>;
  /** The token of the page after `response`, or a falsy value when it was the last. */
  nextPageToken(response: HttpResponse, context: PaginationContext<T> & { page: PageInfo }): Awaitable<T | undefined | null>;
}

/** Where a paginator puts its parameter. */
export type InjectInto = 'query' | 'header' | 'body';

/** A page request carrying `values` in the given place. */
export function injectValues(into: InjectInto, values: Record<string, string | number | undefined>): PageRequest {
  const present = Object.entries(values).filter((entry): entry is [string, string | number] => entry[1] !== undefined);
  if (present.length === 0) return {};
  if (into === 'header') return { headers: Object.fromEntries(present.map(([name, value]) => [name, String(value)])) };
  if (into === 'body') return { bodyJson: Object.fromEntries(present) };
  return { params: Object.fromEntries(present) };
}
