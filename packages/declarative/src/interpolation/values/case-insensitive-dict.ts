// requests' CaseInsensitiveDict, which the CDK passes as `headers`: lookups ignore case, the
// original spelling of each key is kept for iteration and printing.

import { pyEquals } from './compare.js';
import { dictRepr, isMapping, mappingEntries, PyMapping } from './dict.js';
import { MISSING, type Missing, NOT_IMPLEMENTED, type NotImplemented, type PyValue, type ReprFn } from './object.js';

export class CaseInsensitiveDict extends PyMapping {
  private readonly store = new Map<string, [string, PyValue]>();

  constructor(entries: Iterable<readonly [string, PyValue]> = []) {
    super();
    for (const [key, value] of entries) this.set(key, value);
  }
  get pyType(): string {
    return 'CaseInsensitiveDict';
  }
  override get pyQualType(): string {
    return 'requests.structures.CaseInsensitiveDict';
  }
  /** Sets `key`, replacing a key that differs only in case (as `requests` does for headers). */
  set(key: string, value: PyValue): void {
    this.store.set(key.toLowerCase(), [key, value]);
  }
  /** Deletes `key` in any case; false when no such key was there. */
  delete(key: string): boolean {
    return this.store.delete(key.toLowerCase());
  }
  get(key: PyValue): PyValue | Missing {
    if (typeof key !== 'string') return MISSING;
    const entry = this.store.get(key.toLowerCase());
    return entry === undefined ? MISSING : entry[1];
  }
  keys(): PyValue[] {
    return Array.from(this.store.values(), (entry) => entry[0]);
  }
  override entries(): [PyValue, PyValue][] {
    return Array.from(this.store.values(), (entry) => [entry[0], entry[1]]);
  }
  /** The pairs with lower-cased keys, which equality compares. */
  lowerItems(): [PyValue, PyValue][] {
    return Array.from(this.store.entries(), ([lower, entry]) => [lower, entry[1]]);
  }
  get size(): number {
    return this.store.size;
  }
  repr(recur: ReprFn): string {
    return dictRepr(this.entries(), recur);
  }
  override equals(other: PyValue): boolean | NotImplemented {
    if (!isMapping(other)) return NOT_IMPLEMENTED;
    const theirs = new CaseInsensitiveDict(mappingEntries(other).filter((e): e is [string, PyValue] => typeof e[0] === 'string'));
    if (theirs.size !== this.size) return false;
    return this.lowerItems().every(([key, value]) => {
      const found = theirs.get(key);
      return found !== MISSING && pyEquals(value, found);
    });
  }
}
