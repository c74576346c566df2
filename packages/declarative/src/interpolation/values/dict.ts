// Mappings: dicts (plain JSON objects, or PyDict when keys are not strings or order must be kept
// exactly) and the other Mapping types the CDK passes to templates (StreamSlice,
// CaseInsensitiveDict), behind one set of functions.
import { typeError } from '../errors.js';
import { type DictKey, keyOf } from './keys.js';
import { MISSING, type Missing, type PlainDict, PyObject, type PyValue, type ReprFn } from './object.js';

/** A Python Mapping implemented by a class (anything but a plain object). */
export abstract class PyMapping extends PyObject {
  /** The value at `key`, or MISSING (None is a value). */
  abstract get(key: PyValue): PyValue | Missing;
  /** The keys, in insertion order. */
  abstract keys(): PyValue[];
  abstract get size(): number;

  /** The `(key, value)` pairs, in insertion order. */
  entries(): [PyValue, PyValue][] {
    return this.keys().map((key) => [key, this.get(key) as PyValue]);
  }
  /** A mapping is true when it is not empty. */
  override truthy(): boolean {
    return this.size > 0;
  }
}

/** A dict with arbitrary hashable keys, in insertion order. */
export class PyDict extends PyMapping {
  readonly map = new Map<DictKey, [PyValue, PyValue]>();

  get pyType(): string {
    return 'dict';
  }
  get(key: PyValue): PyValue | Missing {
    const entry = this.map.get(keyOf(key));
    return entry === undefined ? MISSING : entry[1];
  }
  /** `d[key] = value`: a new key goes last, an existing one keeps its place. */
  set(key: PyValue, value: PyValue): void {
    const k = keyOf(key);
    const entry = this.map.get(k);
    if (entry === undefined) this.map.set(k, [key, value]);
    else entry[1] = value;
  }
  /** `del d[key]`; false when the key was not there. */
  delete(key: PyValue): boolean {
    return this.map.delete(keyOf(key));
  }
  keys(): PyValue[] {
    return Array.from(this.map.values(), (entry) => entry[0]);
  }
  override entries(): [PyValue, PyValue][] {
    return Array.from(this.map.values(), (entry) => [entry[0], entry[1]]);
  }
  get size(): number {
    return this.map.size;
  }
  /** `{'a': 1}`, as Python prints a dict. */
  repr(recur: ReprFn): string {
    return dictRepr(this.entries(), recur);
  }
}

export function dictRepr(entries: readonly (readonly [PyValue, PyValue])[], recur: ReprFn): string {
  let out = '{';
  for (let i = 0; i < entries.length; i++) {
    if (i > 0) out += ', ';
    out += `${recur(entries[i][0])}: ${recur(entries[i][1])}`;
  }
  return `${out}}`;
}

/** A plain JavaScript object used as a dict (what JSON.parse gives). */
export function isPlainDict(value: PyValue): value is PlainDict {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof PyObject);
}

/** isinstance(value, dict). */
export function isDict(value: PyValue): value is PlainDict | PyDict {
  return isPlainDict(value) || value instanceof PyDict;
}

/** isinstance(value, collections.abc.Mapping). */
export function isMapping(value: PyValue): value is PlainDict | PyMapping {
  return isPlainDict(value) || value instanceof PyMapping;
}

export function mappingGet(mapping: PlainDict | PyMapping, key: PyValue): PyValue | Missing {
  if (mapping instanceof PyMapping) return mapping.get(key);
  return typeof key === 'string' && Object.hasOwn(mapping, key) ? mapping[key] : MISSING;
}

export function mappingKeys(mapping: PlainDict | PyMapping): PyValue[] {
  return mapping instanceof PyMapping ? mapping.keys() : Object.keys(mapping);
}

export function mappingEntries(mapping: PlainDict | PyMapping): [PyValue, PyValue][] {
  return mapping instanceof PyMapping ? mapping.entries() : Object.entries(mapping);
}

export function mappingSize(mapping: PlainDict | PyMapping): number {
  return mapping instanceof PyMapping ? mapping.size : Object.keys(mapping).length;
}

export function mappingHas(mapping: PlainDict | PyMapping, key: PyValue): boolean {
  if (mapping instanceof PyMapping) return mapping.get(key) !== MISSING;
  keyOf(key);
  return typeof key === 'string' && Object.hasOwn(mapping, key);
}

/** d[key] = value on a dict. Plain dicts hold string keys only (see KNOWN_DIFFERENCES.md). */
export function dictSet(dict: PlainDict | PyDict, key: PyValue, value: PyValue): void {
  if (dict instanceof PyDict) {
    dict.set(key, value);
    return;
  }
  if (typeof key !== 'string') {
    keyOf(key);
    throw typeError(`this dict came from JSON and only takes str keys, not ${typeof key === 'object' ? 'an object' : typeof key}`);
  }
  Object.defineProperty(dict, key, { value, writable: true, enumerable: true, configurable: true });
}

export function dictDelete(dict: PlainDict | PyDict, key: PyValue): boolean {
  if (dict instanceof PyDict) return dict.delete(key);
  if (typeof key !== 'string' || !Object.hasOwn(dict, key)) return false;
  delete dict[key];
  return true;
}

/** A new PyDict from entries (later keys win, first key object kept, as in Python). */
export function dictFromEntries(entries: Iterable<readonly [PyValue, PyValue]>): PyDict {
  const dict = new PyDict();
  for (const [key, value] of entries) dict.set(key, value);
  return dict;
}
