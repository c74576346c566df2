// What Jinja's optimizer does at compile time, where it changes results: an expression made only of
// constants is evaluated once, with subscripts going through the sandbox's getitem (at run time a
// slice subscripts directly, so `(1)[1:]` is a TypeError there but an Undefined when folded). A
// folded value replaces its expression when it has a "safe repr" (or is printed directly).
import { PyBytes, PyComplex, PySet, PyTuple } from '../values/containers.js';
import { isDict, mappingEntries, PyDict } from '../values/dict.js';
import { PyFloat } from '../values/number.js';
import { type PlainDict, PyObject, type PyValue } from '../values/object.js';

/** Thrown while folding when the expression reads a variable or calls something (Jinja's Impossible). */
export const NOT_CONSTANT = Object.freeze({ notConstant: true });

export function notConstant(): never {
  throw NOT_CONSTANT;
}

/** Whether the syntax tree holds a slice subscript (the only place folding changes an outcome). */
export function containsSlice(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(containsSlice);
  if (typeof node !== 'object' || node === null || node instanceof PyObject) return false;
  if ((node as { kind?: string }).kind === 'slice') return true;
  return Object.values(node).some((child) => typeof child === 'object' && containsSlice(child));
}

/** Jinja's has_safe_repr: values that can be written back into code as literals. */
export function hasSafeRepr(value: PyValue): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (value instanceof PyFloat || value instanceof PyComplex || value instanceof PyBytes) return true;
  if (Array.isArray(value)) return value.every(hasSafeRepr);
  if (value instanceof PyTuple && value.pyType === 'tuple') return value.items.every(hasSafeRepr);
  if (value instanceof PySet) return [...value.members.values()].every(hasSafeRepr);
  if (isDict(value)) return mappingEntries(value).every(([k, v]) => hasSafeRepr(k) && hasSafeRepr(v));
  return false;
}

/** A fresh copy of a folded value (Jinja writes folded values as literals, new at each render). */
export function cloneConstant(value: PyValue): PyValue {
  if (Array.isArray(value)) return value.map(cloneConstant);
  if (value instanceof PySet) return new PySet([...value.members.values()].map(cloneConstant), value.frozen);
  if (value instanceof PyDict) {
    const copy = new PyDict();
    for (const [k, v] of value.entries()) copy.set(k, cloneConstant(v));
    return copy;
  }
  if (isDict(value)) {
    const copy: PlainDict = {};
    for (const [k, v] of Object.entries(value))
      Object.defineProperty(copy, k, { value: cloneConstant(v), writable: true, enumerable: true, configurable: true });
    return copy;
  }
  return value;
}
