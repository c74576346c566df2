/**
 * Records checked against the stream's declared schema, mismatches grouped by field and reason
 * (`/address/zip must be integer`, 12 records, with examples), and the schema `inferSchema`
 * proposes from the records read.
 */
import type { JsonSchema } from '@tributary/cdk';
import { inferSchema } from '@tributary/cdk/testing';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';
import type { Json, JsonObject, SchemaMismatch, SchemaReport } from '../api/types.js';

const addFormats = ((formatsModule as unknown as { default?: unknown }).default ?? formatsModule) as unknown as (ajv: Ajv) => void;
const EXAMPLES_PER_MISMATCH = 3;

export function schemaReport(declared: JsonObject | null, records: readonly JsonObject[]): SchemaReport {
  const proposed = inferSchema(records) as JsonObject;
  if (declared === null) return { declared, checked: 0, failing: 0, mismatches: [], proposed };
  const validate = compile(declared);
  if (typeof validate === 'string') {
    return { declared, checked: 0, failing: 0, mismatches: [{ field: '', message: validate, count: 0, examples: [] }], proposed };
  }
  const groups = new Map<string, SchemaMismatch>();
  let failing = 0;
  records.forEach((record, index) => {
    if (validate(record)) return;
    failing++;
    for (const error of validate.errors ?? []) addMismatch(groups, error, record, index);
  });
  const mismatches = [...groups.values()].sort((a, b) => b.count - a.count || a.field.localeCompare(b.field));
  return { declared, checked: records.length, failing, mismatches, proposed };
}

function compile(schema: JsonObject): ValidateFunction | string {
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  addFormats(ajv);
  const { $id: _id, $schema: _schema, ...rest } = schema;
  try {
    return ajv.compile(rest as JsonSchema);
  } catch (error) {
    return `the declared schema does not compile: ${(error as Error).message}`;
  }
}

function addMismatch(groups: Map<string, SchemaMismatch>, error: ErrorObject, record: JsonObject, index: number): void {
  const { field, message, at } = describe(error);
  const key = `${field}\u0000${message}`;
  let group = groups.get(key);
  if (group === undefined) {
    group = { field, message, count: 0, examples: [] };
    groups.set(key, group);
  }
  group.count++;
  if (group.examples.length < EXAMPLES_PER_MISMATCH) group.examples.push({ record: index, value: (valueAt(record, at) ?? null) as Json });
}

/** The field (array indexes as `*`, so a mismatch in every item is one group) and the reason. */
function describe(error: ErrorObject): { field: string; message: string; at: string } {
  let at = error.instancePath;
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'required') {
    at = `${at}/${escapePointer(String(error.params.missingProperty))}`;
    message = 'is required but missing';
  } else if (error.keyword === 'additionalProperties') {
    at = `${at}/${escapePointer(String(error.params.additionalProperty))}`;
    message = 'is not in the schema (additionalProperties is false)';
  } else if (error.keyword === 'enum') {
    message = `must be one of ${JSON.stringify(error.params.allowedValues)}`;
  }
  return { field: at.replace(/\/\d+(?=\/|$)/g, '/*') || '(record)', message, at };
}

function valueAt(root: unknown, pointer: string): unknown {
  let current = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}
