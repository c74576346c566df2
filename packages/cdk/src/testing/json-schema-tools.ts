import { Ajv, type ErrorObject } from 'ajv';
import formatsModule from 'ajv-formats';
import type { JsonSchema } from '../index.js';

const addFormats = ((formatsModule as unknown as { default?: unknown }).default ?? formatsModule) as unknown as (ajv: Ajv) => void;

const DRAFT_07 = /^https?:\/\/json-schema\.org\/draft-07\/schema#?$/;

/** An Ajv for connector schemas: every error reported, unknown keywords (`airbyte_secret`, `order`…) and formats tolerated. */
export function createAjv(options: { formats?: boolean } = {}): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: options.formats ?? true });
  addFormats(ajv);
  return ajv;
}

/** Why `schema` is not a valid draft-07 JSON Schema (empty when it is). */
export function draft07Problems(schema: unknown, label = 'schema'): string[] {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return [`${label} must be a JSON object`];
  const declared = (schema as JsonSchema).$schema;
  if (declared !== undefined && !(typeof declared === 'string' && DRAFT_07.test(declared))) {
    return [`${label} declares $schema ${JSON.stringify(declared)}; Airbyte expects draft-07 (http://json-schema.org/draft-07/schema#)`];
  }
  const ajv = createAjv();
  const problems: string[] = [];
  if (!ajv.validateSchema({ ...(schema as object), $schema: 'http://json-schema.org/draft-07/schema#' })) {
    for (const error of ajv.errors ?? []) problems.push(`${label}${pointerLabel(error.instancePath)} ${error.message ?? 'is invalid'}`);
  }
  if (problems.length === 0) {
    try {
      ajv.compile(withoutId(schema as JsonSchema));
    } catch (error) {
      problems.push(`${label} does not compile: ${(error as Error).message}`);
    }
  }
  return problems;
}

/** The JSON pointers of every `$ref` left in a schema. */
export function findRefs(schema: unknown, at = ''): string[] {
  if (Array.isArray(schema)) return schema.flatMap((item, index) => findRefs(item, `${at}/${index}`));
  if (typeof schema !== 'object' || schema === null) return [];
  const found: string[] = [];
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref') found.push(`${at || '/'} ($ref: ${JSON.stringify(value)})`);
    else found.push(...findRefs(value, `${at}/${escapePointer(key)}`));
  }
  return found;
}

/** Checks one value against a schema; returns each problem as `path: reason (value)`. */
export type SchemaValidator = (value: unknown) => string[];

/** Compiles a record validator: problems name the JSON path, the reason and the offending value. */
export function compileValidator(schema: JsonSchema, options: { formats?: boolean } = {}): SchemaValidator {
  const validate = createAjv(options).compile(withoutId(schema));
  return (value) => (validate(value) ? [] : (validate.errors ?? []).map((error) => describeError(error, value)));
}

/** `/address/geo/lat must be number (got "north")` */
export function describeError(error: ErrorObject, root: unknown): string {
  const where = error.instancePath === '' ? '(record)' : error.instancePath;
  let reason = error.message ?? 'is invalid';
  if (error.keyword === 'additionalProperties')
    reason = `has a property not in the schema: ${JSON.stringify(error.params.additionalProperty)}`;
  if (error.keyword === 'enum') reason = `must be one of ${JSON.stringify(error.params.allowedValues)}`;
  const value = valueAtPointer(root, error.instancePath);
  const got = error.keyword === 'required' || error.keyword === 'additionalProperties' ? '' : ` (got ${preview(value)})`;
  return `${where} ${reason}${got}`;
}

/** The value at a JSON pointer (`/a/0/b`). */
export function valueAtPointer(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let current = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof current !== 'object' || current === null) return undefined;
    current = Object.hasOwn(current, key) ? (current as Record<string, unknown>)[key] : undefined;
  }
  return current;
}

/** A JSON preview of a value, cut to `limit` characters. */
export function preview(value: unknown, limit = 80): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length <= limit ? text : `${text.slice(0, limit)}…`;
}

/** The schema for a path of properties (`['address', 'city']`), or undefined when the schema does not declare it. */
export function schemaAtPath(schema: JsonSchema, path: readonly string[]): JsonSchema | undefined {
  let current: JsonSchema | undefined = schema;
  for (const key of path) {
    const next: JsonSchema | undefined = propertyOf(current, key);
    if (next === undefined) return undefined;
    current = next;
  }
  return current;
}

function propertyOf(schema: JsonSchema | undefined, key: string): JsonSchema | undefined {
  if (schema === undefined || typeof schema !== 'object') return undefined;
  const direct = schema.properties !== undefined && Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
  if (direct !== undefined) return direct;
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) {
    const found = propertyOf(branch, key);
    if (found !== undefined) return found;
  }
  return undefined;
}

function withoutId(schema: JsonSchema): JsonSchema {
  const { $id: _id, $schema: _schema, ...rest } = schema as JsonSchema & { $id?: string };
  return rest;
}

function pointerLabel(pointer: string): string {
  return pointer === '' ? '' : ` at ${pointer}`;
}

function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}
