// printf-style formatting: 'str' % args.
import { keyError, overflowError, typeError, valueError } from '../errors.js';
import { limitError } from '../limits.js';
import { PyBytes, PyTuple } from '../values/containers.js';
import { isMapping, mappingGet } from '../values/dict.js';
import { formatExponent, formatFixed, formatGeneral } from '../values/float-format.js';
import { floatOf, intOf, intStr, numericKind, toBig } from '../values/number.js';
import { MISSING, type PyValue } from '../values/object.js';
import { pyRepr, pyStr } from '../values/repr.js';
import { pyTypeName } from '../values/type-name.js';
import { Undefined } from '../values/undefined.js';

const SPEC = /%(?:\(([^)]*)\))?([#0\- +]*)(\*|\d+)?(?:\.(\*|\d*))?[hlL]?(.?)/gsy;

export function percentFormat(format: string, argsValue: PyValue, maxLength: number): string {
  const tupleArgs = argsValue instanceof PyTuple ? argsValue.items : null;
  const args = tupleArgs ?? [argsValue];
  const mapping = tupleArgs === null && isMapping(argsValue) ? argsValue : null;
  // CPython skips the "not all arguments converted" check for any single argument with
  // __getitem__ (mappings, but also lists and bytes), as PyUnicode_Format does.
  const subscriptable = mapping !== null || Array.isArray(argsValue) || argsValue instanceof PyBytes || argsValue instanceof Undefined;
  let next = 0;
  let usedMapping = false;
  const take = (): PyValue => {
    if (next >= args.length) throw typeError('not enough arguments for format string');
    return args[next++];
  };
  let out = '';
  let pos = 0;
  while (pos < format.length) {
    const percent = format.indexOf('%', pos);
    if (percent < 0) {
      out += format.slice(pos);
      break;
    }
    out += format.slice(pos, percent);
    SPEC.lastIndex = percent;
    const m = SPEC.exec(format)!;
    pos = SPEC.lastIndex;
    const [, key, flags, widthText, precisionText, type] = m;
    if (type === '%' && key === undefined && !flags && widthText === undefined && precisionText === undefined) {
      out += '%';
      continue;
    }
    let value: PyValue;
    if (key !== undefined) {
      if (argsValue instanceof Undefined) argsValue.fail(pyRepr);
      if (mapping === null) throw typeError('format requires a mapping');
      const found = mappingGet(mapping, key);
      if (found === MISSING) throw keyError(pyRepr(key));
      value = found;
      usedMapping = true;
    }
    const width = widthText === '*' ? Number(intOf(take())) : widthText === undefined ? -1 : Number(widthText);
    const precision = precisionText === '*' ? Number(intOf(take())) : precisionText === undefined ? -1 : Number(precisionText || '0');
    if (width > maxLength || precision > maxLength) throw limitError(`a field width of ${Math.max(width, precision)}`);
    if (type === '') throw valueError('incomplete format');
    value = key !== undefined ? value! : take();
    out += convert(type, value, flags, width, precision, percent);
    if (out.length > maxLength) throw limitError(`a string of ${out.length} characters`);
  }
  if (next < args.length && !usedMapping && !(subscriptable && next === 0)) {
    throw typeError('not all arguments converted during string formatting');
  }
  return out;
}

function convert(type: string, value: PyValue, flags: string, width: number, precision: number, index: number): string {
  let body: string;
  let sign = '';
  let prefix = '';
  const numeric = 'diuoxXeEfFgG'.includes(type);
  if (numeric) {
    if (value instanceof Undefined) value.fail(pyRepr);
    const kind = numericKind(value);
    if (kind === 0) {
      const what = 'diuoxX'.includes(type)
        ? type === 'x' || type === 'X' || type === 'o'
          ? 'an integer'
          : 'a real number'
        : 'a real number';
      throw typeError(`%${type} format: ${what} is required, not ${pyTypeName(value)}`);
    }
    if ('diu'.includes(type)) {
      const n = kind === 2 ? BigInt(Math.trunc(floatOf(value))) : toBig(intOf(value));
      sign = n < 0n ? '-' : '';
      body = intStr(n < 0n ? -n : n);
      if (precision > body.length) body = body.padStart(precision, '0');
    } else if ('oxX'.includes(type)) {
      if (kind === 2) throw typeError(`%${type} format: an integer is required, not float`);
      const n = toBig(intOf(value));
      sign = n < 0n ? '-' : '';
      body = (n < 0n ? -n : n).toString(type === 'o' ? 8 : 16);
      if (type === 'X') body = body.toUpperCase();
      if (flags.includes('#')) prefix = type === 'o' ? '0o' : type === 'x' ? '0x' : '0X';
    } else {
      const x = floatOf(value);
      sign = x < 0 || Object.is(x, -0) ? '-' : '';
      const p = precision < 0 ? 6 : precision;
      const upper = type === type.toUpperCase();
      const alt = flags.includes('#');
      body = 'eE'.includes(type)
        ? formatExponent(Math.abs(x), p, upper, alt)
        : 'fF'.includes(type)
          ? formatFixed(Math.abs(x), p, upper)
          : formatGeneral(Math.abs(x), p, upper, alt);
    }
    if (!sign) sign = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  } else if (type === 's' || type === 'r' || type === 'a') {
    body = type === 's' ? pyStr(value) : pyRepr(value);
    if (precision >= 0) body = [...body].slice(0, precision).join('');
  } else if (type === 'c') {
    if (typeof value === 'string' && [...value].length === 1) body = value;
    else if (numericKind(value) === 1) {
      const code = Number(intOf(value));
      if (code < 0 || code > 0x10ffff) throw overflowError('%c arg not in range(0x110000)');
      body = String.fromCodePoint(code);
    } else throw typeError('%c requires int or char');
  } else {
    const code = type.codePointAt(0) ?? 0;
    throw valueError(`unsupported format character '${type}' (0x${code.toString(16)}) at index ${index + 1}`);
  }
  const total = sign.length + prefix.length + [...body].length;
  if (width <= total) return sign + prefix + body;
  if (flags.includes('-')) return sign + prefix + body + ' '.repeat(width - total);
  if (flags.includes('0') && numeric) return sign + prefix + '0'.repeat(width - total) + body;
  return ' '.repeat(width - total) + sign + prefix + body;
}
