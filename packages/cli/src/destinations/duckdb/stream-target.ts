/**
 * One configured stream's place in DuckDB: its table (created or evolved), the table its batches
 * go into (the table itself, or for an overwrite a load table swapped in at the end), its two
 * staging slots, the SQL of each step, and what the sync knows of the stream (its stats).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { AirbyteState, ConfiguredAirbyteStream, StreamDescriptor } from '@tributary/cdk';
import { newStats, type StreamStats } from '../../progress/stats.js';
import type { ColumnPlan } from './columns.js';
import { dedupAgainstBatchSql, dedupTableSql, insertSql, type MergeTarget } from './merge-sql.js';
import { compileKeyCheck, type KeyCheck } from './record-key.js';
import { compileRowAppender, type RowAppender } from './row-appender.js';
import { ident, qualified } from './sql.js';
import { type BatchPosition, StagingSlots } from './staging-slots.js';
import { type StoredState, stateKey } from './state-store.js';
import { type PreparedTable, planStream, prepareStreamTable, type StreamPlan, type WriteMode } from './stream-plan.js';
import { OVERWRITE_PREFIX, rowCount, type SchemaChange } from './tables.js';

/** Staging rows (of up to CHUNK_ROWS records or about CHUNK_TEXT_CHARS of text each) per INSERT. */
const STAGING_ROWS_PER_INSERT = 8;

export interface TargetOptions {
  /** Overwrite even if the catalog says append (`--full-refresh`); dedup streams stay deduplicated. */
  fullRefresh: boolean;
  syncId: number;
}

export class StreamTarget implements MergeTarget {
  readonly key: string;
  readonly stats: StreamStats;
  readonly descriptor: StreamDescriptor;
  readonly mode: WriteMode;
  readonly replace: boolean;
  readonly dedup: boolean;
  readonly primaryKey: string[][];
  readonly cursor: string[] | undefined;
  readonly columns: ColumnPlan[];
  /** True when an interrupted overwrite continues into its existing load table. */
  readonly resumed: boolean;
  readonly schemaChanges: SchemaChange[];
  /** The stored state row of this stream (updated in memory as batches commit). */
  stored: StoredState;
  readonly staging: StagingSlots;
  /** Writes one record into the staging chunk. */
  readonly appendRow: RowAppender;
  /** For a deduplicated stream, the check that each record has its primary key. */
  readonly keyCheck: KeyCheck | undefined;
  /** Rows appended to the current batch. */
  rows = 0;
  /** True once the connector said the stream is COMPLETE. */
  complete = false;
  /** Overwrite: true once the loaded table replaced the stream's table. */
  finalized = false;
  /** Rows the load table held before this sync (dedup streams; to tell how many dedup deleted). */
  rowsBefore = 0;
  /** Records and states received, and how many of them are committed: more received means something is not. */
  committedMessages = 0;
  /** Sizes of the records sampled for the byte estimate. */
  private sampledBytes = 0;
  private samples = 0;

  private constructor(
    readonly index: number,
    plan: StreamPlan,
    table: PreparedTable,
    stored: StoredState | undefined,
  ) {
    this.descriptor = plan.descriptor;
    this.mode = plan.mode;
    this.replace = plan.replace;
    this.dedup = plan.dedup;
    this.primaryKey = plan.primaryKey;
    this.cursor = plan.cursor;
    this.columns = table.columns;
    this.resumed = table.resumed;
    this.schemaChanges = table.changes;
    this.staging = new StagingSlots(index, this.columns);
    this.appendRow = compileRowAppender(this.columns, this.staging.chunk);
    this.keyCheck = this.dedup ? compileKeyCheck(this.primaryKey, this.columns) : undefined;
    this.key = stateKey('STREAM', this.descriptor.namespace, this.descriptor.name);
    this.stats = newStats(plan.label, this.replace && this.dedup ? 'overwrite+dedup' : this.mode);
    this.stored = stored ?? {
      type: 'STREAM',
      namespace: this.descriptor.namespace,
      name: this.descriptor.name,
      state: null,
      pending: null,
    };
  }

  /** Creates or evolves the tables and opens the staging appenders. */
  static async prepare(
    writer: DuckDBConnection,
    loader: DuckDBConnection,
    index: number,
    configured: ConfiguredAirbyteStream,
    stored: StoredState | undefined,
    options: TargetOptions,
  ): Promise<StreamTarget> {
    const plan = planStream(configured, options.fullRefresh);
    const target = new StreamTarget(index, plan, await prepareStreamTable(writer, plan, stored, options), stored);
    if (target.dedup) target.rowsBefore = await rowCount(writer, target.loadTable);
    // Fail early, before reading anything, if a key or cursor is not a column.
    target.batchSql(0, options.syncId, 1);
    if (target.replace) target.finalizeSql();
    await target.staging.open(loader);
    return target;
  }

  /** The stream's table. */
  get table(): string {
    return qualified(this.descriptor.namespace, this.descriptor.name);
  }

  /** Where batches are inserted. */
  get loadTable(): string {
    return this.replace ? qualified(this.descriptor.namespace, `${OVERWRITE_PREFIX}${this.descriptor.name}`) : this.table;
  }

  /** The state to pass to the connector for this stream, if any. */
  get inputState(): AirbyteState | null {
    if (this.replace) return this.resumed ? this.stored.pending : null;
    return this.stored.state;
  }

  /** Records and states received, to compare with `committedMessages`. */
  get receivedMessages(): number {
    return this.stats.records + this.stats.states;
  }

  /**
   * Moves one batch, `stagingRows` staging rows, from a staging slot into the load table (typed,
   * deduplicated as configured); with `upTo`, only the records before that position. The rows go
   * in several INSERTs of a few staging rows each: DuckDB unnests a whole vector of staging rows
   * at once, so this bounds its memory.
   */
  batchSql(slot: number, syncId: number, stagingRows: number, upTo?: BatchPosition): string {
    const staging = this.staging.table(slot);
    const statements: string[] = [];
    const whole = upTo === undefined ? stagingRows : upTo.stagingRows;
    for (let first = 0; first < whole; first += STAGING_ROWS_PER_INSERT) {
      const end = Math.min(whole, first + STAGING_ROWS_PER_INSERT);
      const range = `(SELECT * FROM ${staging} WHERE rowid >= ${first} AND rowid < ${end})`;
      statements.push(insertSql(this, whole === stagingRows && whole <= STAGING_ROWS_PER_INSERT ? staging : range, this.loadTable, syncId));
    }
    if (upTo !== undefined && upTo.chunkRows > 0) {
      const row = `(SELECT * FROM ${staging} WHERE rowid = ${upTo.stagingRows})`;
      statements.push(insertSql(this, row, this.loadTable, syncId, upTo.chunkRows));
    }
    if (this.dedup && !this.replace) statements.push(dedupAgainstBatchSql(this, staging, this.loadTable));
    return statements.join(';\n');
  }

  /** Overwrite: the loaded table replaces the stream's table. */
  finalizeSql(): string {
    const statements: string[] = [];
    if (this.dedup) statements.push(dedupTableSql(this, this.loadTable));
    statements.push(`DROP TABLE IF EXISTS ${this.table}`);
    statements.push(`ALTER TABLE ${this.loadTable} RENAME TO ${ident(this.descriptor.name)}`);
    return statements.join(';\n');
  }

  /** Keeps a running average of the stream's record size, from the records it is given (a sample). */
  sampleSize(data: object): void {
    let size: number;
    try {
      size = JSON.stringify(data).length + 1;
    } catch {
      return;
    }
    this.sampledBytes += size;
    this.samples++;
    this.stats.bytesPerRecord = this.sampledBytes / this.samples;
  }

  /**
   * The connector's STREAM_STATUS for the stream. Returns true when it completes an overwrite,
   * whose table the next commit swaps in.
   */
  markStatus(status: string): boolean {
    const { stats } = this;
    if (status === 'STARTED' || status === 'RUNNING') {
      stats.phase = 'running';
      stats.startedAt ??= performance.now();
      return false;
    }
    if (status !== 'COMPLETE' && status !== 'INCOMPLETE') return false;
    stats.phase = status === 'COMPLETE' ? 'complete' : 'incomplete';
    stats.startedAt ??= performance.now();
    stats.endedAt = performance.now();
    if (status === 'INCOMPLETE') return false;
    this.complete = true;
    return this.replace;
  }

  /** The stream failed on the runner's side (a refused record, a failed commit). */
  markFailed(problem: string): void {
    this.stats.phase = 'failed';
    this.stats.problem = problem;
  }

  /**
   * After a failed commit: a stream with records or states that were not committed, or whose
   * overwrite was not swapped in, failed, whatever the connector said of it.
   */
  markUncommitted(failure: Error): void {
    const notSwapped = this.replace && this.complete && !this.finalized;
    if (this.receivedMessages <= this.committedMessages && !notSwapped) return;
    this.markFailed(`not committed: ${failure.message}`);
  }

  /** The sync stopped early: a stream still running, or one with records but no status, is incomplete. */
  markStoppedEarly(): void {
    const { stats } = this;
    if (stats.phase === 'running' || (stats.phase === 'waiting' && stats.records > 0)) stats.phase = 'incomplete';
  }
}
