// Python's int and float: ints are exact (number when safe, bigint beyond), floats are IEEE doubles
// rendered and rounded as CPython does.
import { overflowError, valueError, zeroDivisionError } from '../errors.js';
import { limitError } from '../limits.js';
import { NOT_IMPLEMENTED, type NotImplemented, PyObject, type PyValue } from './object.js';

export type PyInt = number | bigint;

const MAX_SAFE = 9007199254740991n;
/** Python refuses to print or parse ints with more decimal digits than this (sys.int_info). */
export const INT_MAX_STR_DIGITS = 4300;

/** A Python float. Engine results are always PyFloat, so `1.0` stays distinct from `1`. */
export class PyFloat extends PyObject {
  constructor(readonly value: number) {
    super();
  }
  get pyType(): string {
    return 'float';
  }
  repr(): string {
    return floatRepr(this.value);
  }
  override truthy(): boolean {
    return this.value !== 0 && !Number.isNaN(this.value);
  }
  override equals(other: PyValue): boolean | NotImplemented {
    const kind = numericKind(other);
    return kind === 0 ? NOT_IMPLEMENTED : numCompare(this, other) === 0;
  }
  override compare(other: PyValue): number | NotImplemented {
    return numericKind(other) === 0 ? NOT_IMPLEMENTED : numCompare(this, other);
  }
}

/** 0: not a number, 1: int (bool included, as in Python), 2: float. */
export function numericKind(v: PyValue): 0 | 1 | 2 {
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) ? 1 : 2;
    case 'bigint':
    case 'boolean':
      return 1;
    case 'object':
      return v instanceof PyFloat ? 2 : 0;
    default:
      return 0;
  }
}

export function isInt(v: PyValue): v is number | bigint {
  return (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint';
}

export function isFloat(v: PyValue): boolean {
  return v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v));
}

/** The int value of an int or bool. */
export function intOf(v: PyValue): PyInt {
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v as PyInt;
}

/** The float value of any number (int, bool or float). */
export function floatOf(v: PyValue): number {
  if (v instanceof PyFloat) return v.value;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return bigToFloat(v);
  return v as number;
}

export function bigToFloat(v: bigint): number {
  const f = Number(v);
  if (!Number.isFinite(f)) throw overflowError('int too large to convert to float');
  return f;
}

export function normBig(v: bigint): PyInt {
  return v <= MAX_SAFE && v >= -MAX_SAFE ? Number(v) : v;
}

export function toBig(v: PyInt): bigint {
  return typeof v === 'bigint' ? v : BigInt(v);
}

export function intAdd(a: PyInt, b: PyInt): PyInt {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  return normBig(toBig(a) + toBig(b));
}

export function intSub(a: PyInt, b: PyInt): PyInt {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  return normBig(toBig(a) - toBig(b));
}

export function intMul(a: PyInt, b: PyInt, maxBits: number): PyInt {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (Number.isSafeInteger(r)) return r + 0;
  }
  checkIntBits(bitLength(a) + bitLength(b), maxBits);
  return normBig(toBig(a) * toBig(b));
}

export function intNeg(a: PyInt): PyInt {
  return typeof a === 'number' ? 0 - a : normBig(-a);
}

export function intFloorDiv(a: PyInt, b: PyInt): PyInt {
  if (b === 0) throw zeroDivisionError('integer division or modulo by zero');
  if (typeof a === 'number' && typeof b === 'number' && Math.abs(a) < 2 ** 31 && Math.abs(b) < 2 ** 31) {
    return Math.floor(a / b) + 0;
  }
  const x = toBig(a);
  const y = toBig(b);
  let q = x / y;
  if (x % y !== 0n && x < 0n !== y < 0n) q -= 1n;
  return normBig(q);
}

export function intMod(a: PyInt, b: PyInt): PyInt {
  if (b === 0) throw zeroDivisionError('integer modulo by zero');
  if (typeof a === 'number' && typeof b === 'number') {
    let r = a % b;
    if (r !== 0 && r < 0 !== b < 0) r += b;
    return r + 0;
  }
  const y = toBig(b);
  let r = toBig(a) % y;
  if (r !== 0n && r < 0n !== y < 0n) r += y;
  return normBig(r);
}

/** int / int, correctly rounded like CPython's long_true_divide for the common sizes. */
export function intTrueDiv(a: PyInt, b: PyInt): number {
  if (b === 0) throw zeroDivisionError('division by zero');
  if (typeof a === 'number' && typeof b === 'number') return a / b;
  const x = toBig(a);
  const y = toBig(b);
  const shift = Math.max(0, 64 - (bitLength(x) - bitLength(y)));
  const q = (x << BigInt(shift)) / y;
  const result = Number(q) / 2 ** shift;
  if (!Number.isFinite(result)) throw overflowError('integer division result too large for a float');
  return result;
}

/** int ** int: an int, or a PyFloat for a negative exponent. */
export function intPow(base: PyInt, exp: PyInt, maxBits: number): PyInt | PyFloat {
  if (exp < 0) {
    if (base === 0) throw zeroDivisionError('0.0 cannot be raised to a negative power');
    return new PyFloat(floatPow(floatOf(base), floatOf(exp)));
  }
  if (typeof exp === 'bigint') {
    // Only 0, 1 and -1 have a power this large that fits anywhere.
    if (base === 0 || base === 1) return base;
    if (base === -1) return exp % 2n === 0n ? 1 : -1;
    checkIntBits(bitLength(base) * Number(exp), maxBits);
  }
  const e = Number(exp);
  if (typeof base === 'number') {
    const r = base ** e;
    if (Number.isSafeInteger(r)) return r;
  }
  checkIntBits(bitLength(base) * e, maxBits);
  return normBig(toBig(base) ** BigInt(e));
}

export function floatPow(x: number, y: number): number {
  if (x === 0 && y < 0) throw zeroDivisionError('0.0 cannot be raised to a negative power');
  const r = x ** y;
  if (!Number.isFinite(r) && Number.isFinite(x) && Number.isFinite(y)) {
    throw overflowError("(34, 'Numerical result out of range')");
  }
  return r;
}

/** CPython's float_divmod, so floor division and modulo of floats match bit for bit. */
export function floatDivMod(vx: number, wx: number, op: string): [number, number] {
  if (wx === 0) throw zeroDivisionError(op === '//' ? 'float floor division by zero' : 'float modulo');
  let mod = vx % wx;
  let div = (vx - mod) / wx;
  if (mod) {
    if (wx < 0 !== mod < 0) {
      mod += wx;
      div -= 1;
    }
  } else {
    mod = wx < 0 ? -0 : 0;
  }
  let floordiv: number;
  if (div) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1;
  } else {
    floordiv = vx / wx < 0 || Object.is(vx / wx, -0) ? -0 : 0;
  }
  return [floordiv, mod];
}

export function bitLength(v: PyInt): number {
  if (typeof v === 'number') return v === 0 ? 0 : Math.floor(Math.log2(Math.abs(v))) + 1;
  return (v < 0n ? -v : v).toString(2).length;
}

function checkIntBits(bits: number, maxBits: number): void {
  if (bits > maxBits) throw limitError(`an integer of about ${bits} bits (the limit is ${maxBits})`);
}

/** Exact comparison of two numbers of any kind (Python compares int and float exactly). */
export function numCompare(a: PyValue, b: PyValue): number {
  const ka = numericKind(a);
  const kb = numericKind(b);
  if (ka === 1 && kb === 1) {
    const x = intOf(a);
    const y = intOf(b);
    if (typeof x === 'number' && typeof y === 'number') return x < y ? -1 : x > y ? 1 : 0;
    const bx = toBig(x);
    const by = toBig(y);
    return bx < by ? -1 : bx > by ? 1 : 0;
  }
  if (ka === 1 || kb === 1) {
    const f = ka === 2 ? floatOf(a) : floatOf(b);
    const i = ka === 1 ? intOf(a) : intOf(b);
    const sign = ka === 1 ? 1 : -1;
    return sign * compareIntFloat(i, f);
  }
  const x = floatOf(a);
  const y = floatOf(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareIntFloat(i: PyInt, f: number): number {
  if (Number.isNaN(f)) return Number.NaN;
  if (f === Infinity) return -1;
  if (f === -Infinity) return 1;
  if (typeof i === 'number') return i < f ? -1 : i > f ? 1 : 0;
  const whole = Math.floor(f);
  const bw = BigInt(whole);
  if (i < bw) return -1;
  if (i > bw) return 1;
  return whole < f ? -1 : 0;
}

/** Python's repr/str of a float: the shortest round-tripping digits, CPython's layout. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, expText] = x.toExponential().split('e');
  const sign = x < 0 ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  const exp = Number(expText);
  const decpt = exp + 1;
  if (decpt > 16 || decpt < -3) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp).toString().padStart(2, '0');
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${e}`;
  }
  if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
  if (decpt >= digits.length) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`;
  return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}

/** str(int), refusing more digits than Python does. */
export function intStr(v: PyInt): string {
  if (typeof v === 'number') return String(v);
  const text = v.toString();
  if (text.length - (v < 0n ? 1 : 0) > INT_MAX_STR_DIGITS) {
    throw valueError(
      `Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit`,
    );
  }
  return text;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: Python's str.strip counts the separators U+001C..U+001F as whitespace
const PY_WHITESPACE = /^[\s\u001c-\u001f]+|[\s\u001c-\u001f]+$/g;

/** Python's int(text, base): whitespace, sign, underscores between digits, base prefixes. */
export function parseIntText(text: string, base: number, label: string = text): PyInt {
  const invalid = () => valueError(`invalid literal for int() with base ${base}: ${label}`);
  let s = text.replace(PY_WHITESPACE, '');
  let negative = false;
  if (s.startsWith('+') || s.startsWith('-')) {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  let radix = base;
  const prefix = s.slice(0, 2).toLowerCase();
  const prefixRadix = prefix === '0x' ? 16 : prefix === '0o' ? 8 : prefix === '0b' ? 2 : 0;
  if (prefixRadix && (base === 0 || base === prefixRadix)) {
    radix = prefixRadix;
    s = s.slice(2);
    if (s.startsWith('_')) s = s.slice(1);
  } else if (base === 0) {
    radix = 10;
    if (/^0+(_?0)*$/.test(s)) return 0;
    if (s.startsWith('0')) throw invalid();
  }
  if (radix < 2 || radix > 36) throw valueError('int() base must be >= 2 and <= 36, or 0');
  if (s === '' || s.startsWith('_') || s.endsWith('_') || s.includes('__')) throw invalid();
  const clean = s.replaceAll('_', '');
  if (radix === 10 && clean.length > INT_MAX_STR_DIGITS) {
    throw valueError(
      `Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion: value has ${clean.length} digits; use sys.set_int_max_str_digits() to increase the limit`,
    );
  }
  let result = 0n;
  const bigRadix = BigInt(radix);
  for (const ch of clean.toLowerCase()) {
    const digit = digitValue(ch);
    if (digit < 0 || digit >= radix) throw invalid();
    result = result * bigRadix + BigInt(digit);
  }
  return normBig(negative ? -result : result);
}

function digitValue(ch: string): number {
  const code = ch.codePointAt(0)!;
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 87;
  const unicodeDigit = /^\p{Nd}$/u.test(ch) ? Number.parseInt(ch.normalize('NFKC'), 10) : Number.NaN;
  return Number.isNaN(unicodeDigit) ? -1 : unicodeDigit;
}

const FLOAT_TEXT = /^[+-]?(?:(?:\d(?:_?\d)*)?\.?\d(?:_?\d)*(?:[eE][+-]?\d(?:_?\d)*)?|\d(?:_?\d)*\.(?:[eE][+-]?\d(?:_?\d)*)?)$/;

/** Python's float(text). */
export function parseFloatText(text: string): number {
  const s = text.replace(PY_WHITESPACE, '');
  const lower = s.toLowerCase().replace(/^[+-]/, '');
  const negative = s.startsWith('-');
  if (lower === 'inf' || lower === 'infinity') return negative ? -Infinity : Infinity;
  if (lower === 'nan') return Number.NaN;
  if (!FLOAT_TEXT.test(s)) throw valueError(`could not convert string to float: ${reprAscii(text)}`);
  return Number(s.replaceAll('_', ''));
}

/** A minimal repr of a str for error messages raised below the repr layer. */
function reprAscii(text: string): string {
  return text.includes("'") && !text.includes('"') ? `"${text}"` : `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}
