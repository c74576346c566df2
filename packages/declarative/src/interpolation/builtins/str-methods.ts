// The methods of Python's str.
import { PythonError, typeError, valueError } from '../errors.js';
import type { Kwargs, Runtime } from '../template/runtime-api.js';
import { PyBytes, PyTuple } from '../values/containers.js';
import { isMapping, mappingGet, PyDict } from '../values/dict.js';
import { intOf, isInt } from '../values/number.js';
import { MISSING, type PyValue } from '../values/object.js';
import { charsOf, codePoints, pyLen } from '../values/pystr.js';
import { sliceIndices } from '../values/slice.js';
import { pyTypeName } from '../values/type-name.js';
import { bindArgs, checkPositional, positional } from './args.js';
import { strFormat } from './str-format.js';

export type StrMethod = (self: string, args: readonly PyValue[], kwargs: Kwargs, rt: Runtime) => PyValue;

/** Python's whitespace (str.isspace), which differs from JavaScript's \s. */
const SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const LEADING_SPACE = new RegExp(`^[${SPACE}]+`);
const TRAILING_SPACE = new RegExp(`[${SPACE}]+$`);
const IS_SPACE = new RegExp(`^[${SPACE}]+$`);

function strArg(fname: string, value: PyValue, what = 'argument'): string {
  if (typeof value !== 'string') throw typeError(`${fname}() ${what} must be str, not ${pyTypeName(value)}`);
  return value;
}

function optStr(fname: string, value: PyValue | undefined): string | null {
  return value === undefined || value === null ? null : strArg(fname, value);
}

function intArg(value: PyValue): number {
  if (!isInt(value) && typeof value !== 'boolean') {
    throw typeError(`'${pyTypeName(value)}' object cannot be interpreted as an integer`);
  }
  return Number(intOf(value));
}

/** The [start:end] window of a str, as find/count/startswith take it (in code points). */
function window(self: string, start: PyValue | undefined, end: PyValue | undefined): string {
  if ((start === undefined || start === null) && (end === undefined || end === null)) return self;
  const chars = charsOf(self);
  const indices = sliceIndices(chars.length, start ?? null, end ?? null, null);
  if (indices.length === 0) {
    const from = start === undefined || start === null ? 0 : Number(intOf(start as number));
    return from > chars.length ? '\u0000OUT' : '';
  }
  return typeof chars === 'string'
    ? chars.slice(indices[0], indices[indices.length - 1] + 1)
    : chars.slice(indices[0], indices[indices.length - 1] + 1).join('');
}

function offsetOf(self: string, start: PyValue | undefined): number {
  if (start === undefined || start === null) return 0;
  const n = pyLen(self);
  const s = Number(intOf(start as number));
  return Math.max(0, Math.min(n, s < 0 ? s + n : s));
}

function strip(self: string, chars: string | null, left: boolean, right: boolean): string {
  if (chars === null) {
    let out = self;
    if (left) out = out.replace(LEADING_SPACE, '');
    if (right) out = out.replace(TRAILING_SPACE, '');
    return out;
  }
  const set = new Set(codePoints(chars));
  const items = codePoints(self);
  let from = 0;
  let to = items.length;
  if (left) while (from < to && set.has(items[from])) from++;
  if (right) while (to > from && set.has(items[to - 1])) to--;
  return items.slice(from, to).join('');
}

function splitWhitespace(self: string, maxsplit: number, fromRight: boolean): string[] {
  const isSpace = (ch: string | undefined) => ch !== undefined && IS_SPACE.test(ch);
  const out: string[] = [];
  if (!fromRight) {
    let i = 0;
    while (i < self.length && isSpace(self[i])) i++;
    while (i < self.length) {
      if (maxsplit >= 0 && out.length === maxsplit) {
        out.push(self.slice(i));
        break;
      }
      let j = i;
      while (j < self.length && !isSpace(self[j])) j++;
      out.push(self.slice(i, j));
      i = j;
      while (i < self.length && isSpace(self[i])) i++;
    }
    return out;
  }
  let end = self.length;
  while (end > 0 && isSpace(self[end - 1])) end--;
  while (end > 0) {
    if (maxsplit >= 0 && out.length === maxsplit) {
      out.unshift(self.slice(0, end));
      break;
    }
    let start = end;
    while (start > 0 && !isSpace(self[start - 1])) start--;
    out.unshift(self.slice(start, end));
    end = start;
    while (end > 0 && isSpace(self[end - 1])) end--;
  }
  return out;
}

function split(self: string, sepValue: PyValue | undefined, maxsplitValue: PyValue | undefined, fromRight: boolean): string[] {
  const maxsplit = maxsplitValue === undefined ? -1 : intArg(maxsplitValue);
  const sep = optStr('split', sepValue);
  if (sep === null) return splitWhitespace(self, maxsplit, fromRight);
  if (sep === '') throw valueError('empty separator');
  const parts = self.split(sep);
  if (maxsplit < 0 || parts.length - 1 <= maxsplit) return parts;
  if (fromRight) return [parts.slice(0, parts.length - maxsplit).join(sep), ...parts.slice(parts.length - maxsplit)];
  return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sep)];
}

function affixes(fname: string, value: PyValue): string[] {
  if (typeof value === 'string') return [value];
  if (value instanceof PyTuple) return value.items.map((item) => strArg(fname, item, 'tuple item'));
  throw typeError(`${fname} first arg must be str or a tuple of str, not ${pyTypeName(value)}`);
}

function pad(self: string, width: PyValue, fill: PyValue | undefined, align: 'left' | 'right' | 'center', rt: Runtime): string {
  const w = intArg(width);
  const f = fill === undefined ? ' ' : strArg('pad', fill);
  if (pyLen(f) !== 1) throw typeError('The fill character must be exactly one character long');
  const n = pyLen(self);
  if (w <= n) return self;
  rt.budget.checkString(w);
  const margin = w - n;
  if (align === 'left') return self + f.repeat(margin);
  if (align === 'right') return f.repeat(margin) + self;
  const left = Math.floor(margin / 2) + (margin & w & 1);
  return f.repeat(left) + self + f.repeat(margin - left);
}

function titleCase(self: string): string {
  let out = '';
  let previousCased = false;
  for (const ch of self) {
    const cased = ch.toLowerCase() !== ch.toUpperCase();
    out += cased ? (previousCased ? ch.toLowerCase() : ch.toUpperCase()) : ch;
    previousCased = cased;
  }
  return out;
}

function find(self: string, args: readonly PyValue[], fromRight: boolean): number {
  const sub = strArg('find', args[0]);
  const haystack = window(self, args[1], args[2]);
  if (haystack === '\u0000OUT') return -1;
  const index = fromRight ? haystack.lastIndexOf(sub) : haystack.indexOf(sub);
  if (index < 0) return -1;
  return offsetOf(self, args[1]) + pyLen(haystack.slice(0, index));
}

function encode(self: string, args: readonly PyValue[], kwargs: Kwargs): PyValue {
  const [encoding, errors] = bindArgs(
    'encode',
    [
      ['encoding', 'utf-8'],
      ['errors', 'strict'],
    ],
    args,
    kwargs,
  );
  const name = String(encoding).toLowerCase().replace(/[-_]/g, '');
  if (name === 'utf8') return new PyBytes(new TextEncoder().encode(self));
  if (name === 'ascii' || name === 'latin1' || name === 'iso88591') {
    const limit = name === 'ascii' ? 0x80 : 0x100;
    const bytes: number[] = [];
    for (const ch of self) {
      const code = ch.codePointAt(0)!;
      if (code < limit) bytes.push(code);
      else if (errors === 'ignore') continue;
      else if (errors === 'replace') bytes.push(0x3f);
      else throw valueError(`'${name === 'ascii' ? 'ascii' : 'latin-1'}' codec can't encode character`);
    }
    return new PyBytes(Uint8Array.from(bytes));
  }
  throw new PythonError('LookupError', `unknown encoding: ${String(encoding)}`);
}

/** 'ab'.replace('', '-') is '-a-b-': the replacement goes between every character (up to `count` times). */
function insertBetween(s: string, replacement: string, count: number): string {
  const chars = codePoints(s);
  const slots = count < 0 ? chars.length + 1 : count;
  let out = '';
  for (let i = 0; i <= chars.length; i++) out += (i < slots ? replacement : '') + (chars[i] ?? '');
  return out;
}

function replaceCount(s: string, old: string, replacement: string, count: number): string {
  const parts = s.split(old);
  if (count < 0 || count >= parts.length - 1) return parts.join(replacement);
  return parts.slice(0, count + 1).join(replacement) + old + parts.slice(count + 1).join(old);
}

const ALL_CASED = /\p{L}/u;

export const STR_METHODS: Record<string, StrMethod> = {
  capitalize: (s, a, k) => {
    checkPositional('capitalize', a, k, 0, 0);
    const chars = codePoints(s);
    return chars.length ? chars[0].toUpperCase() + chars.slice(1).join('').toLowerCase() : '';
  },
  casefold: positional('casefold', 0, 0, (s) => s.toLowerCase().replaceAll('ß', 'ss')),
  center: positional('center', 1, 2, (s, a, rt) => pad(s, a[0], a[1], 'center', rt)),
  ljust: positional('ljust', 1, 2, (s, a, rt) => pad(s, a[0], a[1], 'left', rt)),
  rjust: positional('rjust', 1, 2, (s, a, rt) => pad(s, a[0], a[1], 'right', rt)),
  zfill: (s, a, k, rt) => {
    checkPositional('zfill', a, k, 1, 1);
    const width = intArg(a[0]);
    const n = pyLen(s);
    if (width <= n) return s;
    rt.budget.checkString(width);
    const sign = s[0] === '+' || s[0] === '-' ? s[0] : '';
    return sign + '0'.repeat(width - n) + s.slice(sign.length);
  },
  count: (s, a, k) => {
    checkPositional('count', a, k, 1, 3);
    const sub = strArg('count', a[0]);
    const haystack = window(s, a[1], a[2]);
    if (haystack === '\u0000OUT') return 0;
    if (sub === '') return pyLen(haystack) + 1;
    return haystack.split(sub).length - 1;
  },
  encode: (s, a, k) => encode(s, a, k),
  endswith: (s, a, k) => {
    checkPositional('endswith', a, k, 1, 3);
    const haystack = window(s, a[1], a[2]);
    return affixes('endswith', a[0]).some((suffix) => haystack !== '\u0000OUT' && haystack.endsWith(suffix));
  },
  startswith: (s, a, k) => {
    checkPositional('startswith', a, k, 1, 3);
    const haystack = window(s, a[1], a[2]);
    return affixes('startswith', a[0]).some((prefix) => haystack !== '\u0000OUT' && haystack.startsWith(prefix));
  },
  expandtabs: (s, a, k, rt) => {
    const [tabsize] = bindArgs('expandtabs', [['tabsize', 8]], a, k);
    const size = intArg(tabsize as PyValue);
    let out = '';
    let column = 0;
    for (const ch of s) {
      if (ch === '\t') {
        const spaces = size > 0 ? size - (column % size) : 0;
        rt.budget.checkString(out.length + spaces);
        out += ' '.repeat(spaces);
        column += spaces;
      } else {
        out += ch;
        column = ch === '\n' || ch === '\r' ? 0 : column + 1;
      }
    }
    return out;
  },
  find: positional('find', 1, 3, (s, a) => find(s, a, false)),
  rfind: positional('rfind', 1, 3, (s, a) => find(s, a, true)),
  index: (s, a, k) => {
    checkPositional('index', a, k, 1, 3);
    const i = find(s, a, false);
    if (i < 0) throw valueError('substring not found');
    return i;
  },
  rindex: (s, a, k) => {
    checkPositional('rindex', a, k, 1, 3);
    const i = find(s, a, true);
    if (i < 0) throw valueError('substring not found');
    return i;
  },
  format: (s, a, k, rt) => strFormat(s, { args: a, kwargs: k, mapping: null }, rt),
  format_map: (s, a, k, rt) => {
    checkPositional('format_map', a, k, 1, 1);
    if (!isMapping(a[0])) throw typeError(`'${pyTypeName(a[0])}' object is not subscriptable`);
    return strFormat(s, { args: [], kwargs: null, mapping: a[0] }, rt);
  },
  isalnum: (s) => s !== '' && /^[\p{L}\p{N}]+$/u.test(s),
  isalpha: (s) => s !== '' && /^\p{L}+$/u.test(s),
  isascii: (s) => /^\p{ASCII}*$/u.test(s),
  isdecimal: (s) => s !== '' && /^\p{Nd}+$/u.test(s),
  isdigit: (s) => s !== '' && /^[\p{Nd}\u00b2\u00b3\u00b9\u2070-\u2079\u2080-\u2089]+$/u.test(s),
  isnumeric: (s) => s !== '' && /^\p{N}+$/u.test(s),
  isidentifier: (s) => /^[\p{ID_Start}_][\p{ID_Continue}]*$/u.test(s),
  islower: (s) => ALL_CASED.test(s) && s === s.toLowerCase() && s !== s.toUpperCase(),
  isupper: (s) => ALL_CASED.test(s) && s === s.toUpperCase() && s !== s.toLowerCase(),
  isspace: (s) => IS_SPACE.test(s),
  isprintable: (s) => !/[\p{C}\p{Z}]/u.test(s.replaceAll(' ', '')),
  istitle: (s) => ALL_CASED.test(s) && titleCase(s) === s,
  join: (s, a, k, rt) => {
    checkPositional('join', a, k, 1, 1);
    const items = rt.iterate(a[0]);
    items.forEach((item, i) => {
      if (typeof item !== 'string') throw typeError(`sequence item ${i}: expected str instance, ${pyTypeName(item)} found`);
    });
    const joined = (items as string[]).join(s);
    rt.budget.checkString(joined.length);
    return joined;
  },
  lower: positional('lower', 0, 0, (s) => s.toLowerCase()),
  upper: positional('upper', 0, 0, (s) => s.toUpperCase()),
  swapcase: (s) => Array.from(s, (ch) => (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase())).join(''),
  title: positional('title', 0, 0, (s) => titleCase(s)),
  strip: positional('strip', 0, 1, (s, a) => strip(s, optStr('strip', a[0]), true, true)),
  lstrip: positional('lstrip', 0, 1, (s, a) => strip(s, optStr('lstrip', a[0]), true, false)),
  rstrip: positional('rstrip', 0, 1, (s, a) => strip(s, optStr('rstrip', a[0]), false, true)),
  partition: (s, a, k) => {
    checkPositional('partition', a, k, 1, 1);
    const sep = strArg('partition', a[0]);
    if (sep === '') throw valueError('empty separator');
    const i = s.indexOf(sep);
    return new PyTuple(i < 0 ? [s, '', ''] : [s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  rpartition: (s, a, k) => {
    checkPositional('rpartition', a, k, 1, 1);
    const sep = strArg('rpartition', a[0]);
    if (sep === '') throw valueError('empty separator');
    const i = s.lastIndexOf(sep);
    return new PyTuple(i < 0 ? ['', '', s] : [s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  removeprefix: (s, a, k) => {
    checkPositional('removeprefix', a, k, 1, 1);
    const prefix = strArg('removeprefix', a[0]);
    return prefix && s.startsWith(prefix) ? s.slice(prefix.length) : s;
  },
  removesuffix: (s, a, k) => {
    checkPositional('removesuffix', a, k, 1, 1);
    const suffix = strArg('removesuffix', a[0]);
    return suffix && s.endsWith(suffix) ? s.slice(0, -suffix.length) : s;
  },
  replace: (s, a, k, rt) => {
    checkPositional('replace', a, k, 2, 3);
    const old = strArg('replace', a[0]);
    const replacement = strArg('replace', a[1]);
    const count = a[2] === undefined ? -1 : intArg(a[2]);
    const out = old === '' ? insertBetween(s, replacement, count) : replaceCount(s, old, replacement, count);
    rt.budget.checkString(out.length);
    return out;
  },
  split: (s, a, k) =>
    split(
      s,
      ...(bindArgs(
        'split',
        [
          ['sep', null],
          ['maxsplit', -1],
        ],
        a,
        k,
      ) as [PyValue, PyValue]),
      false,
    ),
  rsplit: (s, a, k) =>
    split(
      s,
      ...(bindArgs(
        'rsplit',
        [
          ['sep', null],
          ['maxsplit', -1],
        ],
        a,
        k,
      ) as [PyValue, PyValue]),
      true,
    ),
  splitlines: (s, a, k) => {
    const [keepends] = bindArgs('splitlines', [['keepends', false]], a, k);
    const out: string[] = [];
    // biome-ignore lint/suspicious/noControlCharactersInRegex: Python's str.splitlines also breaks at the file, group and record separators
    const pattern = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;
    let last = 0;
    for (let m = pattern.exec(s); m !== null; m = pattern.exec(s)) {
      out.push(s.slice(last, keepends ? m.index + m[0].length : m.index));
      last = m.index + m[0].length;
    }
    if (last < s.length) out.push(s.slice(last));
    return out;
  },
  translate: (s, a, k) => {
    checkPositional('translate', a, k, 1, 1);
    const table = a[0];
    let out = '';
    for (const ch of s) {
      const mapped = isMapping(table) || table instanceof PyDict ? mappingGet(table as PyDict, ch.codePointAt(0)!) : MISSING;
      if (mapped === MISSING) out += ch;
      else if (mapped === null) continue;
      else if (typeof mapped === 'string') out += mapped;
      else {
        const code = Number(intOf(mapped));
        if (code < 0 || code > 0x10ffff) throw valueError('character mapping must be in range(0x110000)');
        out += String.fromCodePoint(code);
      }
    }
    return out;
  },
};
