// Renames the top-level keys of a record in place, keeping the new keys in the record's order.
import type { MutableRecord } from './transformation.js';

export function renameKeys(record: MutableRecord, rename: (key: string) => string): void {
  const entries = Object.keys(record).map((key) => [rename(key), record[key]] as const);
  for (const key of Object.keys(record)) delete record[key];
  for (const [key, value] of entries) Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Renames keys at every level of nested objects (not inside lists), as the CDK's recursive transformations do. */
export function renameKeysDeep(record: MutableRecord, rename: (key: string) => string): MutableRecord {
  const out: MutableRecord = {};
  for (const key of Object.keys(record)) {
    const value = record[key];
    const renamed =
      typeof value === 'object' && value !== null && !Array.isArray(value) ? renameKeysDeep(value as MutableRecord, rename) : value;
    Object.defineProperty(out, rename(key), { value: renamed, writable: true, enumerable: true, configurable: true });
  }
  return out;
}

/** Replaces a record's content with another object's, in place. */
export function replaceContent(record: MutableRecord, content: MutableRecord): void {
  for (const key of Object.keys(record)) delete record[key];
  for (const key of Object.keys(content)) {
    Object.defineProperty(record, key, { value: content[key], writable: true, enumerable: true, configurable: true });
  }
}
