// Python's format-spec mini-language (format(value, spec), str.format fields):
// [[fill]align][sign][z][#][0][width][grouping][.precision][type].

import { PyDate } from '../datetime/model.js';
import { strftime } from '../datetime/strftime.js';
import { overflowError, typeError, valueError } from '../errors.js';
import { limitError } from '../limits.js';
import { formatExponent, formatFixed, formatGeneral } from '../values/float-format.js';
import { floatOf, floatRepr, intOf, intStr, numericKind } from '../values/number.js';
import type { PyValue } from '../values/object.js';
import { pyStr } from '../values/repr.js';
import { pyTypeName } from '../values/type-name.js';

interface Spec {
  fill: string;
  align: string;
  sign: string;
  alternate: boolean;
  zero: boolean;
  width: number;
  grouping: string;
  precision: number;
  type: string;
}

const SPEC = /^(?:(.)?([<>=^]))?([+\- ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/su;

function parseSpec(text: string, maxLength: number): Spec {
  const m = SPEC.exec(text);
  if (m === null) throw valueError('Invalid format specifier');
  const width = m[7] === undefined ? -1 : Number(m[7]);
  if (width > maxLength) throw limitError(`a field width of ${width}`);
  if (m[9] !== undefined && Number(m[9]) > maxLength) throw limitError(`a precision of ${m[9]}`);
  return {
    fill: m[1] ?? (m[6] && !m[2] ? '0' : ' '),
    align: m[2] ?? (m[6] ? '=' : ''),
    sign: m[3] ?? '-',
    alternate: m[5] !== undefined,
    zero: m[6] !== undefined,
    width,
    grouping: m[8] ?? '',
    precision: m[9] === undefined ? -1 : Number(m[9]),
    type: m[10] ?? '',
  };
}

function pad(body: string, prefix: string, spec: Spec, defaultAlign: string): string {
  const length = [...prefix].length + [...body].length;
  if (spec.width <= length) return prefix + body;
  const fill = spec.fill.repeat(spec.width - length);
  switch (spec.align || defaultAlign) {
    case '<':
      return prefix + body + fill;
    case '^': {
      const half = Math.floor((spec.width - length) / 2);
      return spec.fill.repeat(half) + prefix + body + spec.fill.repeat(spec.width - length - half);
    }
    case '=':
      return prefix + fill + body;
    default:
      return fill + prefix + body;
  }
}

function group(digits: string, separator: string, size: number): string {
  if (!separator) return digits;
  let out = '';
  for (let i = digits.length; i > 0; i -= size) out = digits.slice(Math.max(0, i - size), i) + (out ? separator + out : '');
  return out;
}

function signPrefix(negative: boolean, spec: Spec): string {
  if (negative) return '-';
  return spec.sign === '+' ? '+' : spec.sign === ' ' ? ' ' : '';
}

function formatInt(value: bigint, spec: Spec): string {
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  let digits: string;
  let prefix = '';
  switch (spec.type) {
    case 'b':
      digits = magnitude.toString(2);
      prefix = spec.alternate ? '0b' : '';
      break;
    case 'o':
      digits = magnitude.toString(8);
      prefix = spec.alternate ? '0o' : '';
      break;
    case 'x':
    case 'X':
      digits = magnitude.toString(16);
      prefix = spec.alternate ? '0x' : '';
      if (spec.type === 'X') {
        digits = digits.toUpperCase();
        prefix = prefix.toUpperCase();
      }
      break;
    case 'c':
      if (value < 0n || value > 0x10ffffn) throw overflowError('%c arg not in range(0x110000)');
      return pad(String.fromCodePoint(Number(value)), '', spec, '<');
    default:
      digits = intStr(magnitude);
  }
  const size = spec.type === 'd' || spec.type === '' || spec.type === 'n' ? 3 : 4;
  return pad(group(digits, spec.grouping, size), signPrefix(negative, spec) + prefix, spec, '>');
}

function formatFloat(value: number, spec: Spec): string {
  const negative = value < 0 || Object.is(value, -0);
  const x = Math.abs(value);
  const precision = spec.precision < 0 ? 6 : spec.precision;
  const upper = spec.type === 'E' || spec.type === 'F' || spec.type === 'G';
  let body: string;
  switch (spec.type) {
    case 'e':
    case 'E':
      body = formatExponent(x, precision, upper, spec.alternate);
      break;
    case 'f':
    case 'F':
      body = formatFixed(x, precision, upper);
      break;
    case '%':
      body = `${formatFixed(x * 100, precision)}%`;
      break;
    case 'g':
    case 'G':
    case 'n':
      body = formatGeneral(x, precision, upper, spec.alternate);
      break;
    default:
      if (spec.precision < 0) body = floatRepr(x);
      else {
        body = formatGeneral(x, spec.precision, false, spec.alternate);
        if (/^\d+$/.test(body)) body += '.0';
      }
  }
  if (spec.grouping && Number.isFinite(x)) {
    const [whole, ...rest] = body.split('.');
    body = [group(whole, spec.grouping, 3), ...rest].join('.');
  }
  return pad(body, signPrefix(negative, spec), spec, '>');
}

/** format(value, spec). `maxLength` bounds widths (a sandbox limit). */
export function formatValue(value: PyValue, specText: string, maxLength: number): string {
  if (value instanceof PyDate) return strftime(value, specText, maxLength);
  if (specText === '') return pyStr(value);
  const spec = parseSpec(specText, maxLength);
  if (typeof value === 'boolean' && spec.type === '') return formatInt(value ? 1n : 0n, spec);
  const kind = numericKind(value);
  if (kind === 1 && typeof value !== 'boolean' && !'eEfFgG%'.includes(spec.type || '-')) {
    if (spec.precision >= 0) throw valueError('Precision not allowed in integer format specifier');
    if ('sS'.includes(spec.type) && spec.type) throw valueError(`Unknown format code '${spec.type}' for object of type 'int'`);
    return formatInt(BigInt(intOf(value)), spec);
  }
  if (kind !== 0 && typeof value !== 'boolean') {
    if ('bcdoxX'.includes(spec.type) && spec.type) throw valueError(`Unknown format code '${spec.type}' for object of type 'float'`);
    return formatFloat(floatOf(value), spec);
  }
  if (typeof value === 'boolean' && spec.type && spec.type !== 's') return formatInt(value ? 1n : 0n, spec);
  if (typeof value === 'string') {
    if (spec.type && spec.type !== 's') throw valueError(`Unknown format code '${spec.type}' for object of type '${pyTypeName(value)}'`);
    if (spec.sign !== '-') throw valueError('Sign not allowed in string format specifier');
    if (spec.align === '=') throw valueError("'=' alignment not allowed in string format specifier");
    let text = value;
    if (spec.precision >= 0) text = [...text].slice(0, spec.precision).join('');
    return pad(text, '', spec, '<');
  }
  throw typeError(`unsupported format string passed to ${pyTypeName(value)}.__format__`);
}
