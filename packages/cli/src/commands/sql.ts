/**
 * `tributary sql <db> "<query>"`: runs a query on a DuckDB file (read-only) and prints the result
 * as a table (or CSV / JSON lines), so a sync's output can be looked at without another tool.
 * `<db>` is a path, or a connector name for `.tributary/<name>.duckdb`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { clip, textTable } from '../progress/format.js';
import type { Output } from './sync.js';
import { UsageError } from './sync.js';

export interface SqlOptions {
  format?: string;
  maxRows?: string;
  maxWidth?: string;
}

export async function sqlCommand(db: string, query: string, options: SqlOptions, output: Output): Promise<number> {
  const path = resolveDatabase(db);
  const format = options.format ?? 'table';
  if (!['table', 'csv', 'json'].includes(format)) throw new UsageError(`--format takes table, csv or json, got '${format}'`);
  const maxRows = positive(options.maxRows ?? '100', '--max-rows');
  const maxWidth = positive(options.maxWidth ?? '40', '--max-width');
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  } catch (error) {
    throw new Error(`cannot open ${path}: ${(error as Error).message}`);
  }
  const connection = await instance.connect();
  try {
    // A table shows at most maxRows rows, so it reads one more only to know that there are more.
    const reader = format === 'table' ? await connection.runAndReadUntil(query, maxRows + 1) : await connection.runAndReadAll(query);
    const names = reader.columnNames();
    if (format === 'json') {
      for (const row of reader.getRowObjectsJson()) output.stdout.write(`${JSON.stringify(row)}\n`);
      return 0;
    }
    const rows = reader.getRows();
    if (format === 'csv') {
      output.stdout.write(`${names.map(csvCell).join(',')}\n`);
      for (const row of rows) output.stdout.write(`${row.map((value) => (value === null ? '' : csvCell(text(value)))).join(',')}\n`);
      return 0;
    }
    const shown = rows.slice(0, maxRows).map((row) => row.map((value) => clip(text(value).replaceAll('\n', '\\n'), maxWidth)));
    const right = names.map(
      (_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === 'number' || typeof row[i] === 'bigint' || row[i] === null),
    );
    output.stdout.write(`${textTable(names, shown, right)}\n`);
    if (rows.length > maxRows) output.stdout.write(`first ${maxRows} rows shown; there are more (--max-rows N to see more)\n`);
    else output.stdout.write(`${rows.length} row${rows.length === 1 ? '' : 's'}\n`);
    return 0;
  } catch (error) {
    throw new UsageError(`query failed: ${(error as Error).message}`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** A path, or the name of a connector synced into `.tributary/`. */
export function resolveDatabase(db: string): string {
  if (existsSync(db)) return db;
  const named = join('.tributary', `${db}.duckdb`);
  if (existsSync(named)) return named;
  throw new UsageError(
    `no DuckDB file at ${db}${db.includes('/') || db.endsWith('.duckdb') ? '' : ` (nor ${named})`}; run tributary sync first`,
  );
}

function text(value: DuckDBValue): string {
  if (value === null) return 'NULL';
  return String(value);
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} takes a positive integer, got '${value}'`);
  return n;
}
