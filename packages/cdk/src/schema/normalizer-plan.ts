/**
 * The compile-time half of the schema normaliser (see `normalizer.ts` for the rules): turns a
 * JSON Schema into a tree of plan nodes, each with its accepted types, the converter to its
 * declared type and a once-per-path reporter. Per record, only the converters and reporters run,
 * and only for values that are not already of the declared type.
 */

import type { JsonSchema } from '../protocol/json-schema.js';
import { isoTimestamp } from '../values/iso-timestamp.js';

export interface NormalizationWarning {
  /** Where the value is: `address.geo.lat`, with `[]` for array items (`tags[]`, `items[].sku`). */
  path: string;
  /** The value as found (it is left in the record unchanged). */
  value: unknown;
  /** The declared type: `integer`, or `integer|null` for a type list. */
  expected: string;
}

export type TypeName = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';
const TYPE_NAMES: ReadonlySet<string> = new Set<TypeName>(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

/** Converts one value to the declared type, or returns `FAIL`. Only called for values that are not of that type. */
export type Converter = (value: unknown) => unknown;
export const FAIL: unique symbol = Symbol('cannot convert');

export interface PlanNode {
  /** Accepted types; `null` when the schema sets no (usable) `type`, so any value is accepted. */
  readonly types: readonly TypeName[] | null;
  /** `null` when no conversion applies (a type list, `object`, `null`, or `array` of objects). */
  readonly convert: Converter | null;
  /** Reports a value that is not of the declared type and could not be converted, the first time only. */
  readonly report: (value: unknown) => void;
  readonly props: readonly PlanProperty[];
  /** `items` as one schema for every item, or as a list (tuple form, applied by position). */
  readonly items: PlanNode | readonly PlanNode[] | null;
}

export interface PlanProperty {
  readonly key: string;
  /** The name also exists on `Object.prototype` (`constructor`, `__proto__`…): read it only when it is an own property. */
  readonly ownOnly: boolean;
  readonly node: PlanNode;
}

/** Deeper levels are left untouched: generated code stays small and no schema can overflow the stack. */
export const MAX_DEPTH = 64;

/** Builds the plan of a schema; returns `null` when the schema asks for nothing at all. */
export function buildPlan(schema: JsonSchema, onFirstFailure: (warning: NormalizationWarning) => void): PlanNode | null {
  const reported = new Map<string, { done: boolean }>();
  const stack = new Set<unknown>();

  function node(schema: unknown, path: string, depth: number): PlanNode | null {
    if (!isPlainObject(schema) || depth > MAX_DEPTH || stack.has(schema)) return null;
    stack.add(schema);
    try {
      const props: PlanProperty[] = [];
      if (isPlainObject(schema.properties)) {
        for (const key of Object.keys(schema.properties)) {
          const child = node(schema.properties[key], path === '' ? key : `${path}.${key}`, depth + 1);
          if (child) props.push({ key, ownOnly: key in Object.prototype, node: child });
        }
      }
      let items: PlanNode | PlanNode[] | null = null;
      if (Array.isArray(schema.items)) {
        const tuple = schema.items.map((item) => node(item, `${path}[]`, depth + 1) ?? IDLE);
        if (tuple.some((item) => item !== IDLE)) items = tuple;
      } else {
        items = node(schema.items, `${path}[]`, depth + 1);
      }
      const types = declaredTypes(schema.type);
      // `properties` and `items` only describe values the type allows to be objects or arrays: a
      // value declared a string is converted to one, never walked (even when that conversion
      // fails, as Python's `str()` never does), so normalising twice gives the same result. The
      // root is always the record object, whatever its schema says.
      if (depth > 0 && types !== null && !types.includes('object')) props.length = 0;
      if (depth > 0 && types !== null && !types.includes('array')) items = null;
      if (types === null && props.length === 0 && items === null) return null;
      const nonNull = types?.filter((type) => type !== 'null') ?? [];
      const convert = nonNull.length === 1 ? converterFor(nonNull[0], schema) : null;
      return { types, convert, report: types === null ? ignore : reporter(path, types.join('|')), props, items };
    } finally {
      stack.delete(schema);
    }
  }

  function reporter(path: string, expected: string): (value: unknown) => void {
    const state = reported.get(path) ?? { done: false };
    reported.set(path, state);
    return (value) => {
      if (state.done) return;
      state.done = true;
      try {
        onFirstFailure({ path, value, expected });
      } catch {
        // A failing warning sink must not fail the sync (Python's logging swallows handler errors too).
      }
    };
  }

  return node(schema, '', 0);
}

/** A placeholder for tuple positions whose schema asks for nothing. */
const IDLE: PlanNode = { types: null, convert: null, report: ignore, props: [], items: null };
export function isIdle(node: PlanNode): boolean {
  return node === IDLE;
}

function ignore(): void {}

/** `type` as a list of known names; `null` (no constraint) when absent, empty, or naming an unknown type. */
function declaredTypes(type: unknown): TypeName[] | null {
  const list = Array.isArray(type) ? type : type === undefined ? [] : [type];
  if (list.length === 0 || !list.every((name) => typeof name === 'string' && TYPE_NAMES.has(name))) return null;
  return [...new Set(list as TypeName[])];
}

function converterFor(type: TypeName, schema: Record<string, unknown>): Converter | null {
  switch (type) {
    case 'string':
      return toStringValue;
    case 'number':
      return toNumberValue;
    case 'integer':
      return toIntegerValue;
    case 'boolean':
      return toBooleanValue;
    case 'array':
      return wrapsScalars(schema.items) ? wrapScalar : null;
    default:
      return null;
  }
}

const DECIMAL = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const INTEGER = /^\s*[+-]?\d+\s*$/;
const BOOLEAN_WORDS = new Map<string, boolean>([
  ...['y', 'yes', 't', 'true', 'on', '1'].map((word) => [word, true] as const),
  ...['n', 'no', 'f', 'false', 'off', '0'].map((word) => [word, false] as const),
]);

function toStringValue(value: unknown): unknown {
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return FAIL;
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? FAIL : isoTimestamp(value.getTime());
      try {
        const text = JSON.stringify(value);
        return typeof text === 'string' ? text : FAIL;
      } catch {
        return FAIL;
      }
    }
    default:
      return FAIL;
  }
}

function toNumberValue(value: unknown): unknown {
  return toNumeric(value, false);
}

function toIntegerValue(value: unknown): unknown {
  return toNumeric(value, true);
}

/**
 * A value as a number, or `FAIL`: numeric text, a boolean (0 or 1), a bigint that fits exactly;
 * for an `integer` also a finite number (truncated), and only integer text that is a safe integer.
 */
function toNumeric(value: unknown, integer: boolean): unknown {
  switch (typeof value) {
    case 'number':
      return integer && Number.isFinite(value) ? Math.trunc(value) + 0 : FAIL;
    case 'string': {
      const quick = quickDecimal(value, !integer);
      if (quick !== FAIL) return quick;
      if (!(integer ? INTEGER : DECIMAL).test(value)) return FAIL;
      const number = Number(value);
      return (integer ? Number.isSafeInteger(number) : Number.isFinite(number)) ? number + 0 : FAIL;
    }
    case 'boolean':
      return value ? 1 : 0;
    case 'bigint':
      return exactNumber(value);
    default:
      return FAIL;
  }
}

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, exponent) => 10 ** exponent);

/**
 * The common case without a regex or `Number()`'s slow string path: an optional sign and at most
 * 15 ASCII digits, with one `.` when `decimal`. The digits then form an exact integer below 2^53
 * and a division by an exact power of ten is correctly rounded, so the result equals `Number(s)`.
 * Anything else (spaces, exponents, more digits, garbage) returns FAIL for the general path.
 */
function quickDecimal(text: string, decimal: boolean): number | typeof FAIL {
  const length = text.length;
  let index = 0;
  let code = text.charCodeAt(0);
  const negative = code === 45; // '-'
  if (negative || code === 43) index = 1; // '+'
  let digits = 0;
  let fraction = -1;
  let mantissa = 0;
  for (; index < length; index++) {
    code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) {
      mantissa = mantissa * 10 + (code - 48);
      digits++;
    } else if (code === 46 && decimal && fraction < 0) {
      fraction = digits; // '.'
    } else {
      return FAIL;
    }
  }
  if (digits === 0 || digits > 15) return FAIL;
  const number = fraction < 0 ? mantissa : mantissa / POWERS_OF_TEN[digits - fraction];
  return negative && number !== 0 ? -number : number;
}

function toBooleanValue(value: unknown): unknown {
  switch (typeof value) {
    case 'string': {
      const word = BOOLEAN_WORDS.get(value) ?? BOOLEAN_WORDS.get(value.trim().toLowerCase());
      return word ?? FAIL;
    }
    case 'number':
    case 'bigint':
      // biome-ignore lint/suspicious/noDoubleEquals: loose equality matches both 1 and 1n (and 0, -0, 0n)
      return value == 1 ? true : value == 0 ? false : FAIL;
    default:
      return FAIL;
  }
}

function wrapScalar(value: unknown): unknown {
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' || type === 'bigint' ? [value] : FAIL;
}

/** A scalar is wrapped only when `items` is absent or declares scalar types only (as in Python). */
function wrapsScalars(items: unknown): boolean {
  if (items === undefined) return true;
  if (!isPlainObject(items)) return false;
  const types = items.type === undefined ? [] : Array.isArray(items.type) ? items.type : [items.type];
  return types.every((type) => type === 'string' || type === 'number' || type === 'integer' || type === 'boolean' || type === 'null');
}

/** A BigInt as a number when that is exact, so no precision is lost silently. */
function exactNumber(value: bigint): unknown {
  const number = Number(value);
  return Number.isSafeInteger(number) ? number + 0 : FAIL;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
