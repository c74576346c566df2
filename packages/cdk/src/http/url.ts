import { ConnectorError } from '../errors/connector-error.js';
import { redactUrl } from './redact-url.js';

/** One query parameter value; `undefined` and `null` leave the parameter out, an array repeats it. */
export type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];

/** Query parameters as the request hooks return them. */
export type QueryParams = Record<string, QueryValue>;

const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Joins a stream's `urlBase` and `path` into the URL of a request.
 *
 * The rule, chosen so that no path segment is ever dropped (unlike `urljoin` in the Python CDK,
 * where `https://x/api/v1` + `users` gives `https://x/api/users`, and `/users` gives `https://x/users`):
 * - the path always goes *below* the base's path: trailing slashes of the base and leading slashes
 *   of the path are collapsed into exactly one `/`, so `https://x/api/v1`, `https://x/api/v1/` with
 *   `users`, `/users` or `//users` all give `https://x/api/v1/users`;
 * - a trailing slash on the path is kept (`users/` → `https://x/api/v1/users/`), as some APIs need it;
 * - an empty path requests the base itself;
 * - query strings of the base and of the path are both kept, the base's first;
 * - a path that is itself an absolute URL (`https://other/...`, as next-page links are) is used as it is.
 *
 * Throws a `config_error` when the result is not an http(s) URL, since the base usually comes from the config.
 */
export function joinUrl(base: string, path = ''): URL {
  if (ABSOLUTE_URL.test(path)) return parseHttpUrl(path);
  const [basePart, baseQuery] = splitQuery(stripHash(base));
  const [pathPart, pathQuery] = splitQuery(stripHash(path));
  const trimmedPath = pathPart.replace(/^\/+/, '');
  let joined = basePart;
  if (trimmedPath.length > 0) joined = `${basePart.replace(/\/+$/, '')}/${trimmedPath}`;
  const query = [baseQuery, pathQuery].filter((part) => part.length > 0).join('&');
  return parseHttpUrl(query.length > 0 ? `${joined}?${query}` : joined, base);
}

/** Parses an absolute http(s) URL, failing with a `config_error` that names it. */
export function parseHttpUrl(text: string, base?: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw ConnectorError.config(
      base === undefined
        ? `'${text}' is not a valid URL`
        : `'${text}' is not a valid URL; check the base URL '${base}' (an absolute http:// or https:// URL is expected)`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw ConnectorError.config(`'${text}' is not an http:// or https:// URL`);
  }
  return url;
}

/** Resolves a link found in a response (possibly relative) against the URL that response came from. */
export function resolveLink(link: string, responseUrl: string): string {
  try {
    return new URL(link, responseUrl).toString();
  } catch {
    throw new ConnectorError(
      `The API returned a next-page link that is not a valid URL: '${redactUrl(link)}' (from ${redactUrl(responseUrl)})`,
    );
  }
}

/**
 * Sets `params` on `url`. Parameters already in the URL with the same name are replaced, unless
 * `keepExisting` is set: then the URL's own values win and only the missing parameters are added
 * (used for next-page links, which the server built and which are authoritative).
 */
export function applyQueryParams(url: URL, params: QueryParams | undefined, keepExisting = false): URL {
  if (params === undefined) return url;
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (url.searchParams.has(name)) {
      if (keepExisting) continue;
      url.searchParams.delete(name);
    }
    if (Array.isArray(value)) {
      for (const item of value) url.searchParams.append(name, String(item));
    } else {
      url.searchParams.append(name, String(value));
    }
  }
  return url;
}

function stripHash(text: string): string {
  const index = text.indexOf('#');
  return index === -1 ? text : text.slice(0, index);
}

function splitQuery(text: string): [string, string] {
  const index = text.indexOf('?');
  return index === -1 ? [text, ''] : [text.slice(0, index), text.slice(index + 1)];
}
