/**
 * From a stream's JSON Schema to DuckDB columns. Each top-level property becomes one column;
 * its kind decides how the loader converts a value (in JavaScript, per record) and how the
 * staged value becomes the final column (in SQL, per batch).
 *
 * | JSON Schema                                        | column        |
 * | -------------------------------------------------- | ------------- |
 * | integer, or number with airbyte_type integer       | BIGINT        |
 * | number                                             | DOUBLE        |
 * | boolean                                            | BOOLEAN       |
 * | string                                             | VARCHAR       |
 * | string, format date-time                           | TIMESTAMPTZ (TIMESTAMP with airbyte_type timestamp_without_timezone) |
 * | string, format date                                | DATE          |
 * | string, format time                                | TIMETZ (TIME with airbyte_type time_without_timezone) |
 * | object, array, several types, no type, oneOf/anyOf | JSON          |
 *
 * A null type next to one other type (`["null", "integer"]`) only makes the column nullable;
 * every column is nullable anyway.
 */

/** How a value is converted: natively typed in the staging table, or staged as text and cast in SQL. */
export type ColumnKind = 'integer' | 'number' | 'boolean' | 'string' | 'json' | 'cast';

/** How a stream's schema maps to DuckDB columns, decided once per stream. */
export interface ColumnPlan {
  /** The record property the value comes from. */
  key: string;
  /** The column name (DuckDB compares names case-insensitively, so clashes get a suffix). */
  column: string;
  kind: ColumnKind;
  /** The final column type. */
  sqlType: string;
}

export const RAW_ID = '_airbyte_raw_id';
export const EXTRACTED_AT = '_airbyte_extracted_at';
export const META = '_airbyte_meta';
/** Staging-only columns: when the loader saw the record, and the fields it had to null. */
export const STAGED_AT = '_tributary_extracted_ms';
export const NULLED = '_tributary_nulled';

const RESERVED = [RAW_ID, EXTRACTED_AT, META, STAGED_AT, NULLED];

type Schema = Record<string, unknown>;

/** The columns for a stream's schema, in property order. */
export function planColumns(jsonSchema: unknown): ColumnPlan[] {
  const properties = isObject(jsonSchema) && isObject(jsonSchema.properties) ? jsonSchema.properties : {};
  const taken = new Set(RESERVED.map((name) => name.toLowerCase()));
  const plans: ColumnPlan[] = [];
  for (const [key, schema] of Object.entries(properties)) {
    let column = key;
    for (let n = 1; taken.has(column.toLowerCase()); n++) column = `${key}_${n}`;
    taken.add(column.toLowerCase());
    plans.push({ key, column, ...typeOf(isObject(schema) ? schema : {}) });
  }
  return plans;
}

function typeOf(schema: Schema): { kind: ColumnKind; sqlType: string } {
  const declared = schema.type;
  const types = (Array.isArray(declared) ? declared : declared === undefined ? [] : [declared]).filter(
    (type): type is string => typeof type === 'string' && type !== 'null',
  );
  if (types.length !== 1) return { kind: 'json', sqlType: 'JSON' };
  const airbyteType = typeof schema.airbyte_type === 'string' ? schema.airbyte_type : undefined;
  switch (types[0]) {
    case 'integer':
      return { kind: 'integer', sqlType: 'BIGINT' };
    case 'number':
      return airbyteType === 'integer' ? { kind: 'integer', sqlType: 'BIGINT' } : { kind: 'number', sqlType: 'DOUBLE' };
    case 'boolean':
      return { kind: 'boolean', sqlType: 'BOOLEAN' };
    case 'string':
      switch (schema.format) {
        case 'date-time':
          return { kind: 'cast', sqlType: airbyteType === 'timestamp_without_timezone' ? 'TIMESTAMP' : 'TIMESTAMPTZ' };
        case 'date':
          return { kind: 'cast', sqlType: 'DATE' };
        case 'time':
          return { kind: 'cast', sqlType: airbyteType === 'time_without_timezone' ? 'TIME' : 'TIMETZ' };
        default:
          return { kind: 'string', sqlType: 'VARCHAR' };
      }
    default:
      return { kind: 'json', sqlType: 'JSON' };
  }
}

/**
 * The kind that writes into an existing column of type `sqlType` (as DuckDB reports it), used
 * when a later schema disagrees with the table: the table keeps its type and values are
 * converted to it (or nulled, and the change recorded).
 */
export function kindForExistingType(sqlType: string): { kind: ColumnKind; sqlType: string } {
  const type = sqlType.toUpperCase();
  if (['BIGINT', 'INTEGER', 'SMALLINT', 'TINYINT', 'HUGEINT', 'UBIGINT', 'UINTEGER', 'USMALLINT', 'UTINYINT'].includes(type)) {
    return { kind: 'integer', sqlType: type };
  }
  if (type === 'DOUBLE' || type === 'FLOAT' || type.startsWith('DECIMAL')) return { kind: 'number', sqlType: type };
  if (type === 'BOOLEAN') return { kind: 'boolean', sqlType: type };
  if (type === 'VARCHAR') return { kind: 'string', sqlType: type };
  if (type === 'JSON') return { kind: 'json', sqlType: type };
  return { kind: 'cast', sqlType: type };
}

/** DuckDB's spelling of a type, to compare a planned type with what `information_schema` reports. */
export function canonicalType(sqlType: string): string {
  const type = sqlType.toUpperCase();
  if (type === 'TIMESTAMPTZ') return 'TIMESTAMP WITH TIME ZONE';
  if (type === 'TIMETZ') return 'TIME WITH TIME ZONE';
  return type;
}

/**
 * The type a column has in the in-memory staging table, where one row holds a chunk of records
 * (see staging-chunk.ts): numbers (JavaScript's doubles) and booleans as lists, everything else
 * as one text.
 */
export function stagingType(kind: ColumnKind): string {
  switch (kind) {
    case 'integer':
    case 'number':
      return 'DOUBLE[]';
    case 'boolean':
      return 'BOOLEAN[]';
    default:
      return 'VARCHAR';
  }
}

/** The final type a kind converts to without fail (the loader checked the values); others need a checked cast. */
export function nativeType(kind: ColumnKind): string | undefined {
  switch (kind) {
    case 'integer':
      return 'BIGINT';
    case 'number':
      return 'DOUBLE';
    case 'boolean':
      return 'BOOLEAN';
    case 'string':
      return 'VARCHAR';
    case 'json':
      return 'JSON';
    default:
      return undefined;
  }
}

function isObject(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
