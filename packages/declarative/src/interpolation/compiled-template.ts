// A template parsed and compiled once, evaluated many times with the Python CDK's rules
// (JinjaInterpolation.eval): reserved aliases, the stream_state ban, the undeclared-variables
// check, TypeError meaning "not a template", UndefinedError or an empty result falling back to
// the default, then ast.literal_eval and valid_types.
import { cdkEnvironment } from './cdk-environment.js';
import { type Clock, systemClock } from './clock.js';
import { isPyInstance, PythonError, valueError } from './errors.js';
import { Budget, DEFAULT_LIMITS, type SandboxLimits } from './limits.js';
import { literalEval, NOT_LITERAL } from './literal-eval.js';
import { compileTemplateBody, compileTemplateValue } from './template/compiler.js';
import { parseTemplate } from './template/parser.js';
import { compilePlainLookups, NOT_PLAIN, type PlainRender } from './template/plain-lookups.js';
import { EvalRuntime, SLICE_ALIASES } from './template/runtime.js';
import { findUndeclared } from './template/undeclared.js';
import { PyComplex, PySet } from './values/containers.js';
import type { PlainDict, PyValue } from './values/object.js';
import { pyRepr, pyStr } from './values/repr.js';
import { pyTypeName } from './values/type-name.js';

/** Python type names for `validTypes` (isinstance semantics: 'int' also accepts bool). */
export type PyTypeName = 'str' | 'int' | 'float' | 'bool' | 'dict' | 'list' | 'tuple' | 'set' | 'bytes' | 'none' | 'complex';

/** What templates see: `config`, `stream_slice`, `response`, `record`, ... as engine values. */
export type InterpolationContext = PlainDict;

/** What a template is rendered with: its variables and the sandbox's limits. */
export interface RenderOptions {
  /** Where now_utc() and friends read the time; the system clock by default. */
  readonly clock?: Clock;
  readonly limits?: Partial<SandboxLimits>;
}

/**
 * Rendering options, plus how a rendered string is turned back into a value, as the Python CDK's
 * `eval` does.
 */
export interface EvaluateOptions extends RenderOptions {
  /** The field's default: a string is a template evaluated like the CDK's, any other value is returned as is. */
  readonly default?: PyValue;
  /** Python types the literal_eval result must have, else the rendered text is returned (the CDK's valid_types). */
  readonly validTypes?: readonly PyTypeName[];
}

const EMPTY_CONTEXT: InterpolationContext = Object.freeze({}) as InterpolationContext;

const UNSUPPORTED_VARIABLES: Readonly<Record<string, string>> = {
  stream_state:
    '`stream_state` is no longer supported for interpolation. We recommend using `stream_interval` instead. Please reference the CDK Migration Guide for more information.',
};

const GLOBAL_NAMES = (): ReadonlySet<string> => new Set(cdkEnvironment().globals.keys());

function isInstance(value: PyValue, types: readonly PyTypeName[]): boolean {
  const name = pyTypeName(value);
  return types.some((type) => {
    if (type === 'none') return value === null;
    if (type === 'int') return name === 'int' || name === 'bool';
    if (type === 'set') return value instanceof PySet && !value.frozen;
    return name === type;
  });
}

/** The CDK's _literal_eval step. */
export function cdkLiteralEval(result: PyValue, validTypes: readonly PyTypeName[] | undefined): PyValue {
  if (typeof result !== 'string') return result;
  const evaluated = literalEval(result);
  if (evaluated === NOT_LITERAL) return result;
  if (!validTypes?.length) return evaluated instanceof PyComplex ? result : evaluated;
  return isInstance(evaluated, validTypes) ? evaluated : result;
}

/** The CDK's message lists {v for v in undeclared if v not in context}: a set built from a set, in CPython's order. */
function undeclaredSetRepr(undeclared: readonly string[], missing: readonly string[]): string {
  const ordered = new PySet(undeclared).ordered().filter((name) => missing.includes(name as string));
  return new PySet(ordered).repr(pyRepr);
}

/**
 * A template compiled once and rendered many times, so per-record interpolation does no parsing.
 */
export class CompiledTemplate {
  private readonly renderBody: (rt: EvalRuntime) => string;
  /** For a template of text and plain lookups: its text without the interpreter, when the values allow. */
  private readonly plainRender: PlainRender | null;
  /** For a template that is one expression: its value unprinted (see `evaluate`). */
  private readonly valueBody: ((rt: EvalRuntime) => PyValue) | null;
  /** The runtime of the last evaluation, ready for the next one. */
  private spare: EvalRuntime | null = null;
  /** Names the template reads without binding them (Jinja's find_undeclared_variables). */
  readonly undeclared: readonly string[];
  private readonly unsupportedVariable: string | null;

  constructor(
    readonly source: string,
    limits: SandboxLimits = DEFAULT_LIMITS,
  ) {
    const body = parseTemplate(source, limits.maxDepth);
    this.undeclared = findUndeclared(body, GLOBAL_NAMES());
    this.renderBody = compileTemplateBody(body, cdkEnvironment());
    this.valueBody = compileTemplateValue(body, cdkEnvironment());
    this.plainRender = this.valueBody === null ? compilePlainLookups(body) : null;
    this.unsupportedVariable = Object.keys(UNSUPPORTED_VARIABLES).find((name) => source.includes(name)) ?? null;
  }

  /** Renders the template to text (Jinja's render, after the CDK's undeclared-variables check). */
  render(context: InterpolationContext, options: RenderOptions = {}): string {
    return this.run(context, options, this.renderText);
  }

  /** The rendered text of a runtime (a field, not a closure made per call: templates run per record). */
  private readonly renderText = (rt: EvalRuntime): string => {
    const text = this.renderBody(rt);
    rt.budget.checkString(text.length);
    return text;
  };

  /** What `valueOrSource` returns for a runtime (see there). */
  private readonly valueText = (rt: EvalRuntime): PyValue => {
    const value = (this.valueBody as (rt: EvalRuntime) => PyValue)(rt);
    if (typeof value === 'boolean' || value === null) return value;
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value === 0 ? 0 : value; // -0 prints as 0
    const text = typeof value === 'string' ? value : pyStr(value);
    rt.budget.checkString(text.length);
    return text;
  };

  /**
   * Runs `body` with a fresh runtime for `context`, after the undeclared-variables check. With the
   * default limits the runtime of the previous evaluation is reset and reused: nothing of an
   * evaluation outlives it but its text or a plain value, and per-record templates then allocate
   * no runtime.
   */
  private run<T>(context: InterpolationContext, options: RenderOptions, body: (rt: EvalRuntime) => T): T {
    this.checkDeclared(context);
    const clock = options.clock ?? systemClock;
    let rt: EvalRuntime;
    const reusable = options.limits === undefined;
    if (reusable && this.spare !== null) {
      rt = this.spare;
      this.spare = null; // taken: an evaluation inside this one (none today) gets its own
      rt.reset(context, clock);
    } else {
      const limits = options.limits ? { ...DEFAULT_LIMITS, ...options.limits } : DEFAULT_LIMITS;
      rt = new EvalRuntime(cdkEnvironment(), context, new Budget(limits), clock);
    }
    try {
      return body(rt);
    } catch (error) {
      if (error instanceof RangeError && /call stack/i.test(error.message)) {
        throw new PythonError('RecursionError', 'maximum recursion depth exceeded while evaluating the template');
      }
      throw error;
    } finally {
      if (reusable) {
        rt.reset(EMPTY_CONTEXT, systemClock); // holds no record between evaluations
        this.spare = rt;
      }
    }
  }

  /**
   * For a one-expression template, `renderOrSource` without the printing: True, False, None and
   * ints print as text that literal_eval turns back into the same value, so they are returned as
   * they are (and strings, whose text is themselves); anything else is printed as `render` prints it.
   */
  private valueOrSource(context: InterpolationContext, options: RenderOptions): PyValue {
    try {
      return this.run(context, options, this.valueText);
    } catch (error) {
      if (isPyInstance(error, 'TypeError')) return this.source;
      throw error;
    }
  }

  /** The CDK's _eval: the rendered text, or the template itself when rendering raised a TypeError. */
  renderOrSource(context: InterpolationContext, options: RenderOptions): string {
    if (this.plainRender !== null && options.limits === undefined) {
      const text = this.plainRender(context);
      if (text !== NOT_PLAIN && text.length <= DEFAULT_LIMITS.maxStringLength) return text;
    }
    try {
      return this.render(context, options);
    } catch (error) {
      if (isPyInstance(error, 'TypeError')) return this.source;
      throw error;
    }
  }

  /** JinjaInterpolation.eval: the value of the template for this context, as the Python CDK computes it. */
  evaluate(context: InterpolationContext, options: EvaluateOptions = {}): PyValue {
    checkAliases(context);
    if (this.unsupportedVariable !== null) {
      throw new PythonError('AirbyteTracedException', UNSUPPORTED_VARIABLES[this.unsupportedVariable], 'config_error');
    }
    try {
      const result = this.valueBody === null ? this.renderOrSource(context, options) : this.valueOrSource(context, options);
      if (typeof result !== 'string') return printedAndParsed(result, options.validTypes);
      if (result) return cdkLiteralEval(result, options.validTypes);
    } catch (error) {
      if (!isPyInstance(error, 'UndefinedError')) throw error;
    }
    return cdkLiteralEval(evaluateDefault(options.default ?? null, context, options), options.validTypes);
  }

  private checkDeclared(context: InterpolationContext): void {
    const hasSlice = Object.hasOwn(context, 'stream_slice');
    // Per-record templates: nothing is allocated (no closure, no list) unless a name is missing.
    let allDeclared = true;
    for (const name of this.undeclared) allDeclared &&= isDeclared(context, name, hasSlice);
    if (allDeclared) return;
    const missing = this.undeclared.filter((name) => !isDeclared(context, name, hasSlice));
    if (missing.length) {
      const available = Object.keys(context).concat(hasSlice ? SLICE_ALIASES : []);
      throw valueError(
        `Jinja macro has undeclared variables: ${undeclaredSetRepr(this.undeclared, missing)}. Available variables: ${available.join(', ') || 'none'}.`,
      );
    }
  }
}

/** What literal_eval gives back for the text of True, False, None or an int, with valid_types applied. */
function printedAndParsed(value: PyValue, validTypes: readonly PyTypeName[] | undefined): PyValue {
  if (!validTypes?.length || isInstance(value, validTypes)) return value;
  return pyStr(value);
}

function isDeclared(context: InterpolationContext, name: string, hasSlice: boolean): boolean {
  return (Object.hasOwn(context, name) && context[name] !== undefined) || (hasSlice && SLICE_ALIASES.includes(name));
}

function checkAliases(context: InterpolationContext): void {
  for (const alias of SLICE_ALIASES) {
    if (Object.hasOwn(context, alias)) {
      throw valueError(`Found reserved keyword ${alias} in interpolation context. This is unexpected and indicative of a bug in the CDK.`);
    }
  }
}

const cache = new Map<string, CompiledTemplate>();
const CACHE_SIZE = 4096;

/** Compiles a template, reusing an earlier compilation of the same text. */
export function compileCached(source: string): CompiledTemplate {
  let compiled = cache.get(source);
  if (compiled === undefined) {
    compiled = new CompiledTemplate(source);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(source, compiled);
  }
  return compiled;
}

function evaluateDefault(fallback: PyValue, context: InterpolationContext, options: RenderOptions): PyValue {
  if (typeof fallback !== 'string') return fallback;
  return compileCached(fallback).renderOrSource(context, options);
}
