/**
 * `_tributary_syncs`: one row per sync, written when it starts (`running`) and updated when it
 * ends (`succeeded`, `failed` or `interrupted`, with its counts and error).
 *
 * A sync killed outright (`kill -9`, a power cut), or one that could no longer write the file
 * (a full disk), never records its end. The next sync finds
 * its row still `running` and marks it `interrupted`: that sync cannot still be running,
 * because DuckDB locks the file for the one process that has it open for writing, so a second
 * sync of the same file cannot even start while the first one runs.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { literal, literalOrNull } from './sql.js';
import { SYNCS_TABLE } from './tables.js';

export interface SyncOutcome {
  status: 'succeeded' | 'failed' | 'interrupted';
  recordsRead: number;
  recordsWritten: number;
  error: string | undefined;
}

/** Marks the syncs left `running` by a process that died (all but `noticedBy`) as `interrupted`; returns their ids. */
export async function markAbandonedSyncs(connection: DuckDBConnection, noticedBy: number): Promise<number[]> {
  const error = `the sync ended without recording its outcome (its process was killed, or it could no longer write the file); found by sync ${noticedBy}`;
  const reader = await connection.runAndReadAll(
    `UPDATE ${SYNCS_TABLE} SET status = 'interrupted', error = coalesce(error, ${literal(error)}) WHERE status = 'running' AND sync_id <> ${noticedBy} RETURNING sync_id`,
  );
  return reader
    .getRows()
    .map(([id]) => Number(id))
    .sort((a, b) => a - b);
}

/** Starts a sync's row; returns its id. */
export async function insertSync(connection: DuckDBConnection, connector: string): Promise<number> {
  const reader = await connection.runAndReadAll(`SELECT coalesce(max(sync_id), 0) + 1 FROM ${SYNCS_TABLE}`);
  const syncId = Number(reader.getRows()[0]?.[0] ?? 1);
  await connection.run(
    `INSERT INTO ${SYNCS_TABLE} (sync_id, connector, started_at, status) VALUES (${syncId}, ${literal(connector)}, now(), 'running')`,
  );
  return syncId;
}

/** Records how a sync ended, with the lines of the connector's output that were skipped. */
export async function updateSync(connection: DuckDBConnection, syncId: number, outcome: SyncOutcome, skippedLines: number): Promise<void> {
  await connection.run(
    `UPDATE ${SYNCS_TABLE} SET finished_at = now(), status = ${literal(outcome.status)}, records_read = ${outcome.recordsRead}, ` +
      `records_written = ${outcome.recordsWritten}, skipped_lines = ${skippedLines}, error = ${literalOrNull(outcome.error)} ` +
      `WHERE sync_id = ${syncId}`,
  );
}
