// Lazy results: generators (map, select, unique, batch, reverse return them in Jinja) and dict
// views (d.keys(), d.values(), d.items()).
import { PyTuple } from './containers.js';
import { PyObject, type PyValue, type ReprFn } from './object.js';

/** A one-shot iterator, as the generators Jinja's filters return: a second pass sees nothing. */
export class PyIterator extends PyObject {
  private source: PyValue[] | (() => PyValue[]) | null;

  /** `items` may be a function: generators run only when iterated, as Python's do (errors included). */
  constructor(
    items: PyValue[] | (() => PyValue[]),
    private readonly label: string,
  ) {
    super();
    this.source = items;
  }
  get pyType(): string {
    return this.label.startsWith('generator') ? 'generator' : this.label;
  }
  /** The remaining items; the iterator is exhausted afterwards. */
  consume(): PyValue[] {
    const source = this.source;
    this.source = null;
    if (source === null) return [];
    return typeof source === 'function' ? source() : source;
  }
  repr(): string {
    return this.label.startsWith('generator')
      ? `<generator object ${this.label.slice(10)} at 0x7f0000000000>`
      : `<${this.label} object at 0x7f0000000000>`;
  }
}

export type DictViewKind = 'keys' | 'values' | 'items';

/** dict_keys / dict_values / dict_items (a snapshot taken when the view is made). */
export class PyDictView extends PyObject {
  constructor(
    readonly kind: DictViewKind,
    readonly entries: readonly (readonly [PyValue, PyValue])[],
  ) {
    super();
  }
  get pyType(): string {
    return `dict_${this.kind}`;
  }
  items(): PyValue[] {
    if (this.kind === 'keys') return this.entries.map((e) => e[0]);
    if (this.kind === 'values') return this.entries.map((e) => e[1]);
    return this.entries.map((e) => new PyTuple([e[0], e[1]]));
  }
  repr(recur: ReprFn): string {
    return `dict_${this.kind}([${this.items().map(recur).join(', ')}])`;
  }
  override truthy(): boolean {
    return this.entries.length > 0;
  }
}
