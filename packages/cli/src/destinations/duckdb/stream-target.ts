/**
 * One configured stream's place in DuckDB: its table (created or evolved), the table its batches
 * go into (the table itself, or for an overwrite a staging table swapped in at the end), two
 * in-memory staging tables with an appender each (one fills while the other is committed), and
 * the SQL of each step.
 */
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import type { ConfiguredAirbyteStream, StreamDescriptor } from '@tributary/cdk';
import { newStats, type StreamStats } from '../../progress/stats.js';
import { type ColumnPlan, planColumns } from './columns.js';
import { dedupAgainstBatchSql, dedupTableSql, insertSql, type MergeTarget } from './merge-sql.js';
import { compileKeyCheck, type KeyCheck } from './record-key.js';
import { compileRowAppender, type RowAppender, stagingColumns } from './row-appender.js';
import { ident, qualified } from './sql.js';
import { StagingChunk } from './staging-chunk.js';
import { type StoredState, stateKey } from './state-store.js';
import {
  createTableSql,
  evolveTable,
  MEMORY_DB,
  OVERWRITE_PREFIX,
  rowCount,
  type SchemaChange,
  schemaChangeSql,
  stagingTableSql,
  tableColumns,
} from './tables.js';

/** Staging rows (of up to CHUNK_ROWS records or about CHUNK_TEXT_CHARS of text each) per INSERT. */
const STAGING_ROWS_PER_INSERT = 8;

export type WriteMode = 'overwrite' | 'append' | 'append_dedup';

/**
 * A point in the batch being filled: the staging rows flushed so far, the rows of the chunk
 * being built, and the records of the stream in the batch (the sum of the two).
 */
export interface BatchPosition {
  stagingRows: number;
  chunkRows: number;
  records: number;
}

const BATCH_START: BatchPosition = { stagingRows: 0, chunkRows: 0, records: 0 };

export interface TargetOptions {
  /** Overwrite even if the catalog says append (`--full-refresh`); dedup streams stay deduplicated. */
  fullRefresh: boolean;
  syncId: number;
}

export class StreamTarget implements MergeTarget {
  readonly key: string;
  readonly stats: StreamStats;
  /** The stored state row of this stream (updated in memory as batches commit). */
  stored: StoredState;
  /** Rows appended to the current batch. */
  rows = 0;
  /** Sizes of the records sampled for the byte estimate. */
  sampledBytes = 0;
  samples = 0;
  /** True once the connector said the stream is COMPLETE. */
  complete = false;
  /** Overwrite: true once the loaded table replaced the stream's table. */
  finalized = false;
  /** Rows the load table held before this sync (dedup streams; to tell how many dedup deleted). */
  rowsBefore = 0;
  readonly schemaChanges: SchemaChange[] = [];
  /** The rows being built, a chunk at a time, for the staging slot being filled. */
  readonly chunk: StagingChunk;
  /** Writes one record into `chunk`. */
  readonly appendRow: RowAppender;
  /** For a deduplicated stream, the check that each record has its primary key. */
  readonly keyCheck: KeyCheck | undefined;
  /** Where the batch stood at this stream's last STATE: what a commit that must stop there keeps. */
  covered: BatchPosition = BATCH_START;
  /** Records and states received, and how many of them are committed: more received means something is not. */
  committedMessages = 0;
  private appenders: [DuckDBAppender, DuckDBAppender] | undefined;
  private stagingNames: [string, string] = ['', ''];

  private constructor(
    readonly index: number,
    readonly descriptor: StreamDescriptor,
    readonly mode: WriteMode,
    readonly replace: boolean,
    readonly dedup: boolean,
    public columns: ColumnPlan[],
    readonly primaryKey: string[][],
    readonly cursor: string[] | undefined,
    /** True when an interrupted overwrite continues into its existing staging table. */
    readonly resumed: boolean,
    stored: StoredState | undefined,
  ) {
    this.chunk = new StagingChunk(stagingColumns(columns));
    this.appendRow = compileRowAppender(columns, this.chunk);
    this.keyCheck = dedup ? compileKeyCheck(primaryKey, columns) : undefined;
    this.key = stateKey('STREAM', descriptor.namespace, descriptor.name);
    const label = descriptor.namespace === undefined ? descriptor.name : `${descriptor.namespace}.${descriptor.name}`;
    this.stats = newStats(label, replace && dedup ? 'overwrite+dedup' : mode);
    this.stored = stored ?? { type: 'STREAM', namespace: descriptor.namespace, name: descriptor.name, state: null, pending: null };
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
  get inputState() {
    if (this.replace) return this.resumed ? this.stored.pending : null;
    return this.stored.state;
  }

  /** Directs the rows to staging slot `slot`. */
  useSlot(slot: number): void {
    this.chunk.appender = (this.appenders as [DuckDBAppender, DuckDBAppender])[slot];
  }

  /** Moves every row written so far into the staging table of `slot`. */
  flushSlot(slot: number): void {
    this.chunk.flush();
    (this.appenders as [DuckDBAppender, DuckDBAppender])[slot]?.flushSync();
  }

  /** The staging rows filled since the last call (the batch being sealed), counting from zero again. */
  takeStagingRows(): number {
    const rows = this.chunk.stagedRows;
    this.chunk.stagedRows = 0;
    this.covered = BATCH_START;
    return rows;
  }

  /** A STATE of this stream (or a global one) arrived: every record so far is covered by a state. */
  markCovered(): void {
    this.covered = { stagingRows: this.chunk.stagedRows, chunkRows: this.chunk.row, records: this.rows };
  }

  /** Records and states received, to compare with `committedMessages`. */
  get receivedMessages(): number {
    return this.stats.records + this.stats.states;
  }

  stagingTable(slot: number): string {
    return `${MEMORY_DB}.main.${ident(this.stagingNames[slot] as string)}`;
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
    const { stream } = configured;
    const descriptor: StreamDescriptor =
      stream.namespace === undefined ? { name: stream.name } : { name: stream.name, namespace: stream.namespace };
    const label = descriptor.namespace === undefined ? descriptor.name : `${descriptor.namespace}.${descriptor.name}`;
    const configuredMode = configured.destination_sync_mode;
    if (configuredMode !== 'overwrite' && configuredMode !== 'append' && configuredMode !== 'append_dedup') {
      throw new Error(
        `stream '${label}': destination_sync_mode '${configuredMode}' is not supported (use overwrite, append or append_dedup)`,
      );
    }
    const primaryKey = configured.primary_key?.length ? configured.primary_key : (stream.source_defined_primary_key ?? []);
    const dedup = configuredMode === 'append_dedup';
    if (dedup && primaryKey.length === 0) {
      throw new Error(`stream '${label}' is append_dedup but has no primary key; set primary_key in the catalog or use append`);
    }
    const cursorField = configured.cursor_field?.length ? configured.cursor_field : stream.default_cursor_field;
    const cursor = configured.sync_mode === 'incremental' && cursorField && cursorField.length > 0 ? cursorField : undefined;
    const replace = configuredMode === 'overwrite' || options.fullRefresh;
    const planned = planColumns(stream.json_schema);
    const schema = descriptor.namespace;
    if (schema !== undefined) await writer.run(`CREATE SCHEMA IF NOT EXISTS ${ident(schema)}`);

    let columns = planned;
    const changes: SchemaChange[] = [];
    let resumed = false;
    if (replace) {
      const stagingName = `${OVERWRITE_PREFIX}${descriptor.name}`;
      const existing = await tableColumns(writer, schema, stagingName);
      resumed = !options.fullRefresh && stored?.pending != null && existing !== undefined;
      if (resumed && existing !== undefined) {
        const evolved = await evolveTable(writer, schema, stagingName, existing, planned);
        columns = evolved.columns;
        changes.push(...evolved.changes);
      } else {
        await writer.run(createTableSql(schema, stagingName, planned, true));
      }
    } else {
      const existing = await tableColumns(writer, schema, descriptor.name);
      if (existing === undefined) {
        await writer.run(createTableSql(schema, descriptor.name, planned));
      } else {
        const evolved = await evolveTable(writer, schema, descriptor.name, existing, planned);
        columns = evolved.columns;
        changes.push(...evolved.changes);
      }
    }
    for (const change of changes) await writer.run(schemaChangeSql(options.syncId, schema, descriptor.name, change));

    const target = new StreamTarget(index, descriptor, configuredMode, replace, dedup, columns, primaryKey, cursor, resumed, stored);
    target.schemaChanges.push(...changes);
    if (dedup) target.rowsBefore = await rowCount(writer, target.loadTable);
    target.stagingNames = [`s${index}_0`, `s${index}_1`];
    // Fail early, before reading anything, if a key or cursor is not a column.
    target.batchSql(0, options.syncId, 1);
    if (replace) target.finalizeSql();
    for (const name of target.stagingNames) await loader.run(stagingTableSql(name, columns));
    target.appenders = [
      await loader.createAppender(target.stagingNames[0], 'main', MEMORY_DB),
      await loader.createAppender(target.stagingNames[1], 'main', MEMORY_DB),
    ];
    target.useSlot(0);
    return target;
  }

  /**
   * Moves one batch, `stagingRows` staging rows, from a staging slot into the load table (typed,
   * deduplicated as configured); with `upTo`, only the records before that position. The rows go
   * in several INSERTs of a few staging rows each: DuckDB unnests a whole vector of staging rows
   * at once, so this bounds its memory.
   */
  batchSql(slot: number, syncId: number, stagingRows: number, upTo?: BatchPosition): string {
    const staging = this.stagingTable(slot);
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

  /**
   * Empties a staging slot once its batch is committed, by replacing its table: rows deleted
   * from an in-memory table would keep their memory and still be scanned by every later batch.
   */
  async resetSlot(slot: number, writer: DuckDBConnection, loader: DuckDBConnection): Promise<void> {
    const appenders = this.appenders as [DuckDBAppender, DuckDBAppender];
    appenders[slot].closeSync();
    const name = this.stagingNames[slot] as string;
    await writer.run(stagingTableSql(name, this.columns));
    appenders[slot] = await loader.createAppender(name, 'main', MEMORY_DB);
  }

  /** Overwrite: the loaded table replaces the stream's table. */
  finalizeSql(): string {
    const statements: string[] = [];
    if (this.dedup) statements.push(dedupTableSql(this, this.loadTable));
    statements.push(`DROP TABLE IF EXISTS ${this.table}`);
    statements.push(`ALTER TABLE ${this.loadTable} RENAME TO ${ident(this.descriptor.name)}`);
    return statements.join(';\n');
  }

  closeAppenders(): void {
    for (const appender of this.appenders ?? []) {
      try {
        appender.closeSync();
      } catch {
        // Closing flushes; after a failure there is nothing left worth keeping.
      }
    }
    this.appenders = undefined;
  }
}
