/**
 * JSON with the keys of every object sorted, so that values equal as JSON give equal text
 * whatever their key order: the identity of page tokens, partitions and records. Otherwise
 * `JSON.stringify`'s rules: `toJSON()` is honoured (a `Date` is its ISO string), boxed
 * primitives are their values, a key whose value has no JSON (undefined, a function, a symbol)
 * is left out and such a value in an array is `null`. A value with no JSON at all is `null`.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '') ?? 'null';
}

function write(value: unknown, key: string): string | undefined {
  let current = value;
  if (typeof current === 'object' && current !== null) {
    const withToJson = current as { toJSON?: (key: string) => unknown };
    if (typeof withToJson.toJSON === 'function') current = withToJson.toJSON(key);
    if (current instanceof Number || current instanceof String || current instanceof Boolean) current = current.valueOf();
  }
  if (typeof current !== 'object' || current === null) return JSON.stringify(current);
  if (Array.isArray(current)) return `[${current.map((item, index) => write(item, String(index)) ?? 'null').join(',')}]`;
  const record = current as Record<string, unknown>;
  const members: string[] = [];
  for (const name of Object.keys(record).sort()) {
    const text = write(record[name], name);
    if (text !== undefined) members.push(`${JSON.stringify(name)}:${text}`);
  }
  return `{${members.join(',')}}`;
}
