// Python's tuple, set/frozenset, bytes, complex and Ellipsis.
import { compositeKey, type DictKey, keyOf } from './keys.js';
import { floatRepr } from './number.js';
import { type NotImplemented, PyObject, type PyValue, type ReprFn } from './object.js';
import { cpythonSetOrder, type HashableParts, pyHash } from './py-hash.js';

export class PyTuple extends PyObject implements HashableParts {
  constructor(readonly items: readonly PyValue[]) {
    super();
  }
  get pyType(): string {
    return 'tuple';
  }
  repr(recur: ReprFn): string {
    if (this.items.length === 1) return `(${recur(this.items[0])},)`;
    return `(${this.items.map(recur).join(', ')})`;
  }
  override truthy(): boolean {
    return this.items.length > 0;
  }
  override hashKey(): string | null {
    return compositeKey('t', this.items);
  }
  /** The parts CPython hashes a tuple from, so `hash()` and set order match Python's. */
  hashParts(): { kind: 'tuple'; items: readonly PyValue[] } {
    return { kind: 'tuple', items: this.items };
  }
}

export const EMPTY_TUPLE = new PyTuple([]);

/** A set or frozenset; members are kept in insertion order, reprs follow CPython's table order. */
export class PySet extends PyObject {
  readonly members = new Map<DictKey, PyValue>();

  constructor(
    items: Iterable<PyValue> = [],
    readonly frozen = false,
  ) {
    super();
    for (const item of items) this.add(item);
  }
  get pyType(): string {
    return this.frozen ? 'frozenset' : 'set';
  }
  /** `s.add(item)`: an item already in the set (by Python equality) is not added again. */
  add(item: PyValue): void {
    const key = keyOf(item);
    if (!this.members.has(key)) this.members.set(key, item);
  }
  /** `item in s`, by Python equality and hash. */
  has(item: PyValue): boolean {
    return this.members.has(keyOf(item));
  }
  get size(): number {
    return this.members.size;
  }
  /** Members in the order CPython iterates them. */
  ordered(): PyValue[] {
    const items = [...this.members.values()];
    return cpythonSetOrder(items.map(pyHash)).map((index) => items[index]);
  }
  repr(recur: ReprFn): string {
    if (this.members.size === 0) return this.frozen ? 'frozenset()' : 'set()';
    const body = `{${this.ordered().map(recur).join(', ')}}`;
    return this.frozen ? `frozenset(${body})` : body;
  }
  override truthy(): boolean {
    return this.members.size > 0;
  }
  override equals(other: PyValue): boolean | NotImplemented {
    if (!(other instanceof PySet)) return false;
    if (other.members.size !== this.members.size) return false;
    for (const key of this.members.keys()) if (!other.members.has(key)) return false;
    return true;
  }
  override hashKey(): string | null {
    if (!this.frozen) return null;
    return `fs${[...this.members.keys()].map(String).sort().join('\u0001')}`;
  }
}

export class PyBytes extends PyObject implements HashableParts {
  constructor(readonly bytes: Uint8Array) {
    super();
  }
  get pyType(): string {
    return 'bytes';
  }
  repr(): string {
    const quote = this.bytes.includes(0x27) && !this.bytes.includes(0x22) ? '"' : "'";
    let body = '';
    for (const b of this.bytes) {
      if (b === 0x5c) body += '\\\\';
      else if (b === 0x09) body += '\\t';
      else if (b === 0x0a) body += '\\n';
      else if (b === 0x0d) body += '\\r';
      else if (b === quote.charCodeAt(0)) body += `\\${quote}`;
      else if (b < 0x20 || b >= 0x7f) body += `\\x${b.toString(16).padStart(2, '0')}`;
      else body += String.fromCharCode(b);
    }
    return `b${quote}${body}${quote}`;
  }
  override truthy(): boolean {
    return this.bytes.length > 0;
  }
  override equals(other: PyValue): boolean | NotImplemented {
    return other instanceof PyBytes && Buffer.compare(Buffer.from(this.bytes), Buffer.from(other.bytes)) === 0;
  }
  override compare(other: PyValue): number | NotImplemented {
    return other instanceof PyBytes ? Buffer.compare(Buffer.from(this.bytes), Buffer.from(other.bytes)) : Number.NaN;
  }
  override hashKey(): string | null {
    return `b${Buffer.from(this.bytes).toString('latin1')}`;
  }
  /** The parts CPython hashes bytes from, so `hash()` and set order match Python's. */
  hashParts(): { kind: 'bytes'; bytes: Uint8Array } {
    return { kind: 'bytes', bytes: this.bytes };
  }
}

/** Only produced by literal_eval (`1j`); the CDK turns a complex result back into its text. */
export class PyComplex extends PyObject {
  constructor(
    readonly real: number,
    readonly imag: number,
  ) {
    super();
  }
  get pyType(): string {
    return 'complex';
  }
  repr(): string {
    const part = (x: number) => {
      const text = floatRepr(x);
      return text.endsWith('.0') ? text.slice(0, -2) : text;
    };
    if (this.real === 0 && !Object.is(this.real, -0)) return `${part(this.imag)}j`;
    const imag = part(this.imag);
    const sign = imag.startsWith('-') ? '' : '+';
    return `(${part(this.real)}${sign}${imag}j)`;
  }
  override truthy(): boolean {
    return this.real !== 0 || this.imag !== 0;
  }
  override equals(other: PyValue): boolean | NotImplemented {
    return other instanceof PyComplex && other.real === this.real && other.imag === this.imag;
  }
  override hashKey(): string | null {
    return `c${this.real},${this.imag}`;
  }
}

class PyEllipsis extends PyObject {
  get pyType(): string {
    return 'ellipsis';
  }
  repr(): string {
    return 'Ellipsis';
  }
  override equals(other: PyValue): boolean | NotImplemented {
    return other === this;
  }
  override hashKey(): string | null {
    return 'Ellipsis';
  }
}

export const ELLIPSIS = new PyEllipsis();
