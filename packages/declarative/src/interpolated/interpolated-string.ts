// The CDK's InterpolatedString: a field that may hold a template, compiled once and evaluated per
// call with `config`, `parameters` and the call's values, the field's own text as its default.
import type { EvaluateOptions, PyTypeName } from '../interpolation/compiled-template.js';
import { cdkLiteralEval, compileCached } from '../interpolation/compiled-template.js';
import type { CompiledTemplate } from '../interpolation/index.js';
import type { PlainDict, PyValue } from '../interpolation/values/object.js';
import { pyStr } from '../interpolation/values/repr.js';
import { type ComponentEnvironment, type TemplateValues, templateContext } from './evaluation-context.js';

const TEMPLATE_MARKERS = ['{{', '{%', '{#'];

/** True when the text holds Jinja syntax (else rendering it gives the text itself). */
export function hasTemplateSyntax(text: string): boolean {
  return TEMPLATE_MARKERS.some((marker) => text.includes(marker));
}

/**
 * The Python CDK's `InterpolatedString`: a template, compiled once, evaluated with the component's
 * parameters.
 */
export class InterpolatedString {
  private readonly compiled: CompiledTemplate | null;
  /** The value of a text without template syntax: constant, so computed once. */
  private readonly constant: PyValue | undefined;
  /** The evaluation options of the last environment and valid types (the same on every call of a component). */
  private options: { env: ComponentEnvironment; validTypes: readonly PyTypeName[] | undefined; value: EvaluateOptions } | null = null;

  constructor(
    readonly text: string,
    private readonly parameters: PlainDict,
    private readonly fallback: string | null = null,
  ) {
    this.compiled = hasTemplateSyntax(text) || (fallback !== null && hasTemplateSyntax(fallback)) ? compileCached(text) : null;
    if (this.compiled === null) this.constant = constantValue(text, fallback);
  }

  /** Evaluates as `InterpolatedString.eval(config, **values)`; `validTypes` as the CDK's `valid_types`. */
  eval(env: ComponentEnvironment, values?: TemplateValues, validTypes?: readonly PyTypeName[]): PyValue {
    if (this.compiled === null && validTypes === undefined) return this.constant as PyValue;
    if (this.options?.env !== env || this.options.validTypes !== validTypes) {
      this.options = { env, validTypes, value: { default: this.fallback ?? this.text, clock: env.clock, validTypes } };
    }
    const template = this.compiled ?? compileCached(this.text);
    return template.evaluate(templateContext(env, this.parameters, values), this.options.value);
  }

  /**
   * A context of this string's `config` and `parameters` and the given values, for a caller that
   * evaluates it once per record: it keeps the context, sets the values of each call in it and
   * calls `evalIn`, so no context is built per record.
   */
  contextFor(env: ComponentEnvironment, values: TemplateValues): PlainDict {
    return templateContext(env, this.parameters, values);
  }

  /** `eval` in a context made by `contextFor` (its values set for this call). */
  evalIn(env: ComponentEnvironment, context: PlainDict, validTypes?: readonly PyTypeName[]): PyValue {
    if (this.compiled === null && validTypes === undefined) return this.constant as PyValue;
    if (this.options?.env !== env || this.options.validTypes !== validTypes) {
      this.options = { env, validTypes, value: { default: this.fallback ?? this.text, clock: env.clock, validTypes } };
    }
    return (this.compiled ?? compileCached(this.text)).evaluate(context, this.options.value);
  }

  /** The value as text, as the CDK's `str(x.eval(...))`. */
  evalString(env: ComponentEnvironment, values?: TemplateValues): string {
    const value = this.eval(env, values);
    return typeof value === 'string' ? value : pyStr(value);
  }
}

function constantValue(text: string, fallback: string | null): PyValue {
  if (text !== '') return cdkLiteralEval(text, undefined);
  return cdkLiteralEval(fallback ?? '', undefined);
}

/** A field that may be a template or a plain value of another type (int page sizes, booleans). */
export function interpolatedOrValue(value: unknown, parameters: PlainDict): InterpolatedString | PyValue {
  return typeof value === 'string' ? new InterpolatedString(value, parameters) : (value as PyValue);
}
