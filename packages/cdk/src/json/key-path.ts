/**
 * A dotted path of keys into parsed JSON, as paginators, the record extractor, cursors and
 * primary keys use them: `'data.items'`, `'links.next.href'`, `'results.0.id'` (a numeric
 * segment indexes an array). Not JSONPath: no `$`, wildcards or filters. A key that itself
 * contains a dot is written as an array of segments: `['data', 'items.v2']`.
 */
export type KeyPath = string | readonly string[];

/** @deprecated Renamed `KeyPath`: it is a dotted path of keys, not a JSONPath expression. */
export type JsonPath = KeyPath;

const ARRAY_INDEX = /^\d+$/;

/** The segments of a path; `''` and `[]` mean the whole value. */
export function keyPathSegments(path: KeyPath): readonly string[] {
  if (typeof path !== 'string') return path;
  return path.length === 0 ? [] : path.split('.');
}

/**
 * The value at `path`, or undefined when a segment is missing. Only data counts: an object's
 * own properties (a record without `constructor` has none, whatever its prototype says) and an
 * array's items, by a numeric segment.
 */
export function valueAtKeyPath(value: unknown, path: KeyPath): unknown {
  const segments = typeof path === 'string' ? keyPathSegments(path) : path;
  let current = value;
  for (let index = 0; index < segments.length; index++) {
    if (current === null || typeof current !== 'object') return undefined;
    const segment = segments[index] as string;
    if (Array.isArray(current)) {
      if (!ARRAY_INDEX.test(segment)) return undefined;
      current = current[Number(segment)];
    } else {
      if (!Object.hasOwn(current, segment)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current;
}

/** How a path reads in messages: `data.items`. */
export function describeKeyPath(path: KeyPath): string {
  return typeof path === 'string' ? path : path.join('.');
}
