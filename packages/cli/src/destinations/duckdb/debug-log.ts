/** What the destination logs with TRIBUTARY_DEBUG=1: when commits happen, how long they take, and the memory they use. */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Batch } from './open-batch.js';

export function debugging(): boolean {
  return Boolean(process.env.TRIBUTARY_DEBUG);
}

/** `at 12.34 s`: a moment of the process, for lining up log lines. */
export function moment(at: number = performance.now()): string {
  return `${(at / 1000).toFixed(2)} s`;
}

/** A committed batch: its rows per stream, how long it took, and the memory of the process and of DuckDB's pools. */
export async function describeCommit(writer: DuckDBConnection, batch: Batch, started: number): Promise<string> {
  const ms = (performance.now() - started).toFixed(0);
  const memory = process.memoryUsage();
  const rss = `${(memory.rss / 1e6).toFixed(0)} MB, V8 heap ${(memory.heapTotal / 1e6).toFixed(0)} MB`;
  const reader = await writer.runAndReadAll(
    'SELECT tag, round(memory_usage_bytes / 1e6) FROM duckdb_memory() WHERE memory_usage_bytes >= 1e6',
  );
  const pools = reader.getRows().map(([tag, mb]) => `${String(tag).toLowerCase()} ${mb} MB`);
  return `committed ${batch.rows.join(' + ')} rows in ${ms} ms, begun at ${moment(started)} (rss ${rss}; DuckDB: ${pools.join(', ')})`;
}
