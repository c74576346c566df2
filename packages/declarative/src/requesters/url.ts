// URLs as the Python CDK's requester builds them: `url_base` joined with `path` (urljoin after
// making sure the base ends with a slash), query parameters encoded as `requests` encodes them
// (quote_plus, a list as one pair per item, Python's str() of other values) and appended to a
// query the URL already has, leaving out those it already carries with the same value.
import { ConnectorError } from '@tributary/cdk';
import type { PlainDict, PyValue } from '../interpolation/values/object.js';
import { pyStr } from '../interpolation/values/repr.js';
import { urljoin } from './python-urljoin.js';

/** HttpRequester._join_url: the base alone for an empty path; else urljoin(base + '/', path), as Python joins them. */
export function joinUrl(base: string, path: string | null): string {
  if (path === null || path === '') return base;
  const joined = urljoin(base.endsWith('/') ? base : `${base}/`, path);
  try {
    return new URL(joined).href;
  } catch {
    throw ConnectorError.config(`Cannot build a request URL from the url_base '${base}' and the path '${path}'`);
  }
}

/** A query value as `requests` writes it: text as is, booleans and numbers as Python's str(). */
export function queryText(value: PyValue): string {
  return typeof value === 'string' ? value : pyStr(value);
}

/** The (name, value) pairs of a parameter mapping: a list gives one pair per item; None is left out. */
export function queryPairs(params: PlainDict): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(params)) {
    if (value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (item !== null) pairs.push([name, queryText(item)]);
    } else pairs.push([name, queryText(value)]);
  }
  return pairs;
}

const UNRESERVED = /[A-Za-z0-9_.~-]/;

/** urllib's quote_plus: UTF-8, unreserved characters kept, a space as '+'. */
export function quotePlus(text: string): string {
  let out = '';
  for (const char of text) {
    if (char === ' ') out += '+';
    else if (UNRESERVED.test(char)) out += char;
    else for (const byte of Buffer.from(char, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** urlencode(pairs): `a=1&b=x+y`. */
export function encodePairs(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([name, value]) => `${quotePlus(name)}=${quotePlus(value)}`).join('&');
}

/**
 * The URL with the parameters added to its query, as `requests` prepares it; a parameter the URL
 * already has with the same value is not repeated (HttpClient._dedupe_query_params).
 */
export function withQuery(url: string, params: PlainDict): string {
  const hashAt = url.indexOf('#');
  const fragment = hashAt === -1 ? '' : url.slice(hashAt);
  const base = hashAt === -1 ? url : url.slice(0, hashAt);
  const queryAt = base.indexOf('?');
  const existing = queryAt === -1 ? '' : base.slice(queryAt + 1);
  const present = firstValues(existing);
  const pairs = queryPairs(params).filter(([name]) => !(present.has(name) && present.get(name) === queryText(params[name] as PyValue)));
  if (pairs.length === 0) return url;
  const encoded = encodePairs(pairs);
  const query = existing === '' ? encoded : `${existing}&${encoded}`;
  return `${queryAt === -1 ? base : base.slice(0, queryAt)}?${query}${fragment}`;
}

/** parse_qs(query) reduced to each name's first value (blank values dropped, as parse_qs does). */
function firstValues(query: string): Map<string, string> {
  const values = new Map<string, string>();
  if (query === '') return values;
  for (const [name, value] of new URLSearchParams(query)) if (value !== '' && !values.has(name)) values.set(name, value);
  return values;
}
