// The CDK's InterpolatedMapping and InterpolatedNestedMapping: the string keys and values of a
// mapping evaluated as templates (with no default, so an empty result is None), other values kept
// as they are; the nested form walks into objects and lists and drops keys whose value is None.
import { type ComponentEnvironment, type TemplateValues, templateContext } from '../interpolated/evaluation-context.js';
import { compileCached, type PyTypeName } from '../interpolation/compiled-template.js';
import type { PlainDict, PyValue } from '../interpolation/values/object.js';
import { pyStr } from '../interpolation/values/repr.js';

export interface MappingTypes {
  /** The CDK's `valid_key_types` (default `str` only). */
  readonly keyTypes?: readonly PyTypeName[];
  /** The CDK's `valid_value_types` (default any). */
  readonly valueTypes?: readonly PyTypeName[];
}

const STRING_KEYS: readonly PyTypeName[] = ['str'];

function evalTemplate(text: string, env: ComponentEnvironment, context: PlainDict, validTypes: readonly PyTypeName[] | undefined): PyValue {
  return compileCached(text).evaluate(context, { clock: env.clock, validTypes });
}

function keyText(value: PyValue): string {
  return typeof value === 'string' ? value : pyStr(value);
}

function define(target: Record<string, PyValue>, key: string, value: PyValue): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

export class InterpolatedMapping {
  constructor(
    readonly mapping: Readonly<Record<string, unknown>>,
    private readonly parameters: PlainDict,
  ) {}

  /** The evaluated mapping (keys that are not strings after evaluation are written as Python's `str()`). */
  eval(env: ComponentEnvironment, values?: TemplateValues, types: MappingTypes = {}): Record<string, PyValue> {
    const context = templateContext(env, this.parameters, values);
    const out: Record<string, PyValue> = {};
    for (const [name, value] of Object.entries(this.mapping)) {
      const key = keyText(evalTemplate(name, env, context, types.keyTypes ?? STRING_KEYS));
      define(out, key, typeof value === 'string' ? evalTemplate(value, env, context, types.valueTypes) : (value as PyValue));
    }
    return out;
  }

  get isEmpty(): boolean {
    return Object.keys(this.mapping).length === 0;
  }
}

export class InterpolatedNestedMapping {
  constructor(
    readonly mapping: Readonly<Record<string, unknown>> | readonly unknown[],
    private readonly parameters: PlainDict,
  ) {}

  eval(env: ComponentEnvironment, values?: TemplateValues): PyValue {
    const context = templateContext(env, this.parameters, values);
    return this.evalNode(this.mapping, env, context);
  }

  private evalNode(node: unknown, env: ComponentEnvironment, context: PlainDict): PyValue {
    if (typeof node === 'string') return evalTemplate(node, env, context, undefined);
    if (Array.isArray(node)) return node.map((item) => this.evalNode(item, env, context));
    if (node === null || typeof node !== 'object') return node as PyValue;
    const out: Record<string, PyValue> = {};
    for (const [name, value] of Object.entries(node)) {
      const evaluated = this.evalNode(value, env, context);
      if (evaluated !== null) define(out, keyText(this.evalNode(name, env, context)), evaluated);
    }
    return out;
  }
}
