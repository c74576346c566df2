/**
 * Commits one batch in one transaction: its records go into the stream tables (deduplicated
 * where the stream is), completed overwrites are swapped in, and the STATE messages that came
 * with the records are stored, so that a stored state never runs ahead of its records. Then
 * what this process knows is brought up to date, and the batch's staging slot is emptied.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Batch } from './open-batch.js';
import { keyOfState, type StateStore, type StoredState, upsertStateSql } from './state-store.js';
import type { StreamTargets } from './stream-targets.js';

export interface CommitContext {
  writer: DuckDBConnection;
  loader: DuckDBConnection;
  syncId: number;
  targets: StreamTargets;
  states: StateStore;
  /** Called once the transaction committed, before anything else (TRIBUTARY_DEBUG logs it). */
  committed?: (batch: Batch, startedAt: number) => Promise<void>;
}

export async function commitBatch(batch: Batch, context: CommitContext): Promise<void> {
  const changed = stateChanges(batch, context);
  const statements: string[] = [];
  for (const target of context.targets.all) {
    if ((batch.rows[target.index] ?? 0) > 0) {
      statements.push(target.batchSql(batch.slot, context.syncId, batch.stagingRows[target.index] ?? 0, batch.upTo[target.index]));
    }
  }
  for (const index of batch.finalize) statements.push(context.targets.at(index).finalizeSql());
  for (const entry of changed.values()) statements.push(upsertStateSql(entry, context.syncId));
  await transaction(context, statements, batch);
  recordStates(batch, changed, context);
  await recordRows(batch, context);
}

/**
 * The state rows the batch changes. A stream's state goes with its table; an overwrite's stays
 * pending in its load table until the stream completes and the table is swapped in.
 */
function stateChanges(batch: Batch, { targets, states }: CommitContext): Map<string, StoredState> {
  const changed = new Map<string, StoredState>();
  for (const [key, state] of batch.states) {
    const target = targets.withKey(key);
    const { type, namespace, name } = keyOfState(state);
    const entry = target?.stored ?? states.get(key) ?? { type, namespace, name, state: null, pending: null };
    changed.set(key, target?.replace ? { ...entry, pending: state } : { ...entry, state });
  }
  for (const index of batch.finalize) {
    const target = targets.at(index);
    const entry = changed.get(target.key) ?? target.stored;
    changed.set(target.key, { ...entry, state: entry.pending ?? entry.state, pending: null });
  }
  return changed;
}

async function transaction({ writer, committed }: CommitContext, statements: string[], batch: Batch): Promise<void> {
  const started = performance.now();
  try {
    await writer.run(`BEGIN TRANSACTION;\n${statements.join(';\n')};\nCOMMIT`);
    await committed?.(batch, started);
  } catch (error) {
    await writer.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** After the commit: the states this process knows, and each stream's committed state as the progress views show it. */
function recordStates(batch: Batch, changed: Map<string, StoredState>, { targets, states }: CommitContext): void {
  for (const index of batch.finalize) targets.at(index).finalized = true;
  for (const [key, entry] of changed) {
    states.set(key, entry);
    const target = targets.withKey(key);
    if (target === undefined) continue;
    target.stored = entry;
    const committed = target.replace && !batch.finalize.has(target.index) ? entry.pending : entry.state;
    target.stats.committedState = committed?.stream?.stream_state ?? committed;
  }
}

/** After the commit: what each stream has committed, and its staging slot emptied for reuse. */
async function recordRows(batch: Batch, { targets, writer, loader }: CommitContext): Promise<void> {
  for (const target of targets.all) {
    target.committedMessages = batch.received[target.index] ?? target.committedMessages;
    const rows = batch.rows[target.index] ?? 0;
    if (rows === 0) continue;
    target.stats.written += rows;
    await target.staging.reset(batch.slot, writer, loader);
  }
}
