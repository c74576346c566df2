/**
 * Dotted paths into parsed JSON, as paginators and the record extractor use them:
 * `'data.items'`, `'links.next.href'`, `'results.0.id'` (a numeric segment indexes an array).
 * A key that itself contains a dot is written as an array of segments: `['data', 'items.v2']`.
 */
export type JsonPath = string | readonly string[];

/** The segments of a path; `''` and `[]` mean the whole value. */
export function pathSegments(path: JsonPath): readonly string[] {
  if (typeof path !== 'string') return path;
  return path.length === 0 ? [] : path.split('.');
}

/** The value at `path`, or undefined when any segment is missing. */
export function valueAtPath(value: unknown, path: JsonPath): unknown {
  let current = value;
  for (const segment of pathSegments(path)) {
    if (current === null || typeof current !== 'object') return undefined;
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(segment)) return undefined;
      current = current[Number(segment)];
    } else {
      if (!Object.hasOwn(current, segment)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current;
}

/** How a path reads in messages. */
export function describePath(path: JsonPath): string {
  return typeof path === 'string' ? path : path.join('.');
}
