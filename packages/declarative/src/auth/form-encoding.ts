// A mapping as `requests` sends it for `data=` and `params=`: None values left out, a list as the
// key repeated, anything else as Python's str(), encoded like urllib's urlencode (quote_plus).
import type { PyValue } from '../interpolation/values/object.js';
import { pyStr } from '../interpolation/values/repr.js';

/** The (key, value) pairs `requests` sends for a mapping, in order. */
export function formPairs(mapping: Readonly<Record<string, PyValue | undefined>>): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(mapping)) {
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) if (item !== null && item !== undefined) pairs.push([key, textOf(item)]);
  }
  return pairs;
}

function textOf(value: PyValue): string {
  return typeof value === 'string' ? value : pyStr(value);
}

/** urllib's quote_plus: letters, digits and `_.-~` stay, a space becomes `+`, everything else is %-encoded (UTF-8). */
export function quotePlus(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** urlencode(pairs): `a=1&b=x+y`. */
export function formEncode(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([key, value]) => `${quotePlus(key)}=${quotePlus(value)}`).join('&');
}

/** A URL with `pairs` added to its query, as `requests` adds `params` to a URL that may already have one. */
export function withQuery(url: string, pairs: ReadonlyArray<readonly [string, string]>): string {
  if (pairs.length === 0) return url;
  const hashAt = url.indexOf('#');
  const base = hashAt === -1 ? url : url.slice(0, hashAt);
  const separator = base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?';
  return `${base}${separator}${formEncode(pairs)}`;
}
