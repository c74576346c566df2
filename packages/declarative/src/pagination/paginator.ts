// A paginator as the retriever uses it (the CDK's Paginator): the first page's token, the next
// page's token from the last page, the path of a page (RequestPath tokens) and the request
// options of a page. Tokens are passed around as the CDK's `next_page_token` mapping.
import type { PlainDict, PyValue } from '../interpolation/values/object.js';
import type { InjectInto, RequestValues } from '../requests/request-option.js';
import type { PageOutcome } from './page-outcome.js';

/** The CDK's next_page_token mapping: `{"next_page_token": token}`. */
export type NextPageToken = PlainDict;

/**
 * Gives the next page's token and the request options that carry it, as the Python CDK's paginators
 * do.
 */
export interface Paginator {
  /** The token of the first request, or null. */
  initialToken(): PyValue;
  /** The page size sent with requests, or null when the API decides. */
  pageSize(): number | null;
  /** The mapping for the next page, or null when the pages are done. */
  nextPageToken(outcome: PageOutcome, lastPageTokenValue: PyValue): NextPageToken | null;
  /** The path of the page when the token is a path (RequestPath), else null. */
  path(nextPageToken: NextPageToken | null): string | null;
  /** What the page puts into one part of the request (query, headers, form or JSON body). */
  requestOptions(kind: InjectInto, nextPageToken: NextPageToken | null): RequestValues;
}

/** The token value inside a next_page_token mapping. */
export function tokenOf(nextPageToken: NextPageToken | null): PyValue {
  if (nextPageToken === null || !Object.hasOwn(nextPageToken, 'next_page_token')) return null;
  return nextPageToken.next_page_token ?? null;
}
