// Python's operators and protocols over engine values: arithmetic, `in`, len(), iteration,
// subscription, and Jinja's sandboxed attribute and item access.
import { lookupAttribute } from '../builtins/attributes.js';
import { percentFormat } from '../builtins/percent-format.js';
import { dateAdd, dateSub, negateTemporal, timedeltaArithmetic } from '../datetime/arithmetic.js';
import { PyDuration, PyTimeDelta } from '../datetime/model.js';
import { indexError, isPyInstance, keyError, overflowError, typeError, zeroDivisionError } from '../errors.js';
import type { Budget } from '../limits.js';
import { PyCallable } from '../values/callable.js';
import { pyEquals } from '../values/compare.js';
import { PyBytes, PyComplex, PySet, PyTuple } from '../values/containers.js';
import { isMapping, isPlainDict, mappingHas, mappingKeys, mappingSize, PyMapping } from '../values/dict.js';
import { PyDictView, PyIterator } from '../values/iterator.js';
import { keyOf } from '../values/keys.js';
import {
  floatDivMod,
  floatOf,
  floatPow,
  intAdd,
  intFloorDiv,
  intMod,
  intMul,
  intNeg,
  intOf,
  intPow,
  intSub,
  intTrueDiv,
  isInt,
  numericKind,
  PyFloat,
} from '../values/number.js';
import { MISSING, NOT_IMPLEMENTED, PyObject, type PyValue } from '../values/object.js';
import { charsOf, pyLen } from '../values/pystr.js';
import { pyRepr } from '../values/repr.js';
import { PySlice, sliceSequence, sliceString } from '../values/slice.js';
import { StreamSlice } from '../values/stream-slice.js';
import { pyTypeName } from '../values/type-name.js';
import { Undefined } from '../values/undefined.js';
import type { BinaryOperator } from './ast.js';
import type { Kwargs, Runtime } from './runtime-api.js';

/** sys.maxsize: repetition counts must fit in a C ssize_t. */
const MAX_SSIZE = 2n ** 63n - 1n;

function unsupported(op: string, a: PyValue, b: PyValue): Error {
  return typeError(`unsupported operand type(s) for ${op}: '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

function failIfUndefined(a: PyValue, b: PyValue): void {
  if (a instanceof Undefined) a.fail(pyRepr);
  if (b instanceof Undefined) b.fail(pyRepr);
}

export function binaryOp(op: BinaryOperator, a: PyValue, b: PyValue, budget: Budget): PyValue {
  const ka = numericKind(a);
  const kb = numericKind(b);
  if (ka !== 0 && kb !== 0) return numericOp(op, a, b, ka === 1 && kb === 1, budget);
  // str % x is str's own formatting, tried before any reflected operator (so even x = Undefined).
  if (op === '%' && typeof a === 'string') {
    const text = percentFormat(a, b, budget.limits.maxStringLength);
    budget.checkString(text.length);
    return text;
  }
  failIfUndefined(a, b);
  switch (op) {
    case '+':
      return add(a, b, budget);
    case '*':
      return multiply(a, b, budget);
    case '-':
      if (a instanceof PySet && b instanceof PySet) return new PySet([...a.members.values()].filter((x) => !b.has(x)));
      break;
  }
  const temporal = op === '-' ? dateSub(a, b) : timedeltaArithmetic(op, a, b);
  if (temporal !== NOT_IMPLEMENTED) return temporal;
  throw unsupported(op, a, b);
}

function numericOp(op: BinaryOperator, a: PyValue, b: PyValue, ints: boolean, budget: Budget): PyValue {
  if (ints) {
    const x = intOf(a);
    const y = intOf(b);
    switch (op) {
      case '+':
        return intAdd(x, y);
      case '-':
        return intSub(x, y);
      case '*':
        return intMul(x, y, budget.limits.maxIntBits);
      case '/':
        return new PyFloat(intTrueDiv(x, y));
      case '//':
        return intFloorDiv(x, y);
      case '%':
        return intMod(x, y);
      default:
        return intPow(x, y, budget.limits.maxIntBits);
    }
  }
  const x = floatOf(a);
  const y = floatOf(b);
  switch (op) {
    case '+':
      return new PyFloat(x + y);
    case '-':
      return new PyFloat(x - y);
    case '*':
      return new PyFloat(x * y);
    case '/':
      if (y === 0) throw zeroDivisionError('float division by zero');
      return new PyFloat(x / y);
    case '//':
      return new PyFloat(floatDivMod(x, y, '//')[0]);
    case '%':
      return new PyFloat(floatDivMod(x, y, '%')[1]);
    default:
      return floatPower(x, y);
  }
}

/** float ** float; a negative base with a fractional exponent gives a complex number, as in Python 3. */
function floatPower(x: number, y: number): PyValue {
  if (x < 0 && !Number.isInteger(y) && Number.isFinite(y)) {
    const magnitude = Math.abs(x) ** y;
    const phase = Math.PI * y;
    return new PyComplex(magnitude * Math.cos(phase), magnitude * Math.sin(phase));
  }
  return new PyFloat(floatPow(x, y));
}

function add(a: PyValue, b: PyValue, budget: Budget): PyValue {
  if (typeof a === 'string') {
    if (typeof b !== 'string') throw typeError(`can only concatenate str (not "${pyTypeName(b)}") to str`);
    budget.checkString(a.length + b.length);
    return a + b;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b)) throw typeError(`can only concatenate list (not "${pyTypeName(b)}") to list`);
    budget.checkCollection(a.length + b.length);
    return a.concat(b);
  }
  if (a instanceof PyTuple) {
    if (!(b instanceof PyTuple)) throw typeError(`can only concatenate tuple (not "${pyTypeName(b)}") to tuple`);
    budget.checkCollection(a.items.length + b.items.length);
    return new PyTuple([...a.items, ...b.items]);
  }
  const temporal = dateAdd(a, b);
  if (temporal !== NOT_IMPLEMENTED) return temporal;
  throw unsupported('+', a, b);
}

function multiply(a: PyValue, b: PyValue, budget: Budget): PyValue {
  const [seq, count] = numericKind(a) === 1 ? [b, a] : [a, b];
  const isSeq = typeof seq === 'string' || Array.isArray(seq) || seq instanceof PyTuple;
  if (isSeq) {
    if (numericKind(count) !== 1) throw typeError(`can't multiply sequence by non-int of type '${pyTypeName(count)}'`);
    const times = intOf(count);
    if (times > MAX_SSIZE || times < -MAX_SSIZE) throw overflowError("cannot fit 'int' into an index-sized integer");
    const length = typeof seq === 'string' ? seq.length : Array.isArray(seq) ? seq.length : (seq as PyTuple).items.length;
    const n = length === 0 ? 0 : Math.max(0, Number(times));
    if (typeof seq === 'string') {
      budget.checkString(seq.length * n);
      return seq.repeat(n);
    }
    const items = Array.isArray(seq) ? seq : (seq as PyTuple).items;
    budget.checkCollection(items.length * n);
    const out: PyValue[] = [];
    for (let i = 0; i < n; i++) out.push(...items);
    return Array.isArray(seq) ? out : new PyTuple(out);
  }
  const temporal = timedeltaArithmetic('*', a, b);
  if (temporal !== NOT_IMPLEMENTED) return temporal;
  throw unsupported('*', a, b);
}

export function unaryOp(op: '-' | '+', a: PyValue): PyValue {
  const kind = numericKind(a);
  if (kind === 1) return op === '-' ? intNeg(intOf(a)) : intOf(a);
  if (kind === 2) return new PyFloat(op === '-' ? -floatOf(a) : floatOf(a));
  if (a instanceof Undefined) a.fail(pyRepr);
  if (op === '+' && (a instanceof PyTimeDelta || a instanceof PyDuration)) return a;
  if (op === '-') {
    const negated = negateTemporal(a);
    if (negated !== NOT_IMPLEMENTED) return negated;
  }
  throw typeError(`bad operand type for unary ${op}: '${pyTypeName(a)}'`);
}

/** `item in container`. */
export function contains(container: PyValue, item: PyValue, rt: Runtime): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') throw typeError(`'in <string>' requires string as left operand, not ${pyTypeName(item)}`);
    return container.includes(item);
  }
  if (Array.isArray(container)) return container.some((x) => pyEquals(x, item));
  if (isMapping(container)) return mappingHas(container, item);
  if (container instanceof PyTuple) return container.items.some((x) => pyEquals(x, item));
  if (container instanceof PySet) return container.has(item);
  if (container instanceof PyDictView && container.kind === 'keys') {
    keyOf(item);
    return container.entries.some((entry) => pyEquals(entry[0], item));
  }
  if (container instanceof PyObject && !(container instanceof PyCallable)) {
    if (
      container instanceof Undefined ||
      container instanceof PyIterator ||
      container instanceof PyDictView ||
      container instanceof PyBytes
    ) {
      return iterate(container, rt).some((x) => pyEquals(x, item));
    }
  }
  throw typeError(`argument of type '${pyTypeName(container)}' is not iterable`);
}

export function length(value: PyValue): number {
  if (typeof value === 'string') return pyLen(value);
  if (Array.isArray(value)) return value.length;
  if (isMapping(value)) return mappingSize(value);
  if (value instanceof PyTuple) return value.items.length;
  if (value instanceof PySet) return value.size;
  if (value instanceof PyDictView) return value.entries.length;
  if (value instanceof PyBytes) return value.bytes.length;
  if (value instanceof Undefined) return 0;
  throw typeError(`object of type '${pyTypeName(value)}' has no len()`);
}

/** The items `for x in value` visits. */
export function iterate(value: PyValue, _rt?: Runtime): PyValue[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return Array.from(value);
  if (isMapping(value)) return mappingKeys(value);
  if (value instanceof PyTuple) return value.items as PyValue[];
  if (value instanceof PySet) return value.ordered();
  if (value instanceof PyIterator) return value.consume();
  if (value instanceof PyDictView) return value.items();
  if (value instanceof Undefined) return [];
  if (value instanceof PyBytes) return Array.from(value.bytes);
  throw typeError(`'${pyTypeName(value)}' object is not iterable`);
}

function sequenceIndex(length: number, key: PyValue, what: string): number {
  if (!isInt(key) && typeof key !== 'boolean') throw typeError(`${what} indices must be integers or slices, not ${pyTypeName(key)}`);
  const raw = intOf(key);
  const i = typeof raw === 'bigint' ? Number.POSITIVE_INFINITY : raw < 0 ? raw + length : raw;
  if (i < 0 || i >= length) throw indexError(`${what} index out of range`);
  return i;
}

/** Python's `obj[key]`, raising Python's errors. */
export function subscript(obj: PyValue, key: PyValue): PyValue {
  if (isPlainDict(obj)) {
    if (typeof key === 'string' && Object.hasOwn(obj, key)) return obj[key];
    keyOf(key);
    throw keyError(pyRepr(key));
  }
  if (obj instanceof PyMapping) {
    const value = obj.get(key);
    if (value === MISSING) {
      keyOf(key);
      throw keyError(pyRepr(key));
    }
    return value;
  }
  if (Array.isArray(obj)) {
    if (key instanceof PySlice) return sliceSequence(obj, key.start, key.stop, key.step);
    return obj[sequenceIndex(obj.length, key, 'list')];
  }
  if (typeof obj === 'string') {
    const chars = charsOf(obj);
    if (key instanceof PySlice) return sliceString(chars, key.start, key.stop, key.step);
    return chars[sequenceIndex(chars.length, key, 'string')];
  }
  if (obj instanceof PyTuple) {
    if (key instanceof PySlice) return new PyTuple(sliceSequence(obj.items, key.start, key.stop, key.step));
    return obj.items[sequenceIndex(obj.items.length, key, 'tuple')];
  }
  if (obj instanceof PyBytes) {
    if (key instanceof PySlice) return new PyBytes(Uint8Array.from(sliceSequence(Array.from(obj.bytes), key.start, key.stop, key.step)));
    return obj.bytes[sequenceIndex(obj.bytes.length, key, 'index')];
  }
  if (obj instanceof Undefined) obj.fail(pyRepr);
  throw typeError(`'${pyTypeName(obj)}' object is not subscriptable`);
}

/** Attributes every Python instance has (so reading them is the sandbox's "unsafe", not missing). */
const INSTANCE_DUNDERS = new Set(
  (
    '__class__ __doc__ __dir__ __delattr__ __eq__ __format__ __ge__ __getattribute__ __getstate__ __gt__ __hash__ __init__ ' +
    '__init_subclass__ __le__ __lt__ __ne__ __new__ __reduce__ __reduce_ex__ __repr__ __setattr__ __sizeof__ __str__ __subclasshook__'
  ).split(' '),
);

/** Whether Jinja's sandbox (with the CDK's exception for StreamSlice._partition) allows the attribute. */
function isSafeAttribute(obj: PyValue, name: string): boolean {
  if (!name.startsWith('_')) return true;
  return name === '_partition' && obj instanceof StreamSlice;
}

function unsafeUndefined(obj: PyValue, name: string): Undefined {
  return new Undefined(`access to attribute '${name}' of '${pyTypeName(obj)}' object is unsafe.`, obj, name, 'SecurityError');
}

/** Jinja's sandboxed `obj.name`: the attribute first, then the item. */
export function sandboxGetattr(obj: PyValue, name: string): PyValue {
  if (obj instanceof Undefined) {
    if (INSTANCE_DUNDERS.has(name)) return unsafeUndefined(obj, name);
    obj.fail(pyRepr);
  }
  const attr = lookupAttribute(obj, name);
  if (attr !== MISSING) return isSafeAttribute(obj, name) ? attr : unsafeUndefined(obj, name);
  if (isPlainDict(obj)) return Object.hasOwn(obj, name) ? obj[name] : new Undefined(null, obj, name);
  try {
    return subscript(obj, name);
  } catch (error) {
    if (!isPyInstance(error, 'TypeError') && !isPyInstance(error, 'LookupError')) throw error;
  }
  return new Undefined(null, obj, name);
}

/** Jinja's sandboxed `obj[key]`: the item first, then (for str keys) the attribute. */
export function sandboxGetitem(obj: PyValue, key: PyValue): PyValue {
  if (isPlainDict(obj) && typeof key === 'string' && Object.hasOwn(obj, key)) return obj[key];
  try {
    return subscript(obj, key);
  } catch (error) {
    if (!isPyInstance(error, 'TypeError') && !isPyInstance(error, 'LookupError')) throw error;
  }
  if (typeof key === 'string') {
    const attr = lookupAttribute(obj, key);
    if (attr !== MISSING) return isSafeAttribute(obj, key) ? attr : unsafeUndefined(obj, key);
  }
  return new Undefined(null, obj, key);
}

/** Calls a value (the sandbox only lets templates call engine callables). */
export function callValue(callee: PyValue, args: readonly PyValue[], kwargs: Kwargs, rt: Runtime): PyValue {
  if (callee instanceof PyCallable) {
    rt.budget.spend(1);
    return callee.call(args, kwargs, rt);
  }
  if (callee instanceof Undefined) callee.fail(pyRepr);
  throw typeError(`'${pyTypeName(callee)}' object is not callable`);
}
