// pprint.pformat as the pprint filter uses it: repr with dict keys sorted (long values are not
// wrapped at 80 columns as pprint does; see KNOWN_DIFFERENCES.md).
import { pyCompare } from '../values/compare.js';
import { PyTuple } from '../values/containers.js';
import { dictRepr, isDict, mappingEntries } from '../values/dict.js';
import type { PyValue } from '../values/object.js';
import { pyRepr } from '../values/repr.js';

export function pformat(value: PyValue): string {
  if (Array.isArray(value)) return `[${value.map(pformat).join(', ')}]`;
  if (value instanceof PyTuple && value.pyType === 'tuple') {
    return value.items.length === 1 ? `(${pformat(value.items[0])},)` : `(${value.items.map(pformat).join(', ')})`;
  }
  if (isDict(value)) {
    const entries = mappingEntries(value);
    let sorted = entries;
    try {
      sorted = [...entries].sort((a, b) => pyCompare(a[0], b[0]));
    } catch {
      sorted = entries;
    }
    return dictRepr(sorted, pformat);
  }
  return pyRepr(value);
}
