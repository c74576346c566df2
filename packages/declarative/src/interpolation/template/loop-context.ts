// Jinja's `loop` variable inside {% for %}.
import { typeError } from '../errors.js';
import { PyBoundMethod, PyCallable } from '../values/callable.js';
import { pyEquals } from '../values/compare.js';
import { MISSING, type Missing, type PyValue } from '../values/object.js';
import { Undefined } from '../values/undefined.js';
import type { Kwargs, Runtime } from './runtime-api.js';

export class LoopContext extends PyCallable {
  index0 = -1;
  private lastChanged: PyValue[] | typeof MISSING = MISSING;

  constructor(
    readonly items: readonly PyValue[],
    readonly depth0: number,
    private readonly recurse: ((items: PyValue, depth: number) => string) | null,
  ) {
    super();
  }
  get pyType(): string {
    return 'LoopContext';
  }
  override get pyQualType(): string {
    return 'jinja2.runtime.LoopContext';
  }
  repr(): string {
    return `<LoopContext ${this.index0 + 1}/${this.items.length}>`;
  }
  call(args: readonly PyValue[], _kwargs: Kwargs, _rt: Runtime): PyValue {
    if (this.recurse === null) {
      throw typeError("The loop must have the 'recursive' marker to be called recursively.");
    }
    return this.recurse(args[0] ?? null, this.depth0 + 1);
  }
  override attribute(name: string): PyValue | Missing {
    const length = this.items.length;
    const i = this.index0;
    switch (name) {
      case 'index0':
        return i;
      case 'index':
        return i + 1;
      case 'revindex':
        return length - i;
      case 'revindex0':
        return length - i - 1;
      case 'first':
        return i === 0;
      case 'last':
        return i === length - 1;
      case 'length':
        return length;
      case 'depth0':
        return this.depth0;
      case 'depth':
        return this.depth0 + 1;
      case 'previtem':
        return i > 0 ? this.items[i - 1] : new Undefined('there is no previous item');
      case 'nextitem':
        return i + 1 < length ? this.items[i + 1] : new Undefined('there is no next item');
      case 'cycle':
        return new PyBoundMethod(this, 'cycle', ((self: LoopContext, args: readonly PyValue[]) => self.cycle(args)) as never, 'method');
      case 'changed':
        return new PyBoundMethod(this, 'changed', ((self: LoopContext, args: readonly PyValue[]) => self.changed(args)) as never, 'method');
      default:
        return MISSING;
    }
  }
  private cycle(args: readonly PyValue[]): PyValue {
    if (args.length === 0) throw typeError('no items for cycling given');
    return args[this.index0 % args.length];
  }
  private changed(args: readonly PyValue[]): PyValue {
    const previous = this.lastChanged;
    this.lastChanged = [...args];
    if (previous === MISSING) return true;
    return previous.length !== args.length || previous.some((value, i) => !pyEquals(value, args[i]));
  }
}
