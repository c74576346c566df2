// Shared helpers for the interpolation tests: evaluate with the corpus's frozen clock, compare
// Python reprs, assert Python exceptions.
import assert from 'node:assert/strict';
import {
  compileTemplate,
  contextFromJson,
  type EvaluateOptions,
  fixedClock,
  interpolate,
  type PlainDict,
  PythonError,
  type PyValue,
  pythonRepr,
} from '../../src/interpolation/index.js';

export const FROZEN = '2024-06-15T12:34:56.789012+00:00';
export const clock = fixedClock(FROZEN);

const short = (template: string) => (template.length > 80 ? `${template.slice(0, 77)}...` : template);

/** A context from JSON text (Python's number types), with `config` defaulting to {}. */
export function context(json = '{}'): PlainDict {
  const ctx = contextFromJson(json);
  return 'config' in ctx ? ctx : { config: {}, ...ctx };
}

export function evaluate(template: string, ctx: PlainDict = context(), options: EvaluateOptions = {}): PyValue {
  return interpolate(template, ctx, { clock, ...options });
}

/** Asserts Python's repr of the evaluated template. */
export function assertRepr(template: string, expected: string, ctx?: PlainDict, options?: EvaluateOptions): void {
  assert.equal(pythonRepr(evaluate(template, ctx, options)), expected, short(template));
}

/** Asserts rendering the template (without the CDK's fallback to the default) raises `pyClass`. */
export function assertRenderRaises(template: string, pyClass: string, message?: RegExp, ctx: PlainDict = context()): PythonError {
  let caught: unknown;
  try {
    compileTemplate(template).render(ctx, { clock });
  } catch (error) {
    caught = error;
  }
  assert.ok(
    caught instanceof PythonError,
    `${short(template)}: expected ${pyClass}, got ${caught === undefined ? 'no error' : String(caught)}`,
  );
  assert.equal(caught.pyClass, pyClass, `${short(template)}: ${caught.message}`);
  if (message) assert.match(caught.message, message, short(template));
  return caught;
}

/** Asserts the template raises a Python exception of `pyClass` (and a message matching `message`). */
export function assertRaises(template: string, pyClass: string, message?: RegExp, ctx?: PlainDict, options?: EvaluateOptions): PythonError {
  let caught: unknown;
  try {
    evaluate(template, ctx, options);
  } catch (error) {
    caught = error;
  }
  assert.ok(
    caught instanceof PythonError,
    `${short(template)}: expected ${pyClass}, got ${caught === undefined ? 'no error' : String(caught)}`,
  );
  assert.equal(caught.pyClass, pyClass, `${short(template)}: ${caught.message}`);
  if (message) assert.match(caught.message, message, short(template));
  return caught;
}
