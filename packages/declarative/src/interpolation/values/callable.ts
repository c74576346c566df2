// Callables templates can hold: built-in functions (the CDK's macros, Jinja's globals) and methods
// bound to a value (`config.get`, `'x'.upper`).
import type { Kwargs, NativeFunction, Runtime } from '../template/runtime-api.js';
import { PyObject, type PyValue, type ReprFn } from './object.js';
import { objectTypeRepr } from './type-name.js';

/** A fixed fake address: Python prints one in reprs of functions; ours is stable. */
const ADDRESS = '0x7f0000000000';

export abstract class PyCallable extends PyObject {
  abstract call(args: readonly PyValue[], kwargs: Kwargs, rt: Runtime): PyValue;
}

export class PyBuiltinFunction extends PyCallable {
  constructor(
    readonly name: string,
    readonly fn: NativeFunction,
    private readonly typeName = 'function',
  ) {
    super();
  }
  get pyType(): string {
    return this.typeName;
  }
  repr(): string {
    return this.typeName === 'function' ? `<function ${this.name} at ${ADDRESS}>` : `<${this.typeName} ${this.name}>`;
  }
  call(args: readonly PyValue[], kwargs: Kwargs, rt: Runtime): PyValue {
    return this.fn(args, kwargs, rt);
  }
  override hashKey(): string | null {
    return `fn${this.name}`;
  }
}

export type MethodImpl = (self: never, args: readonly PyValue[], kwargs: Kwargs, rt: Runtime) => PyValue;

export class PyBoundMethod extends PyCallable {
  constructor(
    readonly self: PyValue,
    readonly name: string,
    readonly impl: MethodImpl,
    private readonly typeName = 'builtin_function_or_method',
  ) {
    super();
  }
  get pyType(): string {
    return this.typeName;
  }
  repr(_recur: ReprFn): string {
    if (this.typeName === 'method') return `<bound method ${this.name} of ${objectTypeRepr(this.self)} at ${ADDRESS}>`;
    return `<built-in method ${this.name} of ${objectTypeRepr(this.self)} at ${ADDRESS}>`;
  }
  call(args: readonly PyValue[], kwargs: Kwargs, rt: Runtime): PyValue {
    return (this.impl as (self: PyValue, args: readonly PyValue[], kwargs: Kwargs, rt: Runtime) => PyValue)(this.self, args, kwargs, rt);
  }
}
