// The CDK's InterpolatedBoolean: a condition that is false when it evaluates to one of Python's
// FALSE_VALUES (compared with ==, so 0 and 0.0 count as False) and true otherwise, None included.
import { compileCached, type EvaluateOptions } from '../interpolation/compiled-template.js';
import type { CompiledTemplate } from '../interpolation/index.js';
import { PySet, PyTuple } from '../interpolation/values/containers.js';
import { isMapping, mappingSize } from '../interpolation/values/dict.js';
import { PyFloat } from '../interpolation/values/number.js';
import type { PlainDict, PyValue } from '../interpolation/values/object.js';
import { type ComponentEnvironment, type TemplateValues, templateContext } from './evaluation-context.js';

const FALSE_TEXTS = new Set(['False', 'false', '{}', '[]', '()', '', '0', '0.0']);

/** `value in FALSE_VALUES`, with Python's equality. */
export function isCdkFalse(value: PyValue): boolean {
  if (typeof value === 'string') return FALSE_TEXTS.has(value);
  if (value === false || value === 0) return true;
  if (typeof value === 'bigint') return value === 0n;
  if (value instanceof PyFloat) return value.value === 0;
  if (Array.isArray(value)) return value.length === 0;
  if (value instanceof PyTuple) return value.items.length === 0;
  if (value instanceof PySet) return value.ordered().length === 0;
  if (value !== null && isMapping(value)) return mappingSize(value) === 0;
  return false;
}

/**
 * The Python CDK's `InterpolatedBoolean`: a condition template, compiled once, evaluated with
 * Python truthiness.
 */
export class InterpolatedBoolean {
  private readonly compiled: CompiledTemplate | null;
  /** The evaluation options of the last environment (one per component, so made once). */
  private options: { env: ComponentEnvironment; value: EvaluateOptions } | null = null;

  constructor(
    readonly condition: string | boolean,
    private readonly parameters: PlainDict,
  ) {
    this.compiled = typeof condition === 'string' ? compileCached(condition) : null;
  }

  /** True when the condition is empty-free and holds; an empty condition evaluates to its default 'False'. */
  eval(env: ComponentEnvironment, values?: TemplateValues): boolean {
    if (this.compiled === null) return this.condition === true;
    if (this.options?.env !== env) this.options = { env, value: { default: 'False', clock: env.clock } };
    const result = this.compiled.evaluate(templateContext(env, this.parameters, values), this.options.value);
    return !isCdkFalse(result);
  }

  /** A context of this condition's `config` and `parameters` and the given values, kept by a caller that evaluates it per record (see `evalIn`). */
  contextFor(env: ComponentEnvironment, values: TemplateValues): PlainDict {
    return templateContext(env, this.parameters, values);
  }

  /** `eval` in a context made by `contextFor`, its values set for this call: no context built per record. */
  evalIn(env: ComponentEnvironment, context: PlainDict): boolean {
    if (this.compiled === null) return this.condition === true;
    if (this.options?.env !== env) this.options = { env, value: { default: 'False', clock: env.clock } };
    return !isCdkFalse(this.compiled.evaluate(context, this.options.value));
  }
}
