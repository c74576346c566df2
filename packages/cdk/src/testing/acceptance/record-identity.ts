import { canonicalJson } from '../../json/canonical-json.js';

/** A record's identity for comparing reads: canonical JSON (keys sorted) without the ignored fields (`a.b` paths). */
export function recordIdentity(data: Record<string, unknown>, ignored: readonly string[] = []): string {
  let value: unknown = data;
  if (ignored.length > 0) {
    value = structuredClone(data);
    for (const path of ignored) deletePath(value, path.split('.'));
  }
  return canonicalJson(value);
}

/** The items of `a` not in `b`, counting repeats (a multiset difference). */
export function missingFrom(a: readonly string[], b: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const item of b) counts.set(item, (counts.get(item) ?? 0) + 1);
  const missing: string[] = [];
  for (const item of a) {
    const left = counts.get(item) ?? 0;
    if (left > 0) counts.set(item, left - 1);
    else missing.push(item);
  }
  return missing;
}

function deletePath(value: unknown, path: string[]): void {
  if (typeof value !== 'object' || value === null) return;
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value) deletePath(item, path);
    return;
  }
  const record = value as Record<string, unknown>;
  if (rest.length === 0) delete record[head];
  else if (Object.hasOwn(record, head)) deletePath(record[head], rest);
}
