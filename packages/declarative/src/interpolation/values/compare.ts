// Truthiness, == and ordering with Python's rules.
import { typeError } from '../errors.js';
import { PySet, PyTuple } from './containers.js';
import { isDict, mappingEntries, mappingGet, mappingSize } from './dict.js';
import { numCompare, numericKind } from './number.js';
import { MISSING, NOT_IMPLEMENTED, PyObject, type PyValue } from './object.js';
import { pyRepr } from './repr.js';
import { pyTypeName } from './type-name.js';
import { Undefined } from './undefined.js';

export function truthy(value: PyValue): boolean {
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'string':
      return value.length > 0;
    case 'number':
      return value !== 0;
    case 'bigint':
      return value !== 0n;
    default:
      if (value === null) return false;
      if (Array.isArray(value)) return value.length > 0;
      if (value instanceof PyObject) return value.truthy();
      for (const key in value) if (Object.hasOwn(value, key)) return true;
      return false;
  }
}

export function pyEquals(a: PyValue, b: PyValue): boolean {
  if (a === b) return typeof a !== 'number' || !Number.isNaN(a);
  if (typeof a === 'string' || typeof b === 'string') return false;
  const ka = numericKind(a);
  const kb = numericKind(b);
  if (ka !== 0 || kb !== 0) return ka !== 0 && kb !== 0 && numCompare(a, b) === 0;
  if (a === null || b === null) return false;
  if (a instanceof PyObject && !(a instanceof PyTuple)) {
    const result = a.equals(b);
    if (result !== NOT_IMPLEMENTED) return result;
  }
  if (b instanceof PyObject && !(b instanceof PyTuple)) {
    const result = b.equals(a);
    if (result !== NOT_IMPLEMENTED) return result;
  }
  if (Array.isArray(a)) return Array.isArray(b) && sequencesEqual(a, b);
  if (a instanceof PyTuple) return b instanceof PyTuple && sequencesEqual(a.items, b.items);
  if (isDict(a) && isDict(b)) return dictsEqual(a, b);
  return false;
}

function sequencesEqual(a: readonly PyValue[], b: readonly PyValue[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!pyEquals(a[i], b[i])) return false;
  return true;
}

function dictsEqual(a: Parameters<typeof mappingSize>[0], b: Parameters<typeof mappingSize>[0]): boolean {
  if (mappingSize(a) !== mappingSize(b)) return false;
  for (const [key, value] of mappingEntries(a)) {
    const other = mappingGet(b, key);
    if (other === MISSING || !pyEquals(value, other)) return false;
  }
  return true;
}

export type OrderOp = '<' | '<=' | '>' | '>=';

function applyOrder(op: OrderOp, cmp: number): boolean {
  if (Number.isNaN(cmp)) return false;
  switch (op) {
    case '<':
      return cmp < 0;
    case '<=':
      return cmp <= 0;
    case '>':
      return cmp > 0;
    default:
      return cmp >= 0;
  }
}

/** Code point order (JavaScript's < compares UTF-16 units, which differs above U+FFFF). */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const surrogateX = x >= 0xd800 && x <= 0xdfff;
      const surrogateY = y >= 0xd800 && y <= 0xdfff;
      if (surrogateX !== surrogateY && x >= 0xd800 && y >= 0xd800) return surrogateX ? 1 : -1;
      return x < y ? -1 : 1;
    }
  }
  return a.length - b.length;
}

/** a <op> b, raising Python's TypeError for unorderable types. */
export function pyOrder(op: OrderOp, a: PyValue, b: PyValue): boolean {
  if (typeof a === 'string' && typeof b === 'string') return applyOrder(op, compareStrings(a, b));
  // Jinja's Undefined raises on ordering from either side (its __lt__ and friends, and the reflected ones).
  if (a instanceof Undefined) a.fail(pyRepr);
  if (b instanceof Undefined) b.fail(pyRepr);
  const ka = numericKind(a);
  const kb = numericKind(b);
  if (ka !== 0 && kb !== 0) return applyOrder(op, numCompare(a, b));
  if (Array.isArray(a) && Array.isArray(b)) return orderSequences(op, a, b);
  if (a instanceof PyTuple && b instanceof PyTuple) return orderSequences(op, a.items, b.items);
  if (a instanceof PySet && b instanceof PySet) return orderSets(op, a, b);
  if (a instanceof PyObject) {
    const cmp = a.compare(b);
    if (cmp !== NOT_IMPLEMENTED) return applyOrder(op, cmp);
  }
  if (b instanceof PyObject) {
    const cmp = b.compare(a);
    if (cmp !== NOT_IMPLEMENTED) return applyOrder(op, -cmp);
  }
  throw typeError(`'${op}' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

function orderSequences(op: OrderOp, a: readonly PyValue[], b: readonly PyValue[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (!pyEquals(a[i], b[i])) return pyOrder(op, a[i], b[i]);
  }
  return applyOrder(op, a.length - b.length);
}

function orderSets(op: OrderOp, a: PySet, b: PySet): boolean {
  const subset = (x: PySet, y: PySet) => [...x.members.keys()].every((key) => y.members.has(key));
  switch (op) {
    case '<=':
      return subset(a, b);
    case '>=':
      return subset(b, a);
    case '<':
      return a.size < b.size && subset(a, b);
    default:
      return b.size < a.size && subset(b, a);
  }
}

/** A comparator for sorting with Python's `<` (sorted(), the sort filter, max/min). */
export function pyCompare(a: PyValue, b: PyValue): number {
  if (pyOrder('<', a, b)) return -1;
  if (pyOrder('<', b, a)) return 1;
  return 0;
}
