// A pagination strategy computes the token of the next page from the last one (the CDK's
// PaginationStrategy); DefaultPaginator puts the token into requests.
import type { PyValue } from '../interpolation/values/object.js';
import type { PageOutcome } from './page-outcome.js';

export interface PaginationStrategy {
  /** The token of the first request (None unless `inject_on_first_request`). */
  readonly initialToken: PyValue;
  /** The page size the requests ask for, or null. */
  pageSize(): number | null;
  /** The next page's token, or null when there is no next page. */
  nextPageToken(outcome: PageOutcome, lastPageTokenValue: PyValue): PyValue;
}

/** A page size from the manifest: an int, or a template over config that must give an int. */
export function integerPageSize(value: PyValue, source: unknown): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw new Error(`${String(source)} is of type ${typeof value === 'string' ? "<class 'str'>" : typeof value}. Expected <class 'int'>`);
}

/** Python's `isinstance(x, int)` for a token value. */
export function isIntegerToken(value: PyValue): value is number | boolean {
  return typeof value === 'boolean' || (typeof value === 'number' && Number.isInteger(value));
}
