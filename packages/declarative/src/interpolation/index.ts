// The interpolation language of Airbyte's declarative manifests: Jinja with Python semantics,
// sandboxed, evaluated with the Python CDK's rules (see compiled-template.ts).
import { CompiledTemplate, compileCached, type EvaluateOptions, type InterpolationContext } from './compiled-template.js';
import type { PyValue } from './values/object.js';
import { pyRepr, pyStr } from './values/repr.js';

export { type Clock, fixedClock, systemClock } from './clock.js';
export {
  CompiledTemplate,
  cdkLiteralEval,
  type EvaluateOptions,
  type InterpolationContext,
  type PyTypeName,
  type RenderOptions,
} from './compiled-template.js';
export { PyDate, PyDateTime, PyDuration, PyTimeDelta } from './datetime/model.js';
export { isPyInstance, PythonError } from './errors.js';
export { contextFromJson, fromJsonValue, type JsonValue, parseJsonText, toJsonValue } from './json-values.js';
export { DEFAULT_LIMITS, type SandboxLimits } from './limits.js';
export { literalEval, NOT_LITERAL } from './literal-eval.js';
export { CaseInsensitiveDict } from './values/case-insensitive-dict.js';
export { PyBytes, PyComplex, PySet, PyTuple } from './values/containers.js';
export { PyDict, PyMapping } from './values/dict.js';
export { PyFloat } from './values/number.js';
export { type PlainDict, PyObject, type PyValue } from './values/object.js';
export { StreamSlice } from './values/stream-slice.js';
export { pyTypeName as pythonTypeName } from './values/type-name.js';
export { Undefined } from './values/undefined.js';

/**
 * Evaluates a manifest template as the Python CDK's JinjaInterpolation.eval does: renders it, falls
 * back to `options.default` on an empty result or an undefined value, then applies ast.literal_eval
 * (and `options.validTypes`). Throws PythonError (pyClass = Python's exception class) on errors.
 * Compilations are cached by template text.
 */
export function interpolate(template: string, context: InterpolationContext, options?: EvaluateOptions): PyValue {
  return compileCached(template).evaluate(context, options);
}

/** Parses and compiles a template once; evaluate() it per record without re-parsing. */
export function compileTemplate(template: string): CompiledTemplate {
  return new CompiledTemplate(template);
}

/** Python's repr() of an engine value: 1 vs 1.0 vs '1', True, None, datetime.datetime(...). */
export function pythonRepr(value: PyValue): string {
  return pyRepr(value);
}

/** Python's str() of an engine value (what {{ value }} renders). */
export function pythonStr(value: PyValue): string {
  return pyStr(value);
}
