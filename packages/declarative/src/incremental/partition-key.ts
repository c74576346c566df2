// The CDK's PerPartitionKeySerializer: a partition as JSON with sorted keys (at every level), the
// key of the per-partition state; parsed back, it is the `partition` written in the state.
import type { PlainDict } from '../interpolation/values/object.js';

function sortedCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedCopy);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(compareCodePoints)) {
    Object.defineProperty(out, key, {
      value: sortedCopy((value as Record<string, unknown>)[key]),
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }
  return out;
}

/** Python sorts str keys by code point; JavaScript's default sort compares UTF-16 units. */
function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i].codePointAt(0) ?? 0) - (y[i].codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

export function partitionKey(partition: Record<string, unknown>): string {
  return JSON.stringify(sortedCopy(partition));
}

export function partitionOfKey(key: string): PlainDict {
  return JSON.parse(key) as PlainDict;
}
