/**
 * What a configured stream means for its tables: how it is written (overwrite, append,
 * append_dedup), its primary key and cursor, and its table created or brought to the schema's
 * columns. An overwrite is loaded into a table of its own and swapped in when the stream
 * completes; an interrupted one that left state behind continues into that table.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ConfiguredAirbyteStream, StreamDescriptor } from '@tributary/cdk';
import { type ColumnPlan, planColumns } from './columns.js';
import { ident } from './sql.js';
import type { StoredState } from './state-store.js';
import { createTableSql, evolveTable, OVERWRITE_PREFIX, type SchemaChange, schemaChangeSql, tableColumns } from './tables.js';

export type WriteMode = 'overwrite' | 'append' | 'append_dedup';

export interface StreamPlan {
  descriptor: StreamDescriptor;
  /** `namespace.name`, or the name. */
  label: string;
  mode: WriteMode;
  /** The stream's table is replaced at the end (overwrite, or `--full-refresh`). */
  replace: boolean;
  /** Deduplicated by primary key (and cursor). */
  dedup: boolean;
  primaryKey: string[][];
  cursor: string[] | undefined;
  /** The columns of the stream's schema. */
  columns: ColumnPlan[];
}

/** The stream's plan; a mode the destination does not support, or dedup without a key, is an error. */
export function planStream(configured: ConfiguredAirbyteStream, fullRefresh: boolean): StreamPlan {
  const { stream } = configured;
  const descriptor: StreamDescriptor =
    stream.namespace === undefined ? { name: stream.name } : { name: stream.name, namespace: stream.namespace };
  const label = descriptor.namespace === undefined ? descriptor.name : `${descriptor.namespace}.${descriptor.name}`;
  const mode = configured.destination_sync_mode;
  if (mode !== 'overwrite' && mode !== 'append' && mode !== 'append_dedup') {
    throw new Error(`stream '${label}': destination_sync_mode '${mode}' is not supported (use overwrite, append or append_dedup)`);
  }
  const primaryKey = configured.primary_key?.length ? configured.primary_key : (stream.source_defined_primary_key ?? []);
  const dedup = mode === 'append_dedup';
  if (dedup && primaryKey.length === 0) {
    throw new Error(`stream '${label}' is append_dedup but has no primary key; set primary_key in the catalog or use append`);
  }
  const cursorField = configured.cursor_field?.length ? configured.cursor_field : stream.default_cursor_field;
  const cursor = configured.sync_mode === 'incremental' && cursorField && cursorField.length > 0 ? cursorField : undefined;
  const replace = mode === 'overwrite' || fullRefresh;
  return { descriptor, label, mode, replace, dedup, primaryKey, cursor, columns: planColumns(stream.json_schema) };
}

export interface PreparedTable {
  /** The columns as the table has them (a column that kept an older type converts values to it). */
  columns: ColumnPlan[];
  changes: SchemaChange[];
  /** True when an interrupted overwrite continues into its existing load table. */
  resumed: boolean;
}

/** Creates or evolves the table the stream's batches go into, and records its schema changes. */
export async function prepareStreamTable(
  writer: DuckDBConnection,
  plan: StreamPlan,
  stored: StoredState | undefined,
  options: { fullRefresh: boolean; syncId: number },
): Promise<PreparedTable> {
  const schema = plan.descriptor.namespace;
  if (schema !== undefined) await writer.run(`CREATE SCHEMA IF NOT EXISTS ${ident(schema)}`);
  const table = plan.replace ? `${OVERWRITE_PREFIX}${plan.descriptor.name}` : plan.descriptor.name;
  const existing = await tableColumns(writer, schema, table);
  const resumed = plan.replace && !options.fullRefresh && stored?.pending != null && existing !== undefined;
  let prepared: PreparedTable = { columns: plan.columns, changes: [], resumed };
  if (existing === undefined || (plan.replace && !resumed)) {
    await writer.run(createTableSql(schema, table, plan.columns, plan.replace));
  } else {
    const evolved = await evolveTable(writer, schema, table, existing, plan.columns);
    prepared = { ...evolved, resumed };
  }
  for (const change of prepared.changes) await writer.run(schemaChangeSql(options.syncId, schema, plan.descriptor.name, change));
  return prepared;
}
