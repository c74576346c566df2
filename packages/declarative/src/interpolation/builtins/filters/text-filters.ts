// Jinja's filters on text: case, padding, escaping, formatting, truncating, wrapping, URLs, JSON.
import { attributeError, PythonError, typeError, valueError } from '../../errors.js';
import { limitError } from '../../limits.js';
import type { FilterFn } from '../../template/environment.js';
import { binaryOp, length, subscript } from '../../template/operations.js';
import type { Runtime } from '../../template/runtime-api.js';
import { truthy } from '../../values/compare.js';
import { PyTuple } from '../../values/containers.js';
import { dictFromEntries, isDict, isMapping, mappingEntries } from '../../values/dict.js';
import { formatFixed } from '../../values/float-format.js';
import { floatOf, intOf, numericKind, parseFloatText } from '../../values/number.js';
import { MISSING, type Missing, type PyValue } from '../../values/object.js';
import { pyRepr } from '../../values/repr.js';
import { PySlice } from '../../values/slice.js';
import { pyTypeName } from '../../values/type-name.js';
import { Undefined } from '../../values/undefined.js';
import { escapeHtml } from '../html-escape.js';
import { jsonDumps } from '../json-dumps.js';
import { percentFormat } from '../percent-format.js';
import { pformat } from '../pformat.js';
import { quote } from '../url-quote.js';
import { callStr, filter, int, requireStr, str } from './filter-kit.js';

/** Python's float(value). */
function pythonFloat(value: PyValue): number {
  if (typeof value === 'string') return parseFloatText(value);
  if (numericKind(value) !== 0) return floatOf(value);
  if (value instanceof Undefined) value.fail(pyRepr);
  throw typeError(`float() argument must be a string or a real number, not '${pyTypeName(value)}'`);
}

function filesizeformat(value: PyValue, binary: PyValue): string {
  const bytes = pythonFloat(value);
  const base = truthy(binary) ? 1024 : 1000;
  const prefixes = truthy(binary)
    ? ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB']
    : ['kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
  if (bytes === 1) return '1 Byte';
  if (bytes < base) return `${Math.trunc(bytes)} Bytes`;
  let unit = base;
  for (let i = 0; i < prefixes.length; i++) {
    unit = base ** (i + 2);
    if (bytes < unit || i === prefixes.length - 1) return `${formatFixed((base * bytes) / unit, 1)} ${prefixes[i]}`;
  }
  return '';
}

function title(text: string): string {
  return text
    .split(/([-\s({[<]+)/u)
    .filter((part) => part !== '')
    .map((part) => {
      const chars = Array.from(part);
      return chars[0].toUpperCase() + chars.slice(1).join('').toLowerCase();
    })
    .join('');
}

/** `k, v = item`, with Python's unpacking errors. */
function unpackPair(item: PyValue, rt: Runtime): [PyValue, PyValue] {
  const parts = rt.iterate(item);
  if (parts.length < 2) throw valueError(`not enough values to unpack (expected 2, got ${parts.length})`);
  if (parts.length > 2) throw valueError('too many values to unpack (expected 2)');
  return [parts[0], parts[1]];
}

function urlencode(value: PyValue, rt: Runtime): string {
  const q = (v: PyValue, forQs: boolean) => {
    const text = quote(str(v), forQs ? '' : '/');
    return forQs ? text.replaceAll('%20', '+') : text;
  };
  if (typeof value === 'string' || numericKind(value) !== 0 || value === null) return q(value, false);
  const pairs = isDict(value) ? mappingEntries(value) : rt.iterate(value).map((item) => unpackPair(item, rt));
  return pairs.map(([k, v]) => `${q(k, true)}=${q(v, true)}`).join('&');
}

function tojson(value: PyValue, indent: PyValue | Missing): string {
  if (typeof indent === 'number' && indent > 1000) throw limitError(`a JSON indent of ${indent}`);
  const text = jsonDumps(value, { sortKeys: true, indent: indent === MISSING || indent === null ? null : (indent as number | string) });
  return text.replaceAll('<', '\\u003c').replaceAll('>', '\\u003e').replaceAll('&', '\\u0026').replaceAll("'", '\\u0027');
}

/** Jinja's truncate works on the value itself: len(), a slice, then rsplit (so only a str gets through a long value). */
function truncate(s: PyValue, maxLength: number, killwords: boolean, end: string, leeway: number, rt: Runtime): PyValue {
  const endLength = Array.from(end).length;
  if (maxLength < endLength) throw new PythonError('AssertionError', `expected length >= ${endLength}, got ${maxLength}`);
  if (length(s) <= maxLength + leeway) return s;
  const head = subscript(s, new PySlice(null, maxLength - endLength, null));
  if (killwords) return binaryOp('+', head, end, rt.budget);
  if (typeof head !== 'string') throw attributeError(`'${pyTypeName(head)}' object has no attribute 'rsplit'`);
  const space = head.lastIndexOf(' ');
  return (space < 0 ? head : head.slice(0, space)) + end;
}

function wordwrap(text: string, width: number, breakLong: boolean, wrap: string): string {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let line = '';
    for (let word of paragraph.split(/\s+/).filter(Boolean)) {
      while (breakLong && word.length > width) {
        if (line) {
          lines.push(line);
          line = '';
        }
        lines.push(word.slice(0, width));
        word = word.slice(width);
      }
      if (!line) line = word;
      else if (line.length + 1 + word.length <= width) line += ` ${word}`;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines.join(wrap);
}

function xmlattr(value: PyValue, autospace: PyValue): string {
  if (!isMapping(value)) {
    if (value instanceof Undefined) value.fail(pyRepr);
    throw attributeError(`'${pyTypeName(value)}' object has no attribute 'items'`);
  }
  const parts: string[] = [];
  for (const [key, item] of mappingEntries(value)) {
    if (item === null || item instanceof Undefined) continue;
    if (/[\s/>=]/.test(str(key))) throw valueError(`Invalid character in attribute name: ${pyRepr(key)}`);
    parts.push(`${escapeHtml(str(key))}="${escapeHtml(str(item))}"`);
  }
  const text = parts.join(' ');
  return text && truthy(autospace) ? ` ${text}` : text;
}

/** Jinja's indent starts with `s += "\\n"`: only a str (or a list, which then lacks splitlines) gets past it. */
function indentable(value: PyValue): string {
  if (typeof value === 'string') return value;
  if (value instanceof Undefined) value.fail(pyRepr);
  if (Array.isArray(value)) throw attributeError("'list' object has no attribute 'splitlines'");
  throw typeError(`unsupported operand type(s) for +=: '${pyTypeName(value)}' and 'str'`);
}

function indent(s: string, width: PyValue, firstLine: PyValue, blank: PyValue, rt: Runtime): string {
  if (typeof width !== 'string') rt.budget.checkString(Number(intOf(width)));
  const pad = typeof width === 'string' ? width : ' '.repeat(Math.max(0, Number(intOf(width))));
  const lines = s.split('\n');
  const out = lines.map((line, i) => {
    if (i === 0) return truthy(firstLine) && (line || truthy(blank)) ? pad + line : line;
    return line || truthy(blank) ? pad + line : line;
  });
  return out.join('\n');
}

function striptags(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->|<[^>]*>/g, '')
    .split(/\s+/)
    .filter(Boolean)
    .join(' ');
}

function urlize(text: string): string {
  return text.replace(
    /\b(https?:\/\/[^\s<]+|www\.[^\s<]+)/g,
    (url) => `<a href="${url.startsWith('www.') ? `https://${url}` : url}" rel="noopener">${url}</a>`,
  );
}

const format: FilterFn = (v, args, kwargs, rt) => {
  if (args.length && kwargs?.size)
    throw new PythonError('FilterArgumentError', "can't handle positional and keyword arguments at the same time");
  return percentFormat(str(v), kwargs?.size ? dictFromEntries(kwargs) : new PyTuple(args), rt.budget.limits.maxStringLength);
};

export function textFilters(): [string, FilterFn][] {
  const escaper = filter('escape', '', (v) => escapeHtml(str(v)));
  return [
    ['capitalize', filter('capitalize', '', (v, _a, rt) => callStr('capitalize', str(v), [], rt))],
    ['center', filter('center', 'width=80', (v, [w], rt) => callStr('center', str(v), [w as PyValue], rt))],
    ['escape', escaper],
    ['e', escaper],
    ['forceescape', escaper],
    ['safe', filter('safe', '', (v) => str(v))],
    ['filesizeformat', filter('filesizeformat', 'binary=False', (v, [b]) => filesizeformat(v, b as PyValue))],
    ['format', format],
    [
      'indent',
      filter('indent', 'width=4, first=False, blank=False', (v, [w, f, b], rt) =>
        indent(indentable(v), w as PyValue, f as PyValue, b as PyValue, rt),
      ),
    ],
    ['lower', filter('lower', '', (v) => str(v).toLowerCase())],
    ['upper', filter('upper', '', (v) => str(v).toUpperCase())],
    ['pprint', filter('pprint', '', (v) => pformat(v))],
    [
      'replace',
      filter('replace', 'old, new, count=None', (v, [o, n, c], rt) =>
        callStr('replace', str(v), [str(o), str(n), c === null ? -1 : (c as PyValue)], rt),
      ),
    ],
    ['striptags', filter('striptags', '', (v) => striptags(str(v)))],
    ['title', filter('title', '', (v) => title(str(v)))],
    ['tojson', filter('tojson', 'indent=None', (v, [i]) => tojson(v, i))],
    ['trim', filter('trim', 'chars=None', (v, [c], rt) => callStr('strip', str(v), c === null ? [] : [c as PyValue], rt))],
    [
      'truncate',
      filter('truncate', "length=255, killwords=False, end='...', leeway=None", (v, [l, k, e, lw], rt) =>
        truncate(v, int(l), truthy(k as PyValue), str(e), lw === null ? 5 : int(lw), rt),
      ),
    ],
    ['urlencode', filter('urlencode', '', (v, _a, rt) => urlencode(v, rt))],
    ['urlize', filter('urlize', 'trim_url_limit=None, nofollow=False, target=None, rel=None', (v) => urlize(str(v)))],
    ['wordcount', filter('wordcount', '', (v) => (str(v).match(/[\p{L}\p{N}_]+/gu) ?? []).length)],
    [
      'wordwrap',
      filter('wordwrap', 'width=79, break_long_words=True, wrapstring=None, break_on_hyphens=True', (v, [w, b, ws]) =>
        wordwrap(requireStr(v, 'splitlines'), int(w), truthy(b as PyValue), ws === null ? '\n' : str(ws)),
      ),
    ],
    ['xmlattr', filter('xmlattr', 'autospace=True', (v, [a]) => xmlattr(v, a as PyValue))],
  ];
}
