// Jinja's filters on single values: abs, attr, default/d, float, int, round, length/count, list.
import { PythonError, typeError, valueError } from '../../errors.js';
import type { FilterFn } from '../../template/environment.js';
import { length, sandboxGetattr } from '../../template/operations.js';
import { truthy } from '../../values/compare.js';
import { roundFloat } from '../../values/float-format.js';
import { floatOf, intOf, isFloat, isInt, normBig, numericKind, PyFloat, parseFloatText, parseIntText } from '../../values/number.js';
import { MISSING, type PyValue } from '../../values/object.js';
import { pyRepr } from '../../values/repr.js';
import { pyTypeName } from '../../values/type-name.js';
import { Undefined } from '../../values/undefined.js';
import { lookupAttribute } from '../attributes.js';
import { filter, str } from './filter-kit.js';

/** The attr filter: getattr only (no item fallback), through the sandbox's safety check. */
function attributeOnly(obj: PyValue, name: string): PyValue {
  // Undefined's __getattr__ raises (UndefinedError, or SecurityError for an "unsafe" one).
  if (obj instanceof Undefined) return sandboxGetattr(obj, name);
  const value = lookupAttribute(obj, name);
  if (value === MISSING) return new Undefined(null, obj, name);
  if (name.startsWith('_'))
    return new Undefined(`access to attribute '${name}' of '${pyTypeName(obj)}' object is unsafe.`, obj, name, 'SecurityError');
  return value;
}

function doInt(value: PyValue, fallback: PyValue, base: PyValue): PyValue {
  if (value instanceof Undefined) value.fail(pyRepr);
  try {
    if (typeof value === 'string') return parseIntText(value, Number(intOf(base as number)));
    const kind = numericKind(value);
    if (kind === 1) return intOf(value);
    if (kind === 2) return truncateFloat(floatOf(value));
    throw typeError(`int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(value)}'`);
  } catch (error) {
    if (!(error instanceof PythonError) || !['TypeError', 'ValueError'].includes(error.pyClass)) throw error;
    try {
      if (typeof value === 'string') return truncateFloat(parseFloatText(value));
      throw error;
    } catch (inner) {
      if (!(inner instanceof PythonError) || !['TypeError', 'ValueError', 'OverflowError'].includes(inner.pyClass)) throw inner;
      return fallback;
    }
  }
}

function truncateFloat(x: number): PyValue {
  if (Number.isNaN(x)) throw valueError('cannot convert float NaN to integer');
  if (!Number.isFinite(x)) throw new PythonError('OverflowError', 'cannot convert float infinity to integer');
  const t = Math.trunc(x) + 0;
  return Number.isSafeInteger(t) ? t : normBig(BigInt(t));
}

function doFloat(value: PyValue, fallback: PyValue): PyValue {
  if (value instanceof Undefined) value.fail(pyRepr);
  if (typeof value === 'string') {
    try {
      return new PyFloat(parseFloatText(value));
    } catch {
      return fallback;
    }
  }
  const kind = numericKind(value);
  return kind === 0 ? fallback : new PyFloat(floatOf(value));
}

function doRound(value: PyValue, precision: PyValue, method: PyValue): PyValue {
  if (method !== 'common' && method !== 'ceil' && method !== 'floor') {
    throw new PythonError('FilterArgumentError', 'method must be common, ceil or floor');
  }
  const digits = Number(intOf(precision));
  if (method === 'common') {
    if (isInt(value) || typeof value === 'boolean') {
      if (digits >= 0) return intOf(value);
      const scale = 10 ** -digits;
      const n = Number(intOf(value));
      const q = Math.floor(n / scale);
      const r = n - q * scale;
      const rounded = r * 2 > scale || (r * 2 === scale && q % 2 !== 0) ? q + 1 : q;
      return rounded * scale;
    }
    if (!isFloat(value)) throw typeError(`type ${pyTypeName(value)} doesn't define __round__ method`);
    return new PyFloat(roundFloat(floatOf(value), digits));
  }
  const f = method === 'ceil' ? Math.ceil : Math.floor;
  return new PyFloat(f(floatOf(value) * 10 ** digits) / 10 ** digits);
}

function abs(value: PyValue): PyValue {
  const kind = numericKind(value);
  if (kind === 1) {
    const n = intOf(value);
    return typeof n === 'bigint' ? normBig(n < 0n ? -n : n) : Math.abs(n);
  }
  if (kind === 2) return new PyFloat(Math.abs(floatOf(value)));
  throw typeError(`bad operand type for abs(): '${pyTypeName(value)}'`);
}

export function valueFilters(): [string, FilterFn][] {
  const defaultFilter = filter('default', "default_value='', boolean=False", (v, [d, boolean]) =>
    v instanceof Undefined || (truthy(boolean as PyValue) && !truthy(v)) ? (d as PyValue) : v,
  );
  return [
    ['abs', filter('abs', '', (v) => abs(v))],
    ['attr', filter('attr', 'name', (v, [name]) => attributeOnly(v, str(name)))],
    ['default', defaultFilter],
    ['d', defaultFilter],
    ['float', filter('float', 'default=0.0', (v, [d]) => doFloat(v, d as PyValue))],
    ['int', filter('int', 'default=0, base=10', (v, [d, base]) => doInt(v, d as PyValue, base as PyValue))],
    ['round', filter('round', "precision=0, method='common'", (v, [p, m]) => doRound(v, p as PyValue, m as PyValue))],
    ['length', filter('length', '', (v) => length(v))],
    ['count', filter('count', '', (v) => length(v))],
    ['list', filter('list', '', (v, _a, rt) => [...rt.iterate(v)])],
  ];
}
