// The CDK's InterpolatedRequestInputProvider (request parameters, headers, form bodies: a mapping
// whose keys and string values are templates, or one template giving the whole input) and
// InterpolatedNestedRequestInputProvider (JSON bodies: nested mappings and lists, interpolated all
// the way down). Templates are compiled once; each request evaluates them with `stream_slice` and
// `next_page_token`, without a default (an empty result is None), and None values are dropped.

import { type ComponentEnvironment, templateContext } from '../interpolated/evaluation-context.js';
import type { PyTypeName } from '../interpolation/compiled-template.js';
import { type CompiledTemplate, compileCached } from '../interpolation/compiled-template.js';
import { isMapping, mappingEntries, type PyMapping } from '../interpolation/values/dict.js';
import type { PlainDict, PyValue } from '../interpolation/values/object.js';
import { pyStr } from '../interpolation/values/repr.js';

/** What a request's templates see besides `config` and `parameters`. */
export interface RequestContext {
  readonly stream_slice: PyValue;
  readonly next_page_token: PyValue;
}

/** The types an input's keys and values may take after `literal_eval` (the CDK's valid_types). */
export interface InputTypes {
  readonly keys?: readonly PyTypeName[];
  readonly values?: readonly PyTypeName[];
}

type Compiled = { template: CompiledTemplate } | { constant: PyValue };

function compile(value: unknown): Compiled {
  return typeof value === 'string' ? { template: compileCached(value) } : { constant: value as PyValue };
}

function evaluate(compiled: Compiled, context: PlainDict, env: ComponentEnvironment, validTypes?: readonly PyTypeName[]): PyValue {
  if ('constant' in compiled) return compiled.constant;
  return compiled.template.evaluate(context, { default: null, clock: env.clock, validTypes });
}

/** A flat input: a mapping of templates, or one template (whose default is ''). */
export class RequestInput {
  private readonly entries: readonly (readonly [Compiled, Compiled])[] | null;
  private readonly whole: CompiledTemplate | null;

  constructor(
    input: unknown,
    private readonly parameters: PlainDict,
    private readonly env: ComponentEnvironment,
  ) {
    this.whole = typeof input === 'string' && input !== '' ? compileCached(input) : null;
    const mapping = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
    this.entries = this.whole === null ? Object.entries(mapping).map(([key, value]) => [compile(key), compile(value)] as const) : null;
  }

  /** True when the input can only give an empty mapping. */
  get isEmpty(): boolean {
    return this.whole === null && this.entries?.length === 0;
  }

  /** The input for one request: a mapping without None values, or what the whole template gave. */
  eval(request: RequestContext, types: InputTypes = {}): PyValue {
    const context = templateContext(this.env, this.parameters, request as unknown as PlainDict);
    if (this.whole !== null) {
      const value = this.whole.evaluate(context, { default: '', clock: this.env.clock });
      return isMapping(value) ? withoutNone(value) : value;
    }
    const out: PlainDict = {};
    for (const [key, value] of this.entries ?? []) {
      const name = evaluate(key, context, this.env, types.keys ?? ['str']);
      const evaluated = evaluate(value, context, this.env, types.values);
      if (evaluated !== null) define(out, String(name), evaluated);
    }
    return out;
  }
}

/** A nested input (JSON bodies): strings anywhere are templates; None members of mappings are dropped. */
export class NestedRequestInput {
  private readonly whole: CompiledTemplate | null;

  constructor(
    private readonly input: unknown,
    private readonly parameters: PlainDict,
    private readonly env: ComponentEnvironment,
  ) {
    this.whole = typeof input === 'string' && input !== '' ? compileCached(input) : null;
  }

  get isEmpty(): boolean {
    if (this.whole !== null) return false;
    return typeof this.input !== 'object' || this.input === null || Object.keys(this.input).length === 0;
  }

  eval(request: RequestContext): PyValue {
    const context = templateContext(this.env, this.parameters, request as unknown as PlainDict);
    if (this.whole !== null) return this.whole.evaluate(context, { default: '', clock: this.env.clock });
    return this.evalNode(this.input ?? {}, context);
  }

  private evalNode(node: unknown, context: PlainDict): PyValue {
    if (typeof node === 'string') return compileCached(node).evaluate(context, { default: null, clock: this.env.clock });
    if (Array.isArray(node)) return node.map((item) => this.evalNode(item, context));
    if (typeof node !== 'object' || node === null) return node as PyValue;
    const out: PlainDict = {};
    for (const [key, value] of Object.entries(node)) {
      const evaluated = this.evalNode(value, context);
      if (evaluated !== null) define(out, String(this.evalNode(key, context)), evaluated);
    }
    return out;
  }
}

/** A mapping a whole template gave, as a plain mapping of its non-None members (keys as Python's str()). */
function withoutNone(value: PlainDict | PyMapping): PlainDict {
  const out: PlainDict = {};
  for (const [key, member] of mappingEntries(value)) if (member !== null) define(out, typeof key === 'string' ? key : pyStr(key), member);
  return out;
}

/** Sets a key as data, whatever its name (`__proto__` included). */
export function define(target: PlainDict | Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}
