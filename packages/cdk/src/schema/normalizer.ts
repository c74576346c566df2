/**
 * Opt-in schema normalisation: the Python CDK's `TypeTransformer` with
 * `DefaultSchemaNormalization` (reference §2.8), compiled once per schema into one function.
 *
 * What it walks, like Python: `type`, `properties` (only when the value is an object) and `items`
 * (only when the value is an array; the tuple form is applied by position). It does not look into
 * `anyOf`/`oneOf`/`allOf`, `additionalProperties`, `patternProperties` or anything else, and it
 * resolves no `$ref` (the loader has inlined them). The root record is walked, never converted.
 * Properties the schema does not list, and absent or `undefined` values, are left untouched.
 *
 * Each value is first converted to the declared type (when it is not already of that type) and
 * then walked, so a scalar wrapped into an array has its item normalised too. Conversions:
 * - `null` is kept when `null` is one of the types. Otherwise `null` goes to the other types'
 *   rules below, none of which converts it.
 * - Type lists: `null` is dropped; with more than one type left the value is never converted
 *   (it is only checked, and reported when it matches none of the types).
 * - `string` ← number (`String(n)`: `1.5`→`'1.5'`, `NaN`→`'NaN'`), BigInt, boolean (`'true'`,
 *   `'false'`), valid Date (`toISOString()`), object or array (its `JSON.stringify` text).
 * - `number` ← decimal strings (`' 1.5 '`→1.5, `'1e3'`→1000; never hex, `'Infinity'`, `'NaN'` or
 *   `''`), booleans (1/0), BigInts that fit exactly. A non-finite number is reported, not kept as valid.
 * - `integer` ← strings of digits with an optional sign (`' -42 '`→-42) that are safe integers,
 *   finite numbers truncated toward zero (`1.9`→1, `-1.9`→-1, as Python's `int()`), booleans
 *   (1/0), BigInts that fit exactly. `NaN`/`Infinity`/`'1.5'`/`'1e3'` are reported.
 * - `boolean` ← strings `y, yes, t, true, on, 1` / `n, no, f, false, off, 0` (any case, spaces
 *   trimmed), the numbers (and BigInts) 1 and 0.
 * - `array` ← a string, number, boolean or BigInt becomes `[value]` when `items` is absent or
 *   declares scalar types only.
 * - `object` (any non-array object but a Date, which is written as a string) and `null` have no
 *   conversion. No conversion ever produces `NaN`, `-0` or `Infinity`.
 * A value that cannot be converted stays as it is and is reported through `onFirstFailure` the
 * first time it happens at its path (`address.geo.lat`, `tags[]`, `items[].sku`), not per record.
 *
 * Deliberate differences from Python: `true`→`'true'` (Python: `'True'`); objects and arrays
 * become JSON text (Python: `"{'a': 1}"`); `null` is never converted (Python gives `'None'` for a
 * string, `False` for a boolean and `[None]` for an array); booleans only come from 0/1 and the
 * words above (Python: `bool(v)`, so `2`→`True`, `[]`→`False`); strings for `number`/`integer` use
 * ASCII digits without `_` (Python also accepts `'1_000'`, `'inf'`, `'nan'` and Unicode digits);
 * integer strings beyond ±2^53 stay strings (Python has big integers); `1.0` and `1` are the same
 * number (Python's `float()` gives `1.0`); scalars are wrapped even when `items.type` is a single
 * string (Python then compares its characters and never wraps); non-finite numbers are reported.
 * Python reports every remaining type error of every record; this reports each path once.
 *
 * Never throws on a record and never deletes a key: frozen objects keep their values, cyclic or
 * BigInt-holding objects are not stringified, and anything else that throws while walking (a
 * hostile getter or Proxy) stops the walk for that record and is reported once with path `''`.
 * An exception thrown by `onFirstFailure` is ignored. Schema levels deeper than 64, and a schema
 * object nested inside itself (past its first occurrence on a branch), are not walked.
 */
import type { JsonSchema } from '../protocol/json-schema.js';
import { buildPlan, type Converter, FAIL, isIdle, type NormalizationWarning, type PlanNode, type TypeName } from './normalizer-plan.js';

export type { NormalizationWarning } from './normalizer-plan.js';

export type RecordNormalizer = (record: Record<string, unknown>) => void;

/** Compiles a schema into a function that normalises one record IN PLACE (like Python). */
export function compileNormalizer(schema: JsonSchema, onFirstFailure: (warning: NormalizationWarning) => void): RecordNormalizer {
  const plan = buildPlan(schema, onFirstFailure);
  if (plan === null || plan.props.length === 0) return () => {};
  const crash = guard(onFirstFailure);
  try {
    return generate(plan, crash);
  } catch {
    // Code generation is disabled (`--disallow-code-generation-from-strings`): use closures.
    return compileWithClosures(plan, crash);
  }
}

/**
 * @internal The same normaliser built from closures only (no `new Function`); the fallback when
 * code generation is not allowed, and the reference the generated code is tested against.
 */
export function compileNormalizerWithClosures(
  schema: JsonSchema,
  onFirstFailure: (warning: NormalizationWarning) => void,
): RecordNormalizer {
  const plan = buildPlan(schema, onFirstFailure);
  if (plan === null || plan.props.length === 0) return () => {};
  return compileWithClosures(plan, guard(onFirstFailure));
}

/** Reports, once per normaliser, an exception that escaped the walk (only hostile objects throw). */
type Crash = (error: unknown) => void;
function guard(onFirstFailure: (warning: NormalizationWarning) => void): Crash {
  let done = false;
  return (error) => {
    if (done) return;
    done = true;
    try {
      onFirstFailure({ path: '', value: error, expected: 'a record that can be read without throwing' });
    } catch {
      // Ignored, as for every other warning.
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Code generation. The only text spliced into the code: fixed snippets, numbers, and property
// names through JSON.stringify (a valid, fully escaped JS string literal). Paths, converters and
// reporters are passed in as arguments. The code is sloppy-mode on purpose: a write to a frozen
// object is then silently ignored instead of throwing.

function generate(plan: PlanNode, crash: Crash): RecordNormalizer {
  const converters: Converter[] = [];
  const reporters: Array<(value: unknown) => void> = [];
  let maxDepth = 0;

  /** Code for the value in `v`, found at `container[key]` (already known not to be `undefined`). */
  function value(node: PlanNode, v: string, container: string, key: string, depth: number): string {
    let code = '';
    if (node.types !== null) {
      reporters.push(node.report);
      const report = `r[${reporters.length - 1}](${v});`;
      if (node.convert === null) {
        code += `if (!(${accepts(node.types, v)})) ${report}\n`;
      } else {
        if (!converters.includes(node.convert)) converters.push(node.convert);
        const convert = `c${converters.indexOf(node.convert)}`;
        code += `if (!(${accepts(node.types, v)})) {\nx = ${convert}(${v});\n`;
        code += `if (x !== FAIL) ${v} = ${container}[${key}] = x;\nelse ${report}\n}\n`;
      }
    }
    if (node.props.length > 0) code += `if (${isObject(v)}) {\n${properties(node, v, depth + 1)}}\n`;
    if (node.items !== null) code += `if (Array.isArray(${v})) {\n${items(node.items, v, depth + 1)}}\n`;
    return code;
  }

  function properties(node: PlanNode, object: string, depth: number): string {
    maxDepth = Math.max(maxDepth, depth);
    const v = `v${depth}`;
    let code = '';
    for (const { key, ownOnly, node: child } of node.props) {
      const name = JSON.stringify(key);
      code += ownOnly ? `${v} = hasOwn(${object}, ${name}) ? ${object}[${name}] : undefined;\n` : `${v} = ${object}[${name}];\n`;
      code += `if (${v} !== undefined) {\n${value(child, v, object, name, depth)}}\n`;
    }
    return code;
  }

  function items(itemNodes: PlanNode | readonly PlanNode[], array: string, depth: number): string {
    maxDepth = Math.max(maxDepth, depth);
    const v = `v${depth}`;
    if (!Array.isArray(itemNodes)) {
      const i = `i${depth}`;
      const body = value(itemNodes as PlanNode, v, array, i, depth);
      return `for (let ${i} = 0; ${i} < ${array}.length; ${i}++) {\n${v} = ${array}[${i}];\nif (${v} !== undefined) {\n${body}}\n}\n`;
    }
    let code = '';
    for (const [index, node] of itemNodes.entries()) {
      if (!isIdle(node)) code += `${v} = ${array}[${index}];\nif (${v} !== undefined) {\n${value(node, v, array, String(index), depth)}}\n`;
    }
    return code;
  }

  const body = properties(plan, 'o', 1);
  const locals = ['x', ...Array.from({ length: maxDepth }, (_, index) => `v${index + 1}`)].join(', ');
  const source = `return function normalizeRecord(o) {
if (typeof o !== 'object' || o === null) return;
let ${locals};
try {
${body}} catch (error) {
crash(error);
}
};`;
  const names = converters.map((_, index) => `c${index}`);
  const factory = new Function('FAIL', 'hasOwn', 'crash', 'r', ...names, source);
  return factory(FAIL, Object.hasOwn, crash, reporters, ...converters) as RecordNormalizer;
}

function accepts(types: readonly TypeName[], v: string): string {
  return types.map((type) => check(type, v)).join(' || ');
}

function check(type: TypeName, v: string): string {
  switch (type) {
    case 'string':
      return `typeof ${v} === 'string'`;
    case 'number':
      return `(typeof ${v} === 'number' && ${v} - ${v} === 0)`;
    case 'integer':
      return `Number.isInteger(${v})`;
    case 'boolean':
      return `typeof ${v} === 'boolean'`;
    case 'null':
      return `${v} === null`;
    case 'object':
      return `(${isObject(v)})`;
    case 'array':
      return `Array.isArray(${v})`;
  }
}

/** JSON objects: a Date is excluded, as it is written as a string. */
function isObject(v: string): string {
  return `typeof ${v} === 'object' && ${v} !== null && !Array.isArray(${v}) && !(${v} instanceof Date)`;
}

// ---------------------------------------------------------------------------------------------
// Closures: one specialised function per schema node, chosen at compile time.

type Visit = (container: Record<PropertyKey, unknown>, key: string | number, value: unknown) => void;

function compileWithClosures(plan: PlanNode, crash: Crash): RecordNormalizer {
  const root = walkProperties(plan);
  return (record) => {
    if (typeof record !== 'object' || record === null) return;
    try {
      root(record);
    } catch (error) {
      crash(error);
    }
  };
}

function visitor(node: PlanNode): Visit {
  const accept = node.types === null ? null : acceptor(node.types);
  const { convert, report } = node;
  const walkObject = node.props.length > 0 ? walkProperties(node) : null;
  const walkArray = node.items === null ? null : walkItems(node.items);
  return (container, key, value) => {
    if (accept !== null && !accept(value)) {
      const converted = convert === null ? FAIL : convert(value);
      if (converted === FAIL) {
        report(value);
      } else {
        value = converted;
        try {
          container[key] = converted;
        } catch {
          // A frozen object keeps its value (as in the generated code).
        }
      }
    }
    if (walkObject !== null && isPlainObject(value)) walkObject(value);
    else if (walkArray !== null && Array.isArray(value)) walkArray(value);
  };
}

function walkProperties(node: PlanNode): (object: Record<string, unknown>) => void {
  const keys = node.props.map((prop) => prop.key);
  const ownOnly = node.props.map((prop) => prop.ownOnly);
  const visits = node.props.map((prop) => visitor(prop.node));
  return (object) => {
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index];
      const value = ownOnly[index] && !Object.hasOwn(object, key) ? undefined : object[key];
      if (value !== undefined) visits[index](object, key, value);
    }
  };
}

function walkItems(items: PlanNode | readonly PlanNode[]): (array: unknown[]) => void {
  if (!Array.isArray(items)) {
    const visit = visitor(items as PlanNode);
    return (array) => {
      for (let index = 0; index < array.length; index++) {
        const value = array[index];
        if (value !== undefined) visit(array as unknown as Record<number, unknown>, index, value);
      }
    };
  }
  const visits = items.map((item) => (isIdle(item) ? null : visitor(item)));
  return (array) => {
    const length = Math.min(array.length, visits.length);
    for (let index = 0; index < length; index++) {
      const value = array[index];
      const visit = visits[index];
      if (visit !== null && value !== undefined) visit(array as unknown as Record<number, unknown>, index, value);
    }
  };
}

function acceptor(types: readonly TypeName[]): (value: unknown) => boolean {
  const checks = types.map(checker);
  if (checks.length === 1) return checks[0];
  return (value) => checks.some((accept) => accept(value));
}

function checker(type: TypeName): (value: unknown) => boolean {
  switch (type) {
    case 'string':
      return (value) => typeof value === 'string';
    case 'number':
      return (value) => typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger;
    case 'boolean':
      return (value) => typeof value === 'boolean';
    case 'null':
      return (value) => value === null;
    case 'object':
      return isPlainObject;
    case 'array':
      return Array.isArray;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
