// Jinja's filters on sequences: first/last, join, batch/slice, reverse, sort, dictsort, unique,
// max/min, sum, random, items.
import { attributeError, PythonError, typeError, zeroDivisionError } from '../../errors.js';
import type { FilterFn } from '../../template/environment.js';
import { binaryOp } from '../../template/operations.js';
import type { Runtime } from '../../template/runtime-api.js';
import { pyCompare, truthy } from '../../values/compare.js';
import { PyTuple } from '../../values/containers.js';
import { isMapping, mappingEntries } from '../../values/dict.js';
import { PyIterator } from '../../values/iterator.js';
import { keyOf } from '../../values/keys.js';
import { MISSING, type Missing, type PyValue } from '../../values/object.js';
import { pyRepr } from '../../values/repr.js';
import { pyTypeName } from '../../values/type-name.js';
import { Undefined } from '../../values/undefined.js';
import { attrGetter, filter, generator, ignoreCase, int, sortKey, stableSort, str } from './filter-kit.js';

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
      if (fill !== MISSING && fill !== null) {
        rt.budget.checkCollection(count);
        while (chunk.length < count) chunk.push(fill);
      }
      out.push(chunk);
    }
    rt.budget.spend(out.length);
    return out;
  });
}

function sliceFilter(rt: Runtime, value: PyValue, slices: number, fill: PyValue | Missing): PyValue {
  return generator('do_slice', () => {
    const items = rt.iterate(value);
    if (slices === 0) throw zeroDivisionError('integer division or modulo by zero');
    rt.budget.checkCollection(slices);
    return sliceItems(items, slices, fill);
  });
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
  if (by !== 'key' && by !== 'value') throw new PythonError('FilterArgumentError', 'You can only sort by either "key" or "value"');
  const position = by === 'key' ? 0 : 1;
  if (!isMapping(value)) {
    if (value instanceof Undefined) value.fail(pyRepr);
    throw attributeError(`'${pyTypeName(value)}' object has no attribute 'items'`);
  }
  const entries = mappingEntries(value);
  rt.budget.spend(entries.length);
  const key = (entry: [PyValue, PyValue]) => (truthy(caseSensitive) ? entry[position] : ignoreCase(entry[position]));
  return stableSort(entries, key, truthy(reverseOrder)).map((e) => new PyTuple(e));
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

function join(value: PyValue, separator: PyValue | Missing, attribute: PyValue | Missing, rt: Runtime): string {
  let items = rt.iterate(value);
  if (attribute !== null) items = items.map(attrGetter(rt, attribute as PyValue));
  const text = items.map(str).join(str(separator));
  rt.budget.checkString(text.length);
  return text;
}

function random(value: PyValue, rt: Runtime): PyValue {
  const items = rt.iterate(value);
  if (items.length === 0) return new Undefined('No random item, sequence was empty.');
  return items[Math.floor(Math.random() * items.length)];
}

function items(value: PyValue): PyValue {
  return generator('do_items', () => {
    if (value instanceof Undefined) return [];
    if (!isMapping(value)) throw typeError('Can only get item pairs from a mapping.');
    return mappingEntries(value).map((entry) => new PyTuple(entry));
  });
}

export function sequenceFilters(): [string, FilterFn][] {
  return [
    ['batch', filter('batch', 'linecount, fill_with=None', (v, [n, fill], rt) => batch(rt, v, int(n), fill))],
    ['slice', filter('slice', 'slices, fill_with=None', (v, [n, fill], rt) => sliceFilter(rt, v, int(n), fill))],
    ['first', filter('first', '', (v, _a, rt) => first(v, rt))],
    ['last', filter('last', '', (v, _a, rt) => last(v, rt))],
    ['join', filter('join', "d='', attribute=None", (v, [d, a], rt) => join(v, d, a, rt))],
    ['reverse', filter('reverse', '', (v, _a, rt) => reverse(v, rt))],
    [
      'sort',
      filter('sort', 'reverse=False, case_sensitive=False, attribute=None', (v, [r, c, a], rt) =>
        sortFilter(rt, v, r as PyValue, c as PyValue, a),
      ),
    ],
    [
      'dictsort',
      filter('dictsort', "case_sensitive=False, by='key', reverse=False", (v, [c, by, r], rt) =>
        dictsort(rt, v, c as PyValue, by as PyValue, r as PyValue),
      ),
    ],
    ['unique', filter('unique', 'case_sensitive=False, attribute=None', (v, [c, a], rt) => unique(rt, v, c, a))],
    ['max', filter('max', 'case_sensitive=False, attribute=None', (v, [c, a], rt) => aggregate(rt, v, c, a, true))],
    ['min', filter('min', 'case_sensitive=False, attribute=None', (v, [c, a], rt) => aggregate(rt, v, c, a, false))],
    ['sum', filter('sum', 'attribute=None, start=0', (v, [a, s], rt) => sum(rt, v, a, s as PyValue))],
    ['random', filter('random', '', (v, _a, rt) => random(v, rt))],
    ['items', filter('items', '', (v) => items(v))],
  ];
}
