/**
 * `tributary sql <db> "<query>"`: runs a query on a DuckDB file (read-only) and prints the result
 * as a table (or CSV / JSON lines), so a sync's output can be looked at without another tool.
 * `<db>` is a path, or a connector name for `.tributary/<name>.duckdb`. Several statements
 * (`SELECT 1; SELECT 2`) each print their result, in order.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBResultReader, type DuckDBValue } from '@duckdb/node-api';
import { UsageError } from '../exit-codes.js';
import type { Output } from '../output.js';
import { clip, textTable } from '../progress/format.js';

export interface SqlOptions {
  format?: string;
  maxRows?: string;
  maxWidth?: string;
}

/**
 * Runs `tributary sql`: prints the query results and returns the exit code, so programs can embed
 * the command.
 */
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
    const statements = await connection.extractStatements(query).catch((error: unknown) => {
      throw new UsageError(`query failed: ${(error as Error).message}`);
    });
    // Every statement runs in order and prints its own result; the first that fails stops the rest.
    for (let index = 0; index < statements.count; index++) {
      let reader: DuckDBResultReader;
      try {
        const prepared = await statements.prepare(index);
        // A table shows at most maxRows rows, so it reads one more only to know that there are more.
        reader = format === 'table' ? await prepared.runAndReadUntil(maxRows + 1) : await prepared.runAndReadAll();
      } catch (error) {
        const which = statements.count > 1 ? ` (statement ${index + 1} of ${statements.count})` : '';
        throw new UsageError(`query failed${which}: ${(error as Error).message}`);
      }
      if (index > 0 && format !== 'json') output.stdout.write('\n');
      printResult(reader, format as 'table' | 'csv' | 'json', { maxRows, maxWidth }, output.stdout);
    }
    return 0;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function printResult(
  reader: DuckDBResultReader,
  format: 'table' | 'csv' | 'json',
  limits: { maxRows: number; maxWidth: number },
  out: NodeJS.WritableStream,
): void {
  const names = reader.columnNames();
  if (format === 'json') {
    for (const row of reader.getRowObjectsJson()) out.write(`${JSON.stringify(row)}\n`);
    return;
  }
  const rows = reader.getRows();
  if (format === 'csv') {
    out.write(`${names.map(csvCell).join(',')}\n`);
    for (const row of rows) out.write(`${row.map((value) => (value === null ? '' : csvCell(text(value)))).join(',')}\n`);
    return;
  }
  const { maxRows, maxWidth } = limits;
  const shown = rows.slice(0, maxRows).map((row) => row.map((value) => clip(text(value).replaceAll('\n', '\\n'), maxWidth)));
  const right = names.map(
    (_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === 'number' || typeof row[i] === 'bigint' || row[i] === null),
  );
  out.write(`${textTable(names, shown, right)}\n`);
  if (rows.length > maxRows) out.write(`first ${maxRows} rows shown; there are more (--max-rows N to see more)\n`);
  else out.write(`${rows.length} row${rows.length === 1 ? '' : 's'}\n`);
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
