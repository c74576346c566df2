/**
 * The checkpoint that ends a sync: what the WAL holds is written into the database file, on
 * DuckDB's threads (closing would do it on the main thread, with the event loop stopped). It
 * vacuums only when dedup deleted at least a row group's worth of rows of some table (a sync
 * that re-reads what a table holds replaces every row): then reclaiming their space is worth
 * the rewrite. Otherwise the partial row groups each commit leaves cost a little space only.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { StreamTarget } from './stream-target.js';
import { ROW_GROUP_ROWS, rowCount } from './tables.js';

/** Checkpoints; resolves to whether it vacuumed. */
export async function finalCheckpoint(writer: DuckDBConnection, targets: readonly StreamTarget[]): Promise<boolean> {
  const compact = await dedupDeletedRowGroups(writer, targets);
  if (compact) await writer.run('RESET max_vacuum_tasks');
  await writer.run('CHECKPOINT');
  return compact;
}

async function dedupDeletedRowGroups(writer: DuckDBConnection, targets: readonly StreamTarget[]): Promise<boolean> {
  for (const target of targets) {
    if (!target.dedup || target.stats.written === 0) continue;
    const table = target.replace && !target.finalized ? target.loadTable : target.table;
    const rowsAfter = await rowCount(writer, table);
    if (target.rowsBefore + target.stats.written - rowsAfter >= ROW_GROUP_ROWS) return true;
  }
  return false;
}
