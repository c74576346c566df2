// The methods of list, tuple, dict (plain or PyDict), set, and the CDK's mapping types.
import { indexError, keyError, typeError, valueError } from '../errors.js';
import type { Kwargs, Runtime } from '../template/runtime-api.js';
import { CaseInsensitiveDict } from '../values/case-insensitive-dict.js';
import { pyCompare, pyEquals, truthy } from '../values/compare.js';
import { PySet, PyTuple } from '../values/containers.js';
import {
  dictDelete,
  dictFromEntries,
  dictSet,
  isDict,
  isMapping,
  mappingEntries,
  mappingGet,
  mappingKeys,
  type PyDict,
  type PyMapping,
} from '../values/dict.js';
import { PyDictView } from '../values/iterator.js';
import { intOf, isInt } from '../values/number.js';
import { MISSING, type PlainDict, type PyValue } from '../values/object.js';
import { pyRepr } from '../values/repr.js';
import { pyTypeName } from '../values/type-name.js';
import { bindArgs, checkPositional, positional } from './args.js';

export type Method<T> = (self: T, args: readonly PyValue[], kwargs: Kwargs, rt: Runtime) => PyValue;

function index(value: PyValue, length: number): number {
  if (!isInt(value) && typeof value !== 'boolean') throw typeError(`'${pyTypeName(value)}' object cannot be interpreted as an integer`);
  const i = Number(intOf(value));
  return i < 0 ? i + length : i;
}

function sortItems(items: PyValue[], kwargs: Kwargs, rt: Runtime): void {
  const [key, reverse] = bindArgs(
    'sort',
    [
      ['key', null],
      ['reverse', false],
    ],
    [],
    kwargs,
  );
  const keyed = items.map((item) => [key === null ? item : rt.call(key as PyValue, [item], null), item] as const);
  rt.budget.spend(items.length);
  keyed.sort((a, b) => pyCompare(a[0], b[0]));
  if (truthy(reverse as PyValue)) keyed.reverse();
  items.splice(0, items.length, ...keyed.map((entry) => entry[1]));
}

function sequenceIndexOf(items: readonly PyValue[], args: readonly PyValue[], what: string): number {
  const start = args[1] === undefined ? 0 : Math.max(0, index(args[1], items.length));
  const stop = args[2] === undefined ? items.length : Math.min(items.length, index(args[2], items.length));
  for (let i = start; i < stop; i++) if (pyEquals(items[i], args[0])) return i;
  throw valueError(what === 'list' ? `${pyRepr(args[0])} is not in list` : 'tuple.index(x): x not in tuple');
}

export const LIST_METHODS: Record<string, Method<PyValue[]>> = {
  append: (self, a, k, rt) => {
    checkPositional('append', a, k, 1, 1);
    rt.budget.checkCollection(self.length + 1);
    self.push(a[0]);
    return null;
  },
  extend: (self, a, k, rt) => {
    checkPositional('extend', a, k, 1, 1);
    const items = rt.iterate(a[0]);
    rt.budget.checkCollection(self.length + items.length);
    self.push(...items);
    return null;
  },
  insert: (self, a, k, rt) => {
    checkPositional('insert', a, k, 2, 2);
    rt.budget.checkCollection(self.length + 1);
    self.splice(Math.max(0, Math.min(self.length, index(a[0], self.length))), 0, a[1]);
    return null;
  },
  pop: (self, a, k) => {
    checkPositional('pop', a, k, 0, 1);
    if (self.length === 0) throw indexError('pop from empty list');
    const i = a.length ? index(a[0], self.length) : self.length - 1;
    if (i < 0 || i >= self.length) throw indexError('pop index out of range');
    return self.splice(i, 1)[0];
  },
  remove: (self, a, k) => {
    checkPositional('remove', a, k, 1, 1);
    const i = self.findIndex((item) => pyEquals(item, a[0]));
    if (i < 0) throw valueError('list.remove(x): x not in list');
    self.splice(i, 1);
    return null;
  },
  clear: (self, a, k) => {
    checkPositional('clear', a, k, 0, 0);
    self.length = 0;
    return null;
  },
  copy: positional('copy', 0, 0, (self) => [...self]),
  count: positional('count', 1, 1, (self, a) => self.filter((item) => pyEquals(item, a[0])).length),
  index: positional('index', 1, 3, (self, a) => sequenceIndexOf(self, a, 'list')),
  reverse: (self, a, k) => {
    checkPositional('reverse', a, k, 0, 0);
    self.reverse();
    return null;
  },
  sort: (self, a, k, rt) => {
    if (a.length) throw typeError('sort() takes no positional arguments');
    sortItems(self, k, rt);
    return null;
  },
};

export const TUPLE_METHODS: Record<string, Method<PyTuple>> = {
  count: positional('count', 1, 1, (self, a) => self.items.filter((item) => pyEquals(item, a[0])).length),
  index: positional('index', 1, 3, (self, a) => sequenceIndexOf(self.items, a, 'tuple')),
};

type AnyMapping = PlainDict | PyMapping;

/** Methods every Mapping has (dict, StreamSlice, CaseInsensitiveDict). */
export const MAPPING_METHODS: Record<string, Method<AnyMapping>> = {
  get: (self, a, k) => {
    checkPositional('get', a, k, 1, 2);
    const value = mappingGet(self, a[0]);
    return value === MISSING ? (a[1] ?? null) : value;
  },
  keys: positional('keys', 0, 0, (self) => new PyDictView('keys', mappingEntries(self))),
  values: positional('values', 0, 0, (self) => new PyDictView('values', mappingEntries(self))),
  items: positional('items', 0, 0, (self) => new PyDictView('items', mappingEntries(self))),
};

function updateFrom(target: PlainDict | PyDict | CaseInsensitiveDict, a: readonly PyValue[], k: Kwargs, rt: Runtime): void {
  const set = (key: PyValue, value: PyValue) => {
    if (target instanceof CaseInsensitiveDict) target.set(String(key), value);
    else dictSet(target, key, value);
  };
  if (a.length > 1) throw typeError(`update expected at most 1 argument, got ${a.length}`);
  if (a.length === 1) {
    const source = a[0];
    if (isMapping(source)) for (const [key, value] of mappingEntries(source)) set(key, value);
    else {
      rt.iterate(source).forEach((pair, i) => {
        const items = rt.iterate(pair);
        if (items.length !== 2) throw valueError(`dictionary update sequence element #${i} has length ${items.length}; 2 is required`);
        set(items[0], items[1]);
      });
    }
  }
  for (const [key, value] of k ?? []) set(key, value);
}

/** dict's own methods beyond the Mapping ones (also used by CaseInsensitiveDict, a MutableMapping). */
export const DICT_METHODS: Record<string, Method<PlainDict | PyDict>> = {
  ...MAPPING_METHODS,
  copy: positional('copy', 0, 0, (self) => dictFromEntries(mappingEntries(self))),
  clear: (self, a, k) => {
    checkPositional('clear', a, k, 0, 0);
    for (const key of mappingKeys(self)) dictDelete(self, key);
    return null;
  },
  pop: (self, a, k) => {
    checkPositional('pop', a, k, 1, 2);
    const value = mappingGet(self, a[0]);
    if (value === MISSING) {
      if (a.length > 1) return a[1];
      throw keyError(pyRepr(a[0]));
    }
    dictDelete(self, a[0]);
    return value;
  },
  popitem: (self, a, k) => {
    checkPositional('popitem', a, k, 0, 0);
    const entries = mappingEntries(self);
    if (entries.length === 0) throw keyError("'popitem(): dictionary is empty'");
    const [key, value] = entries[entries.length - 1];
    dictDelete(self, key);
    return new PyTuple([key, value]);
  },
  setdefault: (self, a, k) => {
    checkPositional('setdefault', a, k, 1, 2);
    const value = mappingGet(self, a[0]);
    if (value !== MISSING) return value;
    dictSet(self, a[0], a[1] ?? null);
    return a[1] ?? null;
  },
  update: (self, a, k, rt) => {
    updateFrom(self, a, k, rt);
    return null;
  },
  fromkeys: (_self, a, k, rt) => {
    checkPositional('fromkeys', a, k, 1, 2);
    return dictFromEntries(rt.iterate(a[0]).map((key) => [key, a[1] ?? null] as const));
  },
};

export const CASE_INSENSITIVE_DICT_METHODS: Record<string, Method<CaseInsensitiveDict>> = {
  ...(MAPPING_METHODS as Record<string, Method<CaseInsensitiveDict>>),
  lower_items: positional('lower_items', 0, 0, (self) => new PyDictView('items', self.lowerItems())),
  copy: positional('copy', 0, 0, (self) => new CaseInsensitiveDict(self.entries() as [string, PyValue][])),
  update: (self, a, k, rt) => {
    updateFrom(self, a, k, rt);
    return null;
  },
  pop: (self, a, k) => {
    checkPositional('pop', a, k, 1, 2);
    const value = self.get(a[0]);
    if (value === MISSING) {
      if (a.length > 1) return a[1];
      throw keyError(pyRepr(a[0]));
    }
    self.delete(String(a[0]));
    return value;
  },
  setdefault: (self, a, k) => {
    checkPositional('setdefault', a, k, 1, 2);
    const value = self.get(a[0]);
    if (value !== MISSING) return value;
    self.set(String(a[0]), a[1] ?? null);
    return a[1] ?? null;
  },
  clear: (self, a, k) => {
    checkPositional('clear', a, k, 0, 0);
    for (const key of self.keys()) self.delete(String(key));
    return null;
  },
};

function otherSet(value: PyValue, rt: Runtime): PySet {
  return value instanceof PySet ? value : new PySet(rt.iterate(value));
}

export const SET_METHODS: Record<string, Method<PySet>> = {
  add: (self, a, k, rt) => {
    checkPositional('add', a, k, 1, 1);
    if (self.frozen) throw typeError("'frozenset' object has no attribute 'add'");
    rt.budget.checkCollection(self.size + 1);
    self.add(a[0]);
    return null;
  },
  union: (self, a, _k, rt) => new PySet([...self.members.values(), ...a.flatMap((x) => rt.iterate(x))], self.frozen),
  intersection: (self, a, _k, rt) =>
    new PySet(
      [...self.members.values()].filter((x) => a.every((o) => otherSet(o, rt).has(x))),
      self.frozen,
    ),
  difference: (self, a, _k, rt) =>
    new PySet(
      [...self.members.values()].filter((x) => a.every((o) => !otherSet(o, rt).has(x))),
      self.frozen,
    ),
  issubset: positional('issubset', 1, 1, (self, a, rt) => [...self.members.values()].every((x) => otherSet(a[0], rt).has(x))),
  issuperset: positional('issuperset', 1, 1, (self, a, rt) => rt.iterate(a[0]).every((x) => self.has(x))),
  isdisjoint: positional('isdisjoint', 1, 1, (self, a, rt) => rt.iterate(a[0]).every((x) => !self.has(x))),
  copy: (self) => new PySet(self.members.values(), self.frozen),
};

export function isDictValue(value: PyValue): value is PlainDict | PyDict {
  return isDict(value);
}
