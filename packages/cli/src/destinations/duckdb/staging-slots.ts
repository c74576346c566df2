/**
 * The two in-memory staging tables of a stream, each with its appender: while the records of one
 * batch are committed from one slot, the connector fills the other. Rows reach a slot a chunk at
 * a time (staging-chunk.ts); `covered` remembers where the batch stood at the stream's last
 * STATE, which is where a commit that must stop there stops.
 */
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import type { ColumnPlan } from './columns.js';
import { stagingColumns } from './row-appender.js';
import { ident } from './sql.js';
import { StagingChunk } from './staging-chunk.js';
import { MEMORY_DB, stagingTableSql } from './tables.js';

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

export class StagingSlots {
  /** The rows being built, a chunk at a time, for the slot being filled. */
  readonly chunk: StagingChunk;
  /** Where the batch stood at this stream's last STATE. */
  covered: BatchPosition = BATCH_START;
  private appenders: [DuckDBAppender, DuckDBAppender] | undefined;
  private readonly names: [string, string];

  constructor(
    index: number,
    private readonly columns: ColumnPlan[],
  ) {
    this.chunk = new StagingChunk(stagingColumns(columns));
    this.names = [`s${index}_0`, `s${index}_1`];
  }

  /** Creates both staging tables and their appenders; rows go to slot 0. */
  async open(loader: DuckDBConnection): Promise<void> {
    for (const name of this.names) await loader.run(stagingTableSql(name, this.columns));
    this.appenders = [
      await loader.createAppender(this.names[0], 'main', MEMORY_DB),
      await loader.createAppender(this.names[1], 'main', MEMORY_DB),
    ];
    this.use(0);
  }

  /** The staging table of `slot`, as SQL. */
  table(slot: number): string {
    return `${MEMORY_DB}.main.${ident(this.names[slot] as string)}`;
  }

  /** Directs the rows to `slot`. */
  use(slot: number): void {
    this.chunk.appender = (this.appenders as [DuckDBAppender, DuckDBAppender])[slot];
  }

  /** Moves every row written so far into the staging table of `slot`. */
  flush(slot: number): void {
    this.chunk.flush();
    (this.appenders as [DuckDBAppender, DuckDBAppender])[slot]?.flushSync();
  }

  /** The staging rows filled since the last call (the batch being sealed), counting from zero again. */
  takeRows(): number {
    const rows = this.chunk.stagedRows;
    this.chunk.stagedRows = 0;
    this.covered = BATCH_START;
    return rows;
  }

  /** A STATE covers every record so far (`records` of the stream in the batch). */
  markCovered(records: number): void {
    this.covered = { stagingRows: this.chunk.stagedRows, chunkRows: this.chunk.row, records };
  }

  /**
   * Empties a slot once its batch is committed, by replacing its table: rows deleted from an
   * in-memory table would keep their memory and still be scanned by every later batch.
   */
  async reset(slot: number, writer: DuckDBConnection, loader: DuckDBConnection): Promise<void> {
    const appenders = this.appenders as [DuckDBAppender, DuckDBAppender];
    appenders[slot].closeSync();
    const name = this.names[slot] as string;
    await writer.run(stagingTableSql(name, this.columns));
    appenders[slot] = await loader.createAppender(name, 'main', MEMORY_DB);
  }

  close(): void {
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
