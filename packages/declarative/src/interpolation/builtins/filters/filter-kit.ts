// Helpers shared by Jinja's filters: Python-signature binding, Jinja's attribute getters,
// case-insensitive sort keys, lazy generators and Python's stable sort.

import { attributeError } from '../../errors.js';
import { literalEval, NOT_LITERAL } from '../../literal-eval.js';
import type { FilterFn } from '../../template/environment.js';
import type { Runtime } from '../../template/runtime-api.js';
import { pyCompare, truthy } from '../../values/compare.js';
import { PyIterator } from '../../values/iterator.js';
import { MISSING, type Missing, type PyValue } from '../../values/object.js';
import { pyRepr, pyStr } from '../../values/repr.js';
import { pyTypeName } from '../../values/type-name.js';
import { Undefined } from '../../values/undefined.js';
import { bindArgs, type Param } from '../args.js';
import { STR_METHODS } from '../str-methods.js';

export type Bound = (PyValue | Missing)[];

const signatures = new Map<string, Param[]>();

/** Parameters written as Python would: "width=80, first=False"; "=<missing>" marks an optional one without a default. */
function signature(spec: string): Param[] {
  let params = signatures.get(spec);
  if (params === undefined) {
    params = spec
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part): Param => {
        const [name, fallback] = part.split('=');
        if (fallback === undefined) return [name];
        if (fallback === '<missing>') return [name, MISSING];
        const value = literalEval(fallback);
        if (value === NOT_LITERAL) throw new Error(`bad default in filter signature: ${part}`);
        return [name, value];
      });
    signatures.set(spec, params);
  }
  return params;
}

/** A filter with a Python signature for its arguments after the value. */
export function filter(name: string, spec: string, body: (value: PyValue, args: Bound, rt: Runtime) => PyValue): FilterFn {
  const params = signature(spec);
  return (value, args, kwargs, rt) => body(value, bindArgs(name, params, args, kwargs), rt);
}

/**
 * The value a filter calls `method` on, as Jinja's filters do without converting it first: a str
 * passes, Undefined fails as Undefined does, anything else is Python's AttributeError.
 */
export function requireStr(value: PyValue, method: string): string {
  if (typeof value === 'string') return value;
  if (value instanceof Undefined) value.fail(pyRepr);
  throw attributeError(`'${pyTypeName(value)}' object has no attribute '${method}'`);
}

export function str(value: PyValue | Missing): string {
  return pyStr(value as PyValue);
}

export function int(value: PyValue | Missing): number {
  return Number(value as number);
}

export function callStr(method: string, self: string, args: readonly PyValue[], rt: Runtime): PyValue {
  return STR_METHODS[method](self, args, null, rt);
}

/** Jinja's make_attrgetter: "a.b.0" through the sandbox's getitem, with an optional default. */
export function attrGetter(rt: Runtime, attribute: PyValue, fallback: PyValue | Missing = MISSING): (item: PyValue) => PyValue {
  const parts = typeof attribute === 'string' ? attribute.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : [attribute];
  return (item) => {
    let current = item;
    for (const part of parts) {
      current = rt.getitem(current, part);
      if (fallback !== MISSING && current instanceof Undefined) return fallback;
    }
    return current;
  };
}

export function ignoreCase(value: PyValue): PyValue {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

export function sortKey(rt: Runtime, caseSensitive: PyValue | Missing, attribute: PyValue | Missing): (item: PyValue) => PyValue {
  const get = attribute === MISSING || attribute === null ? (x: PyValue) => x : attrGetter(rt, attribute);
  return truthy((caseSensitive === MISSING ? false : caseSensitive) as PyValue) ? get : (item) => ignoreCase(get(item));
}

/** Jinja's generator-returning filters run when their result is iterated, as Python generators do. */
export function generator(name: string, produce: () => PyValue[]): PyIterator {
  return new PyIterator(produce, `generator ${name}`);
}

/** sorted(items, key=key, reverse=reverse): a stable sort either way, as Python's. */
export function stableSort<T>(items: readonly T[], key: (item: T) => PyValue, reverse: boolean): T[] {
  const keyed = items.map((item) => [key(item), item] as const);
  keyed.sort(reverse ? (a, b) => pyCompare(b[0], a[0]) : (a, b) => pyCompare(a[0], b[0]));
  return keyed.map((entry) => entry[1]);
}
