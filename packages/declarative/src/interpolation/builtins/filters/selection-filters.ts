// Jinja's filters that apply a test, a filter or an attribute to each item: select, reject,
// selectattr, rejectattr, map and groupby. They return lazy generators, as Jinja's do.
import { PythonError } from '../../errors.js';
import type { FilterFn } from '../../template/environment.js';
import type { Kwargs, Runtime } from '../../template/runtime-api.js';
import { pyEquals, truthy } from '../../values/compare.js';
import type { PyTuple } from '../../values/containers.js';
import { MISSING, type Missing, type PyValue } from '../../values/object.js';
import { GroupTuple } from '../group-tuple.js';
import { attrGetter, filter, generator, ignoreCase, stableSort } from './filter-kit.js';

function selectOrReject(rt: Runtime, value: PyValue, args: readonly PyValue[], kwargs: Kwargs, select: boolean, byAttr: boolean): PyValue {
  return generator('select_or_reject', () => {
    if (!truthy(value)) return [];
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

function mapFilter(value: PyValue, args: readonly PyValue[], kwargs: Kwargs, rt: Runtime): PyValue {
  return generator('sync_do_map', () => {
    if (!truthy(value)) return [];
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

export function selectionFilters(): [string, FilterFn][] {
  return [
    ['select', (v, a, k, rt) => selectOrReject(rt, v, a, k, true, false)],
    ['reject', (v, a, k, rt) => selectOrReject(rt, v, a, k, false, false)],
    ['selectattr', (v, a, k, rt) => selectOrReject(rt, v, a, k, true, true)],
    ['rejectattr', (v, a, k, rt) => selectOrReject(rt, v, a, k, false, true)],
    ['map', mapFilter],
    [
      'groupby',
      filter('groupby', 'attribute, default=<missing>, case_sensitive=False', (v, [a, d, c], rt) => groupby(rt, v, a as PyValue, d, c)),
    ],
  ];
}
