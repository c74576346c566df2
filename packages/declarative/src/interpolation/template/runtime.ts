// One evaluation's state: the context, the sandbox budget, the clock, and name resolution
// (frame variables, then the context, then the stream_slice aliases, then globals).
import { PythonError } from '../errors.js';
import type { Budget } from '../limits.js';
import type { PlainDict, PyValue } from '../values/object.js';
import { undefinedVariable } from '../values/undefined.js';
import type { Environment } from './environment.js';
import { callValue, iterate, sandboxGetattr, sandboxGetitem } from './operations.js';
import type { Kwargs, Runtime } from './runtime-api.js';

/** The CDK derives these from stream_slice (JinjaInterpolation's _ALIASES). */
export const SLICE_ALIASES: readonly string[] = ['stream_interval', 'stream_partition'];

export class EvalRuntime implements Runtime {
  constructor(
    readonly env: Environment,
    public context: PlainDict,
    readonly budget: Budget,
    private clock: () => number,
  ) {}

  /** Makes this runtime a fresh one for another evaluation (a template evaluated per record reuses one). */
  reset(context: PlainDict, clock: () => number): void {
    this.context = context;
    this.clock = clock;
    this.budget.reset();
  }

  nowMicros(): number {
    return this.clock();
  }

  /** A name not bound by the template itself. */
  resolve(name: string): PyValue {
    const context = this.context;
    if (Object.hasOwn(context, name)) {
      const value = context[name];
      if (value !== undefined) return value;
    }
    if ((name === 'stream_partition' || name === 'stream_interval') && Object.hasOwn(context, 'stream_slice')) {
      return context.stream_slice;
    }
    const global = this.env.globals.get(name);
    return global === undefined ? undefinedVariable(name) : global;
  }

  getattr(obj: PyValue, name: string): PyValue {
    return sandboxGetattr(obj, name);
  }

  getitem(obj: PyValue, key: PyValue): PyValue {
    return sandboxGetitem(obj, key);
  }

  call(callee: PyValue, args: readonly PyValue[], kwargs: Kwargs): PyValue {
    return callValue(callee, args, kwargs, this);
  }

  iterate(value: PyValue): PyValue[] {
    return iterate(value, this);
  }

  hasFilter(name: string): boolean {
    return this.env.filters.has(name);
  }

  hasTest(name: string): boolean {
    return this.env.tests.has(name);
  }

  callFilter(name: string, value: PyValue, args: readonly PyValue[], kwargs: Kwargs): PyValue {
    const filter = this.env.filters.get(name);
    if (filter === undefined) throw new PythonError('TemplateRuntimeError', `No filter named '${name}'.`);
    return filter(value, args, kwargs, this);
  }

  callTest(name: string, value: PyValue, args: readonly PyValue[], kwargs: Kwargs): boolean {
    const test = this.env.tests.get(name);
    if (test === undefined) throw new PythonError('TemplateRuntimeError', `No test named '${name}'.`);
    return test(value, args, kwargs, this);
  }
}

/** Variables bound by the template ({% set %}, loop targets, macro parameters) in one scope. */
export class Frame {
  vars: Map<string, PyValue> | null = null;

  constructor(
    readonly rt: EvalRuntime,
    readonly parent: Frame | null,
  ) {}

  lookup(name: string): PyValue {
    for (let frame: Frame | null = this; frame !== null; frame = frame.parent) {
      const value = frame.vars?.get(name);
      if (value !== undefined) return value;
    }
    return this.rt.resolve(name);
  }

  set(name: string, value: PyValue): void {
    if (this.vars === null) this.vars = new Map();
    this.vars.set(name, value);
  }
}
