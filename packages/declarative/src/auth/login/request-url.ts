// The URL of a declarative request as the CDK's HttpRequester makes it: `url_base` joined with
// `path` (the path's leading `/` dropped, a `/` added to the base, then urljoin), or `url` (joined
// with `path` when one is given); query parameters already in the URL are not sent twice.
import { ConnectorError } from '@tributary/cdk';
import type { PyValue } from '../../interpolation/values/object.js';
import { pyStr } from '../../interpolation/values/repr.js';

/** The CDK's `_join_url`: an empty path gives the base as it is. */
export function joinRequestUrl(base: string, path: string): string {
  if (path === '') return base;
  const withSlash = base.endsWith('/') ? base : `${base}/`;
  try {
    return new URL(path, withSlash).toString();
  } catch {
    throw ConnectorError.config(`'${base}' joined with '${path}' is not a URL: check the URL in the connector configuration`);
  }
}

/** The CDK's `_get_url`. */
export function requestUrl(url: string, urlBase: string, path: string): string {
  const trimmedPath = path.replace(/^\/+/, '');
  if (urlBase) return joinRequestUrl(urlBase, trimmedPath);
  return trimmedPath ? joinRequestUrl(url, trimmedPath) : url;
}

/** The CDK's `_dedupe_query_params`: parameters whose value the URL's query already has are left out. */
export function dedupeQueryParams(url: string, params: Record<string, PyValue>): Record<string, PyValue> {
  let query: URLSearchParams;
  try {
    query = new URL(url).searchParams;
  } catch {
    return params;
  }
  const out: Record<string, PyValue> = {};
  for (const [key, value] of Object.entries(params)) {
    const present = query.get(key);
    const text = typeof value === 'string' ? value : pyStr(value as PyValue);
    if (present === null || present === '' || present !== text) out[key] = value;
  }
  return out;
}
