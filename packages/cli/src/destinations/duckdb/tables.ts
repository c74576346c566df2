/** Table management: the bookkeeping tables, stream tables, and adding columns a schema gained. */
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  type ColumnPlan,
  canonicalType,
  EXTRACTED_AT,
  kindForExistingType,
  META,
  NULLED,
  RAW_ID,
  STAGED_AT,
  stagingType,
} from './columns.js';
import { ident, literal, literalOrNull, qualified } from './sql.js';

export const STATE_TABLE = '_tributary_state';
export const SYNCS_TABLE = '_tributary_syncs';
export const SCHEMA_CHANGES_TABLE = '_tributary_schema_changes';
/** The in-memory database that holds the batches on their way in. */
export const MEMORY_DB = 'tributary_mem';

/**
 * DuckDB's row group size (`Storage::ROW_GROUP_SIZE`): a commit that appends this many rows to a
 * table writes them straight to the file, and a vacuum reclaims space in these units.
 */
export const ROW_GROUP_ROWS = 122_880;
/** An overwrite stream is loaded into this table and swapped for the stream's table at the end. */
export const OVERWRITE_PREFIX = '_tributary_overwrite_';

export async function ensureBookkeeping(connection: DuckDBConnection): Promise<void> {
  await connection.run(`
    CREATE TABLE IF NOT EXISTS ${STATE_TABLE} (
      state_type VARCHAR NOT NULL,
      stream_namespace VARCHAR NOT NULL,
      stream_name VARCHAR NOT NULL,
      state JSON,
      pending_state JSON,
      sync_id BIGINT,
      updated_at TIMESTAMPTZ
    );
    CREATE TABLE IF NOT EXISTS ${SYNCS_TABLE} (
      sync_id BIGINT NOT NULL,
      connector VARCHAR,
      started_at TIMESTAMPTZ,
      finished_at TIMESTAMPTZ,
      status VARCHAR,
      records_read BIGINT,
      records_written BIGINT,
      error VARCHAR,
      skipped_lines BIGINT
    );
    ALTER TABLE ${SYNCS_TABLE} ADD COLUMN IF NOT EXISTS skipped_lines BIGINT;
    CREATE TABLE IF NOT EXISTS ${SCHEMA_CHANGES_TABLE} (
      sync_id BIGINT,
      stream_namespace VARCHAR,
      stream_name VARCHAR,
      column_name VARCHAR,
      change VARCHAR,
      previous_type VARCHAR,
      new_type VARCHAR,
      detected_at TIMESTAMPTZ
    );`);
}

export interface ExistingColumn {
  name: string;
  type: string;
}

/** The columns of a table (keyed by lower-case name, as DuckDB compares names), or undefined when it does not exist. */
export async function tableColumns(
  connection: DuckDBConnection,
  schema: string | undefined,
  table: string,
): Promise<Map<string, ExistingColumn> | undefined> {
  const reader = await connection.runAndReadAll(
    `SELECT column_name, data_type FROM information_schema.columns
     WHERE table_catalog = current_database() AND lower(table_schema) = lower(${literal(schema ?? 'main')}) AND lower(table_name) = lower(${literal(table)})
     ORDER BY ordinal_position`,
  );
  const rows = reader.getRows();
  if (rows.length === 0) return undefined;
  return new Map(rows.map(([name, type]) => [String(name).toLowerCase(), { name: String(name), type: String(type) }]));
}

/** The number of rows `table` holds. */
export async function rowCount(connection: DuckDBConnection, table: string): Promise<number> {
  const reader = await connection.runAndReadAll(`SELECT count(*) FROM ${table}`);
  return Number(reader.getRows()[0]?.[0] ?? 0);
}

export function createTableSql(schema: string | undefined, table: string, columns: readonly ColumnPlan[], orReplace = false): string {
  const definitions = [
    `${ident(RAW_ID)} UUID`,
    `${ident(EXTRACTED_AT)} TIMESTAMPTZ`,
    `${ident(META)} JSON`,
    ...columns.map((c) => `${ident(c.column)} ${c.sqlType}`),
  ];
  return `CREATE ${orReplace ? 'OR REPLACE ' : ''}TABLE ${qualified(schema, table)} (${definitions.join(', ')})`;
}

export function stagingTableSql(name: string, columns: readonly ColumnPlan[]): string {
  const definitions = [
    `${ident(STAGED_AT)} DOUBLE[]`,
    ...columns.map((c) => `${ident(c.column)} ${stagingType(c.kind)}`),
    `${ident(NULLED)} VARCHAR`,
  ];
  return `CREATE OR REPLACE TABLE ${MEMORY_DB}.main.${ident(name)} (${definitions.join(', ')})`;
}

export interface SchemaChange {
  column: string;
  change: 'added' | 'type_conflict';
  previousType: string | null;
  newType: string;
}

/**
 * Brings an existing table to the planned columns: a column the table lacks is added; a column
 * whose planned type differs keeps its type (the change is reported, and the returned plan
 * converts values to the existing type, nulling those that do not fit). Columns the schema no
 * longer has are kept.
 */
export async function evolveTable(
  connection: DuckDBConnection,
  schema: string | undefined,
  table: string,
  existing: Map<string, ExistingColumn>,
  planned: readonly ColumnPlan[],
): Promise<{ columns: ColumnPlan[]; changes: SchemaChange[] }> {
  const columns: ColumnPlan[] = [];
  const changes: SchemaChange[] = [];
  for (const plan of planned) {
    const current = existing.get(plan.column.toLowerCase());
    if (current === undefined) {
      await connection.run(`ALTER TABLE ${qualified(schema, table)} ADD COLUMN ${ident(plan.column)} ${plan.sqlType}`);
      changes.push({ column: plan.column, change: 'added', previousType: null, newType: plan.sqlType });
      columns.push(plan);
    } else if (canonicalType(current.type) !== canonicalType(plan.sqlType)) {
      changes.push({ column: plan.column, change: 'type_conflict', previousType: current.type, newType: plan.sqlType });
      columns.push({ ...plan, column: current.name, ...kindForExistingType(current.type) });
    } else {
      columns.push({ ...plan, column: current.name });
    }
  }
  return { columns, changes };
}

export function schemaChangeSql(syncId: number, namespace: string | undefined, stream: string, change: SchemaChange): string {
  return `INSERT INTO ${SCHEMA_CHANGES_TABLE} VALUES (${syncId}, ${literal(namespace ?? '')}, ${literal(stream)}, ${literal(change.column)}, ${literal(change.change)}, ${literalOrNull(change.previousType)}, ${literal(change.newType)}, now())`;
}
