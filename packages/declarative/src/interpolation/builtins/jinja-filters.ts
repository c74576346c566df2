// Jinja's built-in filters (jinja2.filters), with the sandbox's budget applied to what they build.
import { PythonError, typeError, valueError } from '../errors.js';
import type { FilterFn } from '../template/environment.js';
import { binaryOp, length as pyLength, sandboxGetattr } from '../template/operations.js';
import type { Kwargs, Runtime } from '../template/runtime-api.js';
import { pyCompare, pyEquals, truthy } from '../values/compare.js';
import { PyTuple } from '../values/containers.js';
import { dictFromEntries, isDict, isMapping, mappingEntries } from '../values/dict.js';
import { formatFixed, roundFloat } from '../values/float-format.js';
import { PyIterator } from '../values/iterator.js';
import { keyOf } from '../values/keys.js';
import { floatOf, intOf, isFloat, isInt, normBig, numericKind, PyFloat, parseFloatText, parseIntText } from '../values/number.js';
import { MISSING, type Missing, type PyValue } from '../values/object.js';
import { pyRepr, pyStr } from '../values/repr.js';
import { pyTypeName } from '../values/type-name.js';
import { Undefined } from '../values/undefined.js';
import { bindArgs, type Param } from './args.js';
import { lookupAttribute } from './attributes.js';
import { GroupTuple } from './group-tuple.js';
import { escapeHtml } from './html-escape.js';
import { jsonDumps } from './json-dumps.js';
import { percentFormat } from './percent-format.js';
import { pformat } from './pformat.js';
import { STR_METHODS } from './str-methods.js';
import { quote } from './url-quote.js';

type Bound = (PyValue | Missing)[];

/** A filter with a Python signature (after the value). */
function filter(name: string, params: readonly Param[], body: (value: PyValue, args: Bound, rt: Runtime) => PyValue): FilterFn {
  return (value, args, kwargs, rt) => body(value, bindArgs(name, params, args, kwargs), rt);
}

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

function str(value: PyValue): string {
  return pyStr(value);
}

function callStr(method: string, self: string, args: readonly PyValue[], rt: Runtime): PyValue {
  return STR_METHODS[method](self, args, null, rt);
}

/** Jinja's make_attrgetter: "a.b.0" through the sandbox's getitem, with an optional default. */
function attrGetter(rt: Runtime, attribute: PyValue, fallback: PyValue | Missing = MISSING): (item: PyValue) => PyValue {
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

function ignoreCase(value: PyValue): PyValue {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

function sortKey(rt: Runtime, caseSensitive: PyValue | Missing, attribute: PyValue | Missing): (item: PyValue) => PyValue {
  const get = attribute === MISSING || attribute === null ? (x: PyValue) => x : attrGetter(rt, attribute);
  return truthy((caseSensitive === MISSING ? false : caseSensitive) as PyValue) ? get : (item) => ignoreCase(get(item));
}

/** Jinja's generator-returning filters run when their result is iterated, as Python generators do. */
function generator(name: string, produce: () => PyValue[]): PyIterator {
  return new PyIterator(produce, `generator ${name}`);
}

function selectOrReject(rt: Runtime, value: PyValue, args: readonly PyValue[], kwargs: Kwargs, select: boolean, byAttr: boolean): PyValue {
  return generator('select_or_reject', () => {
    let rest = [...args];
    let get = (x: PyValue) => x;
    if (byAttr) {
      if (rest.length === 0) throw new PythonError('FilterArgumentError', 'Missing parameter for attribute name');
      get = attrGetter(rt, rest[0]);
      rest = rest.slice(1);
    }
    let test: (x: PyValue) => boolean;
    if (rest.length === 0) test = (x) => truthy(x);
    else {
      const name = String(rest[0]);
      const testArgs = rest.slice(1);
      test = (x) => rt.callTest(name, x, testArgs, kwargs);
    }
    const items = rt.iterate(value);
    rt.budget.spend(items.length);
    return items.filter((item) => test(get(item)) === select);
  });
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

function filesizeformat(value: PyValue, binary: PyValue): string {
  const bytes = floatOf(numericKind(value) === 0 ? new PyFloat(parseFloatText(str(value))) : value);
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

function urlencode(value: PyValue, rt: Runtime): string {
  const q = (v: PyValue, forQs: boolean) => {
    const text = quote(str(v), forQs ? '' : '/');
    return forQs ? text.replaceAll('%20', '+') : text;
  };
  if (typeof value === 'string' || numericKind(value) !== 0 || value === null) return q(value, false);
  const pairs = isDict(value) ? mappingEntries(value) : rt.iterate(value).map((item) => rt.iterate(item) as [PyValue, PyValue]);
  return pairs.map(([k, v]) => `${q(k, true)}=${q(v, true)}`).join('&');
}

function tojson(value: PyValue, indent: PyValue | Missing): string {
  const text = jsonDumps(value, { sortKeys: true, indent: indent === MISSING || indent === null ? null : (indent as number | string) });
  return text.replaceAll('<', '\\u003c').replaceAll('>', '\\u003e').replaceAll('&', '\\u0026').replaceAll("'", '\\u0027');
}

function truncate(s: string, length: number, killwords: boolean, end: string, leeway: number): string {
  if (length < end.length) throw new PythonError('AssertionError', `expected length >= ${end.length}, got ${length}`);
  const chars = Array.from(s);
  if (chars.length <= length + leeway) return s;
  if (killwords) return chars.slice(0, length - end.length).join('') + end;
  const head = chars.slice(0, length - end.length).join('');
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

function aggregate(rt: Runtime, value: PyValue, caseSensitive: PyValue | Missing, attribute: PyValue | Missing, pickMax: boolean): PyValue {
  const items = rt.iterate(value);
  if (items.length === 0) return new Undefined('No aggregated item, sequence was empty.');
  const key = sortKey(rt, caseSensitive, attribute);
  let best = items[0];
  for (const item of items.slice(1)) {
    const cmp = pyCompare(key(item), key(best));
    if (pickMax ? cmp > 0 : cmp < 0) best = item;
  }
  return best;
}

function batch(rt: Runtime, value: PyValue, count: number, fill: PyValue | Missing): PyValue {
  return generator('do_batch', () => {
    const out: PyValue[][] = [];
    let chunk: PyValue[] = [];
    for (const item of rt.iterate(value)) {
      if (chunk.length === count) {
        out.push(chunk);
        chunk = [];
      }
      chunk.push(item);
    }
    if (chunk.length) {
      if (fill !== MISSING && fill !== null) while (chunk.length < count) chunk.push(fill);
      out.push(chunk);
    }
    rt.budget.spend(out.length);
    return out;
  });
}

function sliceFilter(rt: Runtime, value: PyValue, slices: number, fill: PyValue | Missing): PyValue {
  return generator('do_slice', () => sliceItems(rt.iterate(value), slices, fill));
}

function sliceItems(items: PyValue[], slices: number, fill: PyValue | Missing): PyValue[] {
  const perSlice = Math.floor(items.length / slices);
  const withExtra = items.length % slices;
  const out: PyValue[] = [];
  let offset = 0;
  for (let i = 0; i < slices; i++) {
    const start = offset + i * perSlice;
    if (i < withExtra) offset += 1;
    const end = offset + (i + 1) * perSlice;
    const chunk = items.slice(start, end);
    if (fill !== MISSING && fill !== null && i >= withExtra) chunk.push(fill);
    out.push(chunk);
  }
  return out;
}

function groupby(rt: Runtime, value: PyValue, attribute: PyValue, fallback: PyValue | Missing, caseSensitive: PyValue | Missing): PyValue {
  const get = attrGetter(rt, attribute, fallback === MISSING ? MISSING : fallback);
  const key = truthy((caseSensitive === MISSING ? false : caseSensitive) as PyValue) ? get : (x: PyValue) => ignoreCase(get(x));
  const items = stableSort(rt.iterate(value), key, false);
  const groups: PyValue[] = [];
  for (const item of items) {
    const last = groups[groups.length - 1] as PyTuple | undefined;
    if (last !== undefined && pyEquals(key(item), key((last.items[1] as PyValue[])[0]))) (last.items[1] as PyValue[]).push(item);
    else groups.push(new GroupTuple(key(item), [item]));
  }
  return groups;
}

function unique(rt: Runtime, value: PyValue, caseSensitive: PyValue | Missing, attribute: PyValue | Missing): PyValue {
  const key = sortKey(rt, caseSensitive, attribute);
  return generator('do_unique', () => {
    const seen = new Set<unknown>();
    const out: PyValue[] = [];
    for (const item of rt.iterate(value)) {
      const k = keyOf(key(item));
      if (!seen.has(k)) {
        seen.add(k);
        out.push(item);
      }
    }
    return out;
  });
}

function mapFilter(value: PyValue, args: readonly PyValue[], kwargs: Kwargs, rt: Runtime): PyValue {
  return generator('sync_do_map', () => {
    let apply: (item: PyValue) => PyValue;
    if (args.length === 0 && kwargs?.has('attribute')) {
      const rest = new Map(kwargs);
      const attribute = rest.get('attribute')!;
      rest.delete('attribute');
      const fallback = rest.has('default') ? rest.get('default')! : MISSING;
      rest.delete('default');
      if (rest.size) throw new PythonError('FilterArgumentError', `Unexpected keyword argument '${[...rest.keys()][0]}'`);
      apply = attrGetter(rt, attribute, fallback);
    } else {
      if (args.length === 0) throw new PythonError('FilterArgumentError', 'map requires a filter argument');
      const name = String(args[0]);
      const rest = args.slice(1);
      apply = (item) => rt.callFilter(name, item, rest, kwargs);
    }
    const items = rt.iterate(value);
    rt.budget.spend(items.length);
    return items.map(apply);
  });
}

function reverse(value: PyValue, rt: Runtime): PyValue {
  if (typeof value === 'string') return Array.from(value).reverse().join('');
  if (Array.isArray(value)) return new PyIterator([...value].reverse(), 'list_reverseiterator');
  if (value instanceof PyTuple) return new PyIterator([...value.items].reverse(), 'reversed');
  if (isMapping(value)) return new PyIterator(rt.iterate(value).reverse(), 'dict_reversekeyiterator');
  try {
    return rt.iterate(value).slice().reverse();
  } catch {
    throw new PythonError('FilterArgumentError', 'argument must be iterable');
  }
}

function first(value: PyValue, rt: Runtime): PyValue {
  const items = rt.iterate(value);
  return items.length ? items[0] : new Undefined('No first item, sequence was empty.');
}

function last(value: PyValue, rt: Runtime): PyValue {
  if (value instanceof PyIterator) throw typeError("'generator' object is not reversible");
  const items = rt.iterate(value);
  return items.length ? items[items.length - 1] : new Undefined('No last item, sequence was empty.');
}

function sum(rt: Runtime, value: PyValue, attribute: PyValue | Missing, start: PyValue): PyValue {
  let items = rt.iterate(value);
  if (attribute !== MISSING && attribute !== null) items = items.map(attrGetter(rt, attribute));
  if (typeof start === 'string') throw typeError("sum() can't sum strings [use ''.join(seq) instead]");
  let total: PyValue = start;
  rt.budget.spend(items.length);
  for (const item of items) total = binaryOp('+', total, item, rt.budget);
  return total;
}

function dictsort(rt: Runtime, value: PyValue, caseSensitive: PyValue, by: PyValue, reverseOrder: PyValue): PyValue {
  if (!isMapping(value)) throw typeError('You can only sort by either "key" or "value"');
  if (by !== 'key' && by !== 'value') throw new PythonError('FilterArgumentError', 'You can only sort by either "key" or "value"');
  const position = by === 'key' ? 0 : 1;
  const entries = mappingEntries(value);
  rt.budget.spend(entries.length);
  const key = (entry: [PyValue, PyValue]) => (truthy(caseSensitive) ? entry[position] : ignoreCase(entry[position]));
  return stableSort(entries, key, truthy(reverseOrder)).map((e) => new PyTuple(e));
}

/** sorted(items, key=key, reverse=reverse): a stable sort either way, as Python's. */
export function stableSort<T>(items: readonly T[], key: (item: T) => PyValue, reverse: boolean): T[] {
  const keyed = items.map((item) => [key(item), item] as const);
  keyed.sort(reverse ? (a, b) => pyCompare(b[0], a[0]) : (a, b) => pyCompare(a[0], b[0]));
  return keyed.map((entry) => entry[1]);
}

function sortFilter(rt: Runtime, value: PyValue, reverseOrder: PyValue, caseSensitive: PyValue, attribute: PyValue | Missing): PyValue {
  const items = rt.iterate(value);
  rt.budget.spend(items.length);
  if (typeof attribute === 'string' && attribute.includes(',')) {
    const keys = attribute.split(',').map((part) => sortKey(rt, caseSensitive, part.trim()));
    return stableSort(items, (item) => keys.map((k) => k(item)), truthy(reverseOrder));
  }
  return stableSort(items, sortKey(rt, caseSensitive, attribute), truthy(reverseOrder));
}

function xmlattr(value: PyValue, autospace: PyValue): string {
  if (!isMapping(value)) throw typeError('xmlattr needs a mapping');
  const parts: string[] = [];
  for (const [key, item] of mappingEntries(value)) {
    if (item === null || item instanceof Undefined) continue;
    if (/[\s/>=]/.test(str(key))) throw valueError(`Invalid character in attribute name: ${pyRepr(key)}`);
    parts.push(`${escapeHtml(str(key))}="${escapeHtml(str(item))}"`);
  }
  const text = parts.join(' ');
  return text && truthy(autospace) ? ` ${text}` : text;
}

function indent(s: string, width: PyValue, firstLine: PyValue, blank: PyValue): string {
  const pad = typeof width === 'string' ? width : ' '.repeat(Number(intOf(width)));
  const lines = s.split('\n');
  const out = lines.map((line, i) => {
    if (i === 0) return truthy(firstLine) && (line || truthy(blank)) ? pad + line : line;
    return line || truthy(blank) ? pad + line : line;
  });
  return out.join('\n');
}

export function jinjaFilters(): Map<string, FilterFn> {
  const filters = new Map<string, FilterFn>();
  const add = (name: string, fn: FilterFn) => filters.set(name, fn);
  add(
    'abs',
    filter('abs', [], (v) => {
      const kind = numericKind(v);
      if (kind === 1) {
        const n = intOf(v);
        return typeof n === 'bigint' ? normBig(n < 0n ? -n : n) : Math.abs(n);
      }
      if (kind === 2) return new PyFloat(Math.abs(floatOf(v)));
      throw typeError(`bad operand type for abs(): '${pyTypeName(v)}'`);
    }),
  );
  add(
    'attr',
    filter('attr', [['name']], (v, [name]) => attributeOnly(v, str(name as PyValue))),
  );
  add(
    'batch',
    filter('batch', [['linecount'], ['fill_with', null]], (v, [n, fill], rt) => batch(rt, v, Number(intOf(n as number)), fill)),
  );
  add(
    'capitalize',
    filter('capitalize', [], (v, _a, rt) => callStr('capitalize', str(v), [], rt)),
  );
  add(
    'center',
    filter('center', [['width', 80]], (v, [w], rt) => callStr('center', str(v), [w as PyValue], rt)),
  );
  const defaultFilter = filter(
    'default',
    [
      ['default_value', ''],
      ['boolean', false],
    ],
    (v, [d, boolean]) => (v instanceof Undefined || (truthy(boolean as PyValue) && !truthy(v)) ? (d as PyValue) : v),
  );
  add('default', defaultFilter);
  add('d', defaultFilter);
  add(
    'dictsort',
    filter(
      'dictsort',
      [
        ['case_sensitive', false],
        ['by', 'key'],
        ['reverse', false],
      ],
      (v, [c, by, r], rt) => dictsort(rt, v, c as PyValue, by as PyValue, r as PyValue),
    ),
  );
  add(
    'escape',
    filter('escape', [], (v) => escapeHtml(str(v))),
  );
  add(
    'e',
    filter('e', [], (v) => escapeHtml(str(v))),
  );
  add(
    'forceescape',
    filter('forceescape', [], (v) => escapeHtml(str(v))),
  );
  add(
    'filesizeformat',
    filter('filesizeformat', [['binary', false]], (v, [b]) => filesizeformat(v, b as PyValue)),
  );
  add(
    'first',
    filter('first', [], (v, _a, rt) => first(v, rt)),
  );
  add(
    'last',
    filter('last', [], (v, _a, rt) => last(v, rt)),
  );
  add(
    'float',
    filter('float', [['default', new PyFloat(0)]], (v, [d]) => doFloat(v, d as PyValue)),
  );
  add(
    'int',
    filter(
      'int',
      [
        ['default', 0],
        ['base', 10],
      ],
      (v, [d, base]) => doInt(v, d as PyValue, base as PyValue),
    ),
  );
  add('format', (v, args, kwargs, rt) => {
    if (args.length && kwargs?.size)
      throw new PythonError('FilterArgumentError', "can't handle positional and keyword arguments at the same time");
    return percentFormat(str(v), kwargs?.size ? dictFromEntries(kwargs) : new PyTuple(args), rt.budget.limits.maxStringLength);
  });
  add(
    'groupby',
    filter('groupby', [['attribute'], ['default', MISSING], ['case_sensitive', false]], (v, [a, d, c], rt) =>
      groupby(rt, v, a as PyValue, d, c),
    ),
  );
  add(
    'indent',
    filter(
      'indent',
      [
        ['width', 4],
        ['first', false],
        ['blank', false],
      ],
      (v, [w, f, b]) => indent(str(v), w as PyValue, f as PyValue, b as PyValue),
    ),
  );
  add(
    'items',
    filter('items', [], (v) => {
      return generator('do_items', () => {
        if (v instanceof Undefined) return [];
        if (!isMapping(v)) throw typeError('Can only get item pairs from a mapping.');
        return mappingEntries(v).map((e) => new PyTuple(e));
      });
    }),
  );
  add(
    'join',
    filter(
      'join',
      [
        ['d', ''],
        ['attribute', null],
      ],
      (v, [d, attribute], rt) => {
        let items = rt.iterate(v);
        if (attribute !== null) items = items.map(attrGetter(rt, attribute as PyValue));
        const text = items.map(str).join(str(d as PyValue));
        rt.budget.checkString(text.length);
        return text;
      },
    ),
  );
  add(
    'length',
    filter('length', [], (v) => pyLength(v)),
  );
  add(
    'count',
    filter('count', [], (v) => pyLength(v)),
  );
  add(
    'list',
    filter('list', [], (v, _a, rt) => {
      const items = rt.iterate(v);
      return Array.isArray(v) ? [...items] : items;
    }),
  );
  add(
    'lower',
    filter('lower', [], (v) => str(v).toLowerCase()),
  );
  add(
    'upper',
    filter('upper', [], (v) => str(v).toUpperCase()),
  );
  add('map', mapFilter);
  add(
    'max',
    filter(
      'max',
      [
        ['case_sensitive', false],
        ['attribute', null],
      ],
      (v, [c, a], rt) => aggregate(rt, v, c, a, true),
    ),
  );
  add(
    'min',
    filter(
      'min',
      [
        ['case_sensitive', false],
        ['attribute', null],
      ],
      (v, [c, a], rt) => aggregate(rt, v, c, a, false),
    ),
  );
  add(
    'pprint',
    filter('pprint', [], (v) => pformat(v)),
  );
  add(
    'random',
    filter('random', [], (v, _a, rt) => {
      const items = rt.iterate(v);
      if (items.length === 0) return new Undefined('No random item, sequence was empty.');
      return items[Math.floor(Math.random() * items.length)];
    }),
  );
  add('select', (v, a, k, rt) => selectOrReject(rt, v, a, k, true, false));
  add('reject', (v, a, k, rt) => selectOrReject(rt, v, a, k, false, false));
  add('selectattr', (v, a, k, rt) => selectOrReject(rt, v, a, k, true, true));
  add('rejectattr', (v, a, k, rt) => selectOrReject(rt, v, a, k, false, true));
  add(
    'replace',
    filter('replace', [['old'], ['new'], ['count', null]], (v, [o, n, c], rt) =>
      callStr('replace', str(v), [str(o as PyValue), str(n as PyValue), c === null ? -1 : (c as PyValue)], rt),
    ),
  );
  add(
    'reverse',
    filter('reverse', [], (v, _a, rt) => reverse(v, rt)),
  );
  add(
    'round',
    filter(
      'round',
      [
        ['precision', 0],
        ['method', 'common'],
      ],
      (v, [p, m]) => doRound(v, p as PyValue, m as PyValue),
    ),
  );
  add(
    'safe',
    filter('safe', [], (v) => str(v)),
  );
  add(
    'slice',
    filter('slice', [['slices'], ['fill_with', null]], (v, [n, f], rt) => sliceFilter(rt, v, Number(intOf(n as number)), f)),
  );
  add(
    'sort',
    filter(
      'sort',
      [
        ['reverse', false],
        ['case_sensitive', false],
        ['attribute', null],
      ],
      (v, [r, c, a], rt) => sortFilter(rt, v, r as PyValue, c as PyValue, a),
    ),
  );
  add(
    'striptags',
    filter('striptags', [], (v) =>
      str(v)
        .replace(/<!--[\s\S]*?-->|<[^>]*>/g, '')
        .split(/\s+/)
        .filter(Boolean)
        .join(' '),
    ),
  );
  add(
    'sum',
    filter(
      'sum',
      [
        ['attribute', null],
        ['start', 0],
      ],
      (v, [a, s], rt) => sum(rt, v, a, s as PyValue),
    ),
  );
  add(
    'title',
    filter('title', [], (v) => title(str(v))),
  );
  add(
    'tojson',
    filter('tojson', [['indent', null]], (v, [i]) => tojson(v, i)),
  );
  add(
    'trim',
    filter('trim', [['chars', null]], (v, [c], rt) => callStr('strip', str(v), c === null ? [] : [c as PyValue], rt)),
  );
  add(
    'truncate',
    filter(
      'truncate',
      [
        ['length', 255],
        ['killwords', false],
        ['end', '...'],
        ['leeway', null],
      ],
      (v, [l, k, e, lw]) =>
        truncate(
          str(v),
          Number(intOf(l as number)),
          truthy(k as PyValue),
          str(e as PyValue),
          lw === null ? 5 : Number(intOf(lw as number)),
        ),
    ),
  );
  add(
    'unique',
    filter(
      'unique',
      [
        ['case_sensitive', false],
        ['attribute', null],
      ],
      (v, [c, a], rt) => unique(rt, v, c, a),
    ),
  );
  add(
    'urlencode',
    filter('urlencode', [], (v, _a, rt) => urlencode(v, rt)),
  );
  add(
    'urlize',
    filter(
      'urlize',
      [
        ['trim_url_limit', null],
        ['nofollow', false],
        ['target', null],
        ['rel', null],
      ],
      (v) =>
        str(v).replace(
          /\b(https?:\/\/[^\s<]+|www\.[^\s<]+)/g,
          (url) => `<a href="${url.startsWith('www.') ? `https://${url}` : url}" rel="noopener">${url}</a>`,
        ),
    ),
  );
  add(
    'wordcount',
    filter('wordcount', [], (v) => (str(v).match(/[\p{L}\p{N}_]+/gu) ?? []).length),
  );
  add(
    'wordwrap',
    filter(
      'wordwrap',
      [
        ['width', 79],
        ['break_long_words', true],
        ['wrapstring', null],
        ['break_on_hyphens', true],
      ],
      (v, [w, b, ws]) => wordwrap(str(v), Number(intOf(w as number)), truthy(b as PyValue), ws === null ? '\n' : str(ws as PyValue)),
    ),
  );
  add(
    'xmlattr',
    filter('xmlattr', [['autospace', true]], (v, [a]) => xmlattr(v, a as PyValue)),
  );
  return filters;
}
