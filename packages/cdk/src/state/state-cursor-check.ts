import { ConnectorError } from '../errors/connector-error.js';
import { ownValue } from '../json/own-property.js';
import type { JsonSchema } from '../protocol/json-schema.js';
import type { StreamState } from '../state/stream-state.js';

/**
 * Checks, before an incremental read starts, that the cursor values in a stream's input state
 * parse as the type the stream's schema gives the cursor field. A value that does not (a state
 * `{"updated_at": "not a date"}`) would make the stream re-read everything and write the bad
 * value back, silently, sync after sync; like the Python CDK, whose cursors fail to parse such
 * a state, the read fails instead, as a `config_error` naming the stream and the value.
 *
 * Cursor values are found where the CDK's own states keep them, under the cursor field's name
 * (`a.b` for a nested path): `{ "<field>": v }`, and in a per-partition state its global
 * `state` and every `states[].cursor`. Where the schema says nothing about the field, nothing is
 * checked here (MaxCursor still compares the value with the records').
 */
export function assertStateCursorsParse(streamName: string, state: StreamState, cursorField: readonly string[], schema: JsonSchema): void {
  const expected = cursorType(schema, cursorField);
  if (expected === undefined) return;
  const key = cursorField.join('.');
  for (const [where, holder] of cursorHolders(state)) {
    if (!Object.hasOwn(holder, key)) continue;
    const value = ownValue(holder, key);
    if (fits(value, expected)) continue;
    const at = where === '' ? key : `${where}.${key}`;
    throw ConnectorError.config(
      `Stream '${streamName}': the input state's cursor ${at} is ${describe(value)}, which is not ${expected.description}; correct it, or remove the stream's state to read everything again`,
    );
  }
}

interface CursorType {
  /** JSON types the schema allows (undefined: any). */
  types: ReadonlySet<string> | undefined;
  /** The field is a date or date-time (`format`, or an `airbyte_type` timestamp). */
  dateTime: boolean;
  description: string;
}

const DATE_TIME_FORMATS = new Set(['date-time', 'date']);
const DATE_TIME_AIRBYTE_TYPES = new Set(['timestamp_with_timezone', 'timestamp_without_timezone', 'date']);

function cursorType(schema: JsonSchema, path: readonly string[]): CursorType | undefined {
  let node: unknown = schema;
  for (const key of path) {
    const properties = isObject(node) ? node.properties : undefined;
    node = isObject(properties) ? ownValue(properties, key) : undefined;
  }
  if (!isObject(node)) return undefined;
  const declared =
    typeof node.type === 'string' ? [node.type] : Array.isArray(node.type) ? node.type.filter((t) => typeof t === 'string') : [];
  const types = declared.length === 0 ? undefined : new Set<string>(declared);
  const dateTime =
    (typeof node.format === 'string' && DATE_TIME_FORMATS.has(node.format)) ||
    (typeof node.airbyte_type === 'string' && DATE_TIME_AIRBYTE_TYPES.has(node.airbyte_type));
  if (types === undefined && !dateTime) return undefined;
  const numeric = types !== undefined && (types.has('integer') || types.has('number')) && !types.has('string');
  const description = dateTime ? 'a date-time' : numeric ? 'a number' : `of type ${[...(types ?? [])].join(' or ')}`;
  return { types, dateTime, description };
}

function fits(value: unknown, expected: CursorType): boolean {
  if (value === null) return true;
  const { types } = expected;
  if (typeof value === 'string') {
    if (expected.dateTime) return parsesAsDateTime(value);
    if (types === undefined || types.has('string')) return true;
    return (types.has('integer') || types.has('number')) && value.trim() !== '' && Number.isFinite(Number(value));
  }
  if (typeof value === 'number') return types === undefined || types.has('number') || (types.has('integer') && Number.isInteger(value));
  if (typeof value === 'boolean') return types?.has('boolean') === true;
  return false;
}

/** A calendar date first (`2024-01-31…`), and a time JavaScript can place. */
function parsesAsDateTime(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value));
}

/** The objects of a state that hold cursor values, with where they are. */
function* cursorHolders(state: StreamState): Generator<[string, Record<string, unknown>]> {
  yield ['', state];
  const global = ownValue(state, 'state');
  if (isObject(global)) yield ['state', global];
  const partitions = ownValue(state, 'states');
  if (!Array.isArray(partitions)) return;
  for (const [index, entry] of partitions.entries()) {
    const cursor = isObject(entry) ? ownValue(entry, 'cursor') : undefined;
    if (isObject(cursor)) yield [`states[${index}].cursor`, cursor];
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  return JSON.stringify(value);
}
