/**
 * The DuckDB destination: a `MessageSink` that loads a connector's records into one DuckDB file.
 *
 * Records are appended (typed, per value, never through SQL text) into an in-memory staging
 * table per stream. A batch is sealed at a STATE message once it is worth a commit (enough rows
 * or enough time), or when it grows too big; then, on a second connection and off the main
 * thread, one transaction inserts the batch into the stream tables (deduplicated where the
 * stream is) and stores the STATE messages that came with it. Meanwhile the connector fills the
 * other staging table. So a STATE is committed together with every record that came before it:
 * a sync killed at any moment restarts from a state whose records are all in the file. Records
 * committed after the last stored state are read again by the next sync, which dedup streams
 * absorb (append streams may then hold them twice, as Airbyte's at-least-once delivery allows).
 *
 * A sync that stops early (interrupted, or a message refused) keeps exactly what came up to the
 * last STATE of each stream: the last batch is committed only that far.
 */
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { AirbyteErrorTrace, AirbyteMessage, AirbyteState, ConfiguredAirbyteCatalog, StreamDescriptor } from '@tributary/cdk';
import type { RecordWriter } from '@tributary/cdk/runtime';
import type { RunnerSink } from '../../connectors/connector.js';
import { type SkippedLineKind, SkippedLines } from '../../connectors/skipped-lines.js';
import type { StreamStats } from '../../progress/stats.js';
import { literal } from './sql.js';
import { keyOfState, loadStates, type StoredState, stateKey, storable, upsertStateSql } from './state-store.js';
import { type BatchPosition, StreamTarget } from './stream-target.js';
import { insertSync, markAbandonedSyncs, type SyncOutcome, updateSync } from './sync-log.js';
import { ensureBookkeeping, MEMORY_DB, rowCount } from './tables.js';

export type { SyncOutcome };

export interface CommitPolicy {
  /** At a STATE, commit once the batch has this many rows ... */
  minRows: number;
  /** ... or once this much time passed since the last commit. */
  intervalMs: number;
  /** Commit (at the next record) whatever the batch holds once it has this many rows ... */
  maxRows: number;
  /** ... or about this many bytes (records × their sampled average size), for wide records. */
  maxBytes: number;
}

export const DEFAULT_COMMIT_POLICY: CommitPolicy = { minRows: 250_000, intervalMs: 2000, maxRows: 300_000, maxBytes: 96_000_000 };

/** The default policy, with TRIBUTARY_COMMIT_INTERVAL_MS / TRIBUTARY_COMMIT_ROWS overriding the interval and batch size. */
export function commitPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): CommitPolicy {
  const number = (value: string | undefined) => (value !== undefined && Number(value) > 0 ? Number(value) : undefined);
  const rows = number(env.TRIBUTARY_COMMIT_ROWS);
  return {
    intervalMs: number(env.TRIBUTARY_COMMIT_INTERVAL_MS) ?? DEFAULT_COMMIT_POLICY.intervalMs,
    minRows: rows ?? DEFAULT_COMMIT_POLICY.minRows,
    maxRows: rows === undefined ? DEFAULT_COMMIT_POLICY.maxRows : rows * 2,
    maxBytes: DEFAULT_COMMIT_POLICY.maxBytes,
  };
}

/** Reasons for refusing a record that come from its primary key. */
const KEY_REASON = /primary key/;

/** DuckDB's row group size (`Storage::ROW_GROUP_SIZE`): the unit that its vacuum reclaims. */
const ROW_GROUP_ROWS = 122_880;

/** DuckDB's memory limit during a sync (TRIBUTARY_DUCKDB_MEMORY_LIMIT overrides it). */
const DEFAULT_MEMORY_LIMIT = '256MB';

/** Records between two chances for timers and I/O (progress, finished commits) to run. */
const YIELD_EVERY = 4096;
/** One record in this many is serialized to estimate the stream's bytes. */
const SAMPLE_EVERY = 512;

export interface DestinationEvents {
  /** A LOG message (or a destination notice). */
  log?: (level: string, message: string) => void;
  /** The connector changed its config (a CONTROL message). */
  config?: (config: Record<string, unknown>) => void;
}

interface Batch {
  slot: number;
  rows: number[];
  /** Per target, the staging rows its records fill. */
  stagingRows: number[];
  states: Map<string, AirbyteState>;
  finalize: Set<number>;
  /** Per target, where the batch stops when it is the last one of a sync that stopped early. */
  upTo: (BatchPosition | undefined)[];
  /** Per target, its records and states received by the time the batch was sealed. */
  received: number[];
}

export class DuckDBDestination implements RunnerSink {
  /** TRACE errors the connector sent, in order. */
  readonly errors: AirbyteErrorTrace[] = [];
  /** Lines of the connector's output that were not messages. */
  readonly skipped = new SkippedLines();
  locate: (() => string) | undefined;
  readonly path: string;
  targets: StreamTarget[] = [];
  syncId = 0;
  private readonly byKey = new Map<string, StreamTarget>();
  private stored = new Map<string, StoredState>();
  private slot = 0;
  private batchRows = 0;
  private batchBytes = 0;
  private batchStates = new Map<string, AirbyteState>();
  private batchFinalize = new Set<number>();
  private lastSealAt = performance.now();
  private inFlight: Promise<void> | undefined;
  private sealWanted = false;
  private sinceYield = 0;
  private failure: Error | undefined;
  /** Why a message was refused, if one was: the sync stops and fails. */
  private refused: string | undefined;
  /** Interrupted: the last commit keeps only what came up to each stream's last STATE. */
  private interrupted = false;
  private finished = false;
  private readonly unknownStreams = new Set<string>();
  private committedRows = 0;

  private constructor(
    path: string,
    private readonly instance: DuckDBInstance,
    /** Runs the commits (and all DDL), asynchronously. */
    private readonly writer: DuckDBConnection,
    /** Owns the staging appenders, used synchronously on the main thread. */
    private readonly loader: DuckDBConnection,
    private readonly policy: CommitPolicy,
    private readonly events: DestinationEvents,
  ) {
    this.path = path;
  }

  /** Opens (or creates) the DuckDB file and its bookkeeping tables. */
  static async open(path: string, options: { policy?: CommitPolicy; events?: DestinationEvents } = {}): Promise<DuckDBDestination> {
    const file = resolve(path);
    mkdirSync(dirname(file), { recursive: true });
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(file);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // DuckDB lets one process write a file: a second sync of it fails here, the first runs on.
      const hint = /Could not set lock/i.test(message) ? ' (another process, a sync still running?, has it open)' : '';
      throw new Error(`cannot open the DuckDB file ${path}${hint}: ${message}`);
    }
    const writer = await instance.connect();
    const loader = await instance.connect();
    // The connector and the loader keep one core busy; more DuckDB threads than the other cores
    // only compete with them (measured: more CPU, slower syncs on 2 cores).
    const threads = Number(process.env.TRIBUTARY_DUCKDB_THREADS) || Math.max(1, availableParallelism() - 1);
    await writer.run(`SET threads = ${threads}`);
    // Bounded memory: DuckDB's buffer pool (cached table blocks) would otherwise grow with the
    // file up to 80% of RAM, and its allocator keeps freed pages unless its background threads
    // return them. Operators that need more spill to disk.
    const limit = process.env.TRIBUTARY_DUCKDB_MEMORY_LIMIT ?? DEFAULT_MEMORY_LIMIT;
    await writer.run(`SET memory_limit = ${literal(limit)}; SET allocator_background_threads = true`);
    // Each commit ends in a partial row group, which a checkpoint's vacuum would merge with its
    // neighbours by rewriting them: 0.6-1.2 s per 1,000,000 rows, at the very end of the sync.
    // Left alone they cost a little space and nothing else; `checkpoint()` vacuums only when
    // dedup deleted enough rows to be worth reclaiming.
    await writer.run('SET max_vacuum_tasks = 0');
    await writer.run(`ATTACH ':memory:' AS ${MEMORY_DB}`);
    await ensureBookkeeping(writer);
    return new DuckDBDestination(file, instance, writer, loader, options.policy ?? commitPolicyFromEnv(), options.events ?? {});
  }

  /**
   * Records the start of a sync; returns its id (also written into every row's `_airbyte_meta`).
   * Syncs left `running` by a process that died are marked `interrupted` first.
   */
  async beginSync(connector: string): Promise<number> {
    this.syncId = await insertSync(this.writer, connector);
    const abandoned = await markAbandonedSyncs(this.writer, this.syncId);
    if (abandoned.length > 0) {
      const which = abandoned.length === 1 ? `sync ${abandoned[0]}` : `syncs ${abandoned.join(', ')}`;
      this.events.log?.(
        'WARN',
        `${which} of this file ended without recording its outcome (killed, or the file could not be written); marked interrupted`,
      );
    }
    this.stored = await loadStates(this.writer);
    return this.syncId;
  }

  /**
   * Prepares every configured stream's tables and staging. Returns the state to pass to the
   * connector: what was committed for these streams, unless `fullRefresh`.
   */
  async prepare(catalog: ConfiguredAirbyteCatalog, options: { fullRefresh: boolean }): Promise<AirbyteState[]> {
    const targets: StreamTarget[] = [];
    for (const [index, configured] of catalog.streams.entries()) {
      const { name, namespace } = configured.stream;
      const key = stateKey('STREAM', namespace, name);
      if (this.byKey.has(key)) throw new Error(`the catalog lists stream '${name}' twice`);
      const target = await StreamTarget.prepare(this.writer, this.loader, index, configured, this.stored.get(key), {
        fullRefresh: options.fullRefresh,
        syncId: this.syncId,
      });
      targets.push(target);
      this.byKey.set(key, target);
      for (const change of target.schemaChanges) {
        const what =
          change.change === 'added'
            ? `added column ${change.column} ${change.newType}`
            : `column ${change.column} stays ${change.previousType} although the schema now says ${change.newType}; values that do not fit are nulled and listed in _airbyte_meta.changes`;
        this.events.log?.('WARN', `stream '${target.stats.label}': ${what}`);
      }
    }
    this.targets = targets;
    if (options.fullRefresh) return [];
    const input: AirbyteState[] = [];
    for (const target of targets) {
      const state = target.inputState;
      if (state !== null) input.push(state);
    }
    for (const entry of this.stored.values()) if (entry.type !== 'STREAM' && entry.state !== null) input.push(entry.state);
    return input;
  }

  get stats(): StreamStats[] {
    return this.targets.map((target) => target.stats);
  }

  get isClosed(): boolean {
    return this.failure !== undefined || this.refused !== undefined || this.finished;
  }

  /** The destination's own failure (a DuckDB error), if any. */
  get error(): Error | undefined {
    return this.failure;
  }

  /** Why a message of the connector was refused, if one was. */
  get rejection(): string | undefined {
    return this.refused;
  }

  /**
   * The sync was interrupted (Ctrl-C): messages are still taken while the connector stops (its
   * last STATE counts), but the last commit keeps only what came up to each stream's last STATE.
   */
  interrupt(): void {
    this.interrupted = true;
  }

  reject(problem: string): void {
    this.refused ??= problem;
  }

  skipLine(line: number, kind: SkippedLineKind): void {
    this.skipped.add(line, kind);
  }

  recordWriter(descriptor: StreamDescriptor): RecordWriter {
    const target = this.byKey.get(stateKey('STREAM', descriptor.namespace, descriptor.name));
    if (target === undefined) return this.unknownStream(descriptor);
    const { stats, keyCheck } = target;
    return (data: object) => {
      if (this.refused !== undefined) return true;
      const missing = keyCheck?.missing(data as Record<string, unknown>);
      if (missing !== undefined)
        return this.refuseRecord(target, `it has no value for its primary key field '${missing}'`, stats.records + 1);
      const nulled = this.appendChecked(target, data);
      if (nulled === null) return true;
      target.rows++;
      if (++stats.records % SAMPLE_EVERY === 1) sampleSize(target, data);
      const nulledKey = nulled === undefined ? undefined : keyCheck?.nulled(nulled);
      if (nulledKey !== undefined)
        return this.refuseRecord(target, `the value of its primary key field ${nulledKey} does not fit its column`, stats.records);
      this.batchBytes += stats.bytesPerRecord;
      if (++this.batchRows >= this.policy.maxRows || this.batchBytes >= this.policy.maxBytes) this.requestSeal();
      if (++this.sinceYield >= YIELD_EVERY) return true;
      return this.sealWanted;
    };
  }

  writeMessage(message: AirbyteMessage): void {
    if (this.refused !== undefined) return;
    switch (message.type) {
      case 'STATE':
        this.onState(message.state);
        break;
      case 'TRACE': {
        const { trace } = message;
        if (trace.type === 'ERROR' && trace.error) this.errors.push(trace.error);
        else if (trace.type === 'STREAM_STATUS' && trace.stream_status) {
          const { stream_descriptor: descriptor, status } = trace.stream_status;
          this.onStatus(descriptor, status);
        } else if (trace.type === 'ESTIMATE' && trace.estimate?.type === 'STREAM') {
          const target = this.byKey.get(stateKey('STREAM', trace.estimate.namespace, trace.estimate.name));
          if (target && trace.estimate.row_estimate !== undefined) target.stats.estimate = trace.estimate.row_estimate;
        }
        break;
      }
      case 'LOG':
        this.events.log?.(message.log.level, message.log.message);
        break;
      case 'CONTROL':
        if (message.control.type === 'CONNECTOR_CONFIG') this.events.config?.(message.control.connectorConfig.config);
        break;
      default:
        break;
    }
  }

  async drain(): Promise<void> {
    this.sinceYield = 0;
    if (this.sealWanted) {
      const waitStart = performance.now();
      await this.settle();
      if (process.env.TRIBUTARY_DEBUG) {
        const ms = (performance.now() - waitStart).toFixed(0);
        this.events.log?.('DEBUG', `the connector waited ${ms} ms for a commit, at ${(waitStart / 1000).toFixed(2)} s`);
      }
      if (this.sealWanted && this.failure === undefined) this.seal();
    }
    // Let timers (the progress view) and finished commits run between runs of records.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /**
   * Commits what was received and waits for it: everything, or, when the sync stopped early,
   * what came up to each stream's last STATE. Call once the connector is done. When a commit
   * failed, the streams it left uncommitted are marked failed, and the failure is thrown.
   */
  async finish(): Promise<void> {
    if (process.env.TRIBUTARY_DEBUG) this.events.log?.('DEBUG', `the connector finished at ${(performance.now() / 1000).toFixed(2)} s`);
    this.finished = true;
    await this.settle();
    const stoppedEarly = this.interrupted || this.refused !== undefined;
    if (this.failure === undefined && this.hasBatch()) this.seal(stoppedEarly);
    await this.settle();
    for (const target of this.targets) target.closeAppenders();
    if (this.failure !== undefined) {
      markUncommitted(this.targets, this.failure);
      throw this.failure;
    }
    if (!stoppedEarly) return;
    for (const { stats } of this.targets)
      if (stats.phase === 'running' || (stats.phase === 'waiting' && stats.records > 0)) stats.phase = 'incomplete';
  }

  /** Records how the sync ended. */
  async endSync(outcome: SyncOutcome): Promise<void> {
    await updateSync(this.writer, this.syncId, outcome, this.skipped.count);
  }

  get recordsWritten(): number {
    return this.committedRows;
  }

  /**
   * Writes what the WAL holds into the database file, on DuckDB's thread (closing would do it
   * on the main thread, with the event loop stopped).
   */
  async checkpoint(): Promise<void> {
    const started = performance.now();
    const compact = await this.dedupDeletedRowGroups();
    if (compact) await this.writer.run('RESET max_vacuum_tasks');
    await this.writer.run('CHECKPOINT');
    if (process.env.TRIBUTARY_DEBUG) {
      const what = compact ? 'with vacuum' : 'without vacuum';
      this.events.log?.('DEBUG', `final checkpoint ${what} in ${(performance.now() - started).toFixed(0)} ms`);
    }
  }

  /**
   * Whether dedup deleted at least a row group's worth of rows of some table in this sync (a
   * sync that re-reads what the table holds replaces every row): then vacuuming reclaims their
   * space, which is worth the rewrite.
   */
  private async dedupDeletedRowGroups(): Promise<boolean> {
    for (const target of this.targets) {
      if (!target.dedup || target.stats.written === 0) continue;
      const table = target.replace && !target.finalized ? target.loadTable : target.table;
      const rowsAfter = await rowCount(this.writer, table);
      if (target.rowsBefore + target.stats.written - rowsAfter >= ROW_GROUP_ROWS) return true;
    }
    return false;
  }

  private async logCommit(batch: Batch, started: number): Promise<void> {
    const ms = (performance.now() - started).toFixed(0);
    const memory = process.memoryUsage();
    const rss = `${(memory.rss / 1e6).toFixed(0)} MB, V8 heap ${(memory.heapTotal / 1e6).toFixed(0)} MB`;
    const reader = await this.writer.runAndReadAll(
      'SELECT tag, round(memory_usage_bytes / 1e6) FROM duckdb_memory() WHERE memory_usage_bytes >= 1e6',
    );
    const pools = reader.getRows().map(([tag, mb]) => `${String(tag).toLowerCase()} ${mb} MB`);
    this.events.log?.(
      'DEBUG',
      `committed ${batch.rows.join(' + ')} rows in ${ms} ms, begun at ${(started / 1000).toFixed(2)} s (rss ${rss}; DuckDB: ${pools.join(', ')})`,
    );
  }

  close(): void {
    for (const target of this.targets) target.closeAppenders();
    this.loader.closeSync();
    this.writer.closeSync();
    this.instance.closeSync();
  }

  /**
   * Appends a record; returns the fields it nulled (see RowAppender), or null when the record
   * could not be converted at all (nested too deeply for JSON.stringify), which refuses it.
   */
  private appendChecked(target: StreamTarget, data: object): string | undefined | null {
    try {
      return target.appendRow(data as Record<string, unknown>);
    } catch (error) {
      // A row half written stays out: the record is not counted, and nothing follows it.
      const reason = error instanceof RangeError ? 'it nests too deeply to be stored as JSON' : (error as Error).message;
      this.refuseRecord(target, reason, target.stats.records + 1);
      return null;
    }
  }

  /**
   * Refuses a record of a stream: the sync stops and fails, naming the stream and where the
   * record came from; the stream keeps what came up to its last STATE.
   */
  private refuseRecord(target: StreamTarget, reason: string, recordNumber: number): true {
    const where = this.locate?.() ?? `record ${recordNumber.toLocaleString('en-US')} of the stream`;
    const remedy = KEY_REASON.test(reason)
      ? ` (a deduplicated stream needs the primary key of every record, as Airbyte's typing and deduping does; sync the stream in append mode to keep such records)`
      : '';
    this.reject(`stream '${target.stats.label}': a record was refused (${where}): ${reason}${remedy}`);
    target.stats.phase = 'failed';
    target.stats.problem = `a record was refused (${where}): ${reason}`;
    return true;
  }

  private onState(state: AirbyteState): void {
    const { key, type } = keyOfState(state);
    this.batchStates.set(key, storable(state));
    const target = this.byKey.get(key);
    if (target !== undefined) {
      target.stats.states++;
      target.markCovered();
    } else if (type !== 'STREAM') for (const each of this.targets) each.markCovered();
    if (this.batchRows >= this.policy.minRows || performance.now() - this.lastSealAt >= this.policy.intervalMs) this.requestSeal();
  }

  private onStatus(descriptor: StreamDescriptor, status: string): void {
    const target = this.byKey.get(stateKey('STREAM', descriptor.namespace, descriptor.name));
    if (target === undefined) return;
    const { stats } = target;
    if (status === 'STARTED' || status === 'RUNNING') {
      stats.phase = 'running';
      stats.startedAt ??= performance.now();
    } else if (status === 'COMPLETE' || status === 'INCOMPLETE') {
      stats.phase = status === 'COMPLETE' ? 'complete' : 'incomplete';
      stats.startedAt ??= performance.now();
      stats.endedAt = performance.now();
      if (status === 'COMPLETE') {
        target.complete = true;
        if (target.replace) this.batchFinalize.add(target.index);
      }
    }
  }

  private unknownStream(descriptor: StreamDescriptor): RecordWriter {
    const label = descriptor.namespace === undefined ? descriptor.name : `${descriptor.namespace}.${descriptor.name}`;
    return () => {
      if (!this.unknownStreams.has(label)) {
        this.unknownStreams.add(label);
        this.events.log?.('WARN', `the connector sent records of stream '${label}', which is not in the catalog; they are ignored`);
      }
      return false;
    };
  }

  private hasBatch(): boolean {
    return this.batchRows > 0 || this.batchStates.size > 0 || this.batchFinalize.size > 0;
  }

  /** Seals the batch now if no commit is running, else as soon as the running one is done (producers wait). */
  private requestSeal(): void {
    if (this.inFlight === undefined && this.failure === undefined) this.seal();
    else this.sealWanted = true;
  }

  /**
   * Hands the current batch to the writer and switches the appenders to the other staging slot;
   * `upToStates`: the batch keeps only what came up to each stream's last STATE.
   */
  private seal(upToStates = false): void {
    this.sealWanted = false;
    if (!this.hasBatch()) return;
    const slot = this.slot;
    const upTo = this.targets.map((target) => (upToStates ? target.covered : undefined));
    for (const target of this.targets) {
      if (target.rows > 0) target.flushSlot(slot);
      target.useSlot(1 - slot);
    }
    const batch: Batch = {
      slot,
      rows: this.targets.map((target, i) => upTo[i]?.records ?? target.rows),
      stagingRows: this.targets.map((target) => target.takeStagingRows()),
      states: this.batchStates,
      finalize: this.batchFinalize,
      upTo,
      received: this.targets.map((target) => target.receivedMessages),
    };
    for (const target of this.targets) target.rows = 0;
    this.batchRows = 0;
    this.batchBytes = 0;
    this.batchStates = new Map();
    this.batchFinalize = new Set();
    this.slot = 1 - slot;
    this.lastSealAt = performance.now();
    const commit = this.commit(batch).then(
      () => {
        if (this.inFlight === commit) this.inFlight = undefined;
      },
      (error: unknown) => {
        if (this.inFlight === commit) this.inFlight = undefined;
        this.failure ??= new Error(`DuckDB: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
    this.inFlight = commit;
  }

  private async settle(): Promise<void> {
    while (this.inFlight !== undefined) await this.inFlight;
  }

  /** One transaction: the batch's rows, overwrite swaps, and the states that came with them. */
  private async commit(batch: Batch): Promise<void> {
    const statements: string[] = [];
    for (const target of this.targets) {
      if ((batch.rows[target.index] ?? 0) > 0)
        statements.push(target.batchSql(batch.slot, this.syncId, batch.stagingRows[target.index] ?? 0, batch.upTo[target.index]));
    }
    const changed = new Map<string, StoredState>();
    for (const [key, state] of batch.states) {
      const target = this.byKey.get(key);
      const { type, namespace, name } = keyOfState(state);
      const entry = target?.stored ?? this.stored.get(key) ?? { type, namespace, name, state: null, pending: null };
      const next = target?.replace ? { ...entry, pending: state } : { ...entry, state };
      changed.set(key, next);
    }
    for (const index of batch.finalize) {
      const target = this.targets[index] as StreamTarget;
      statements.push(target.finalizeSql());
      const entry = changed.get(target.key) ?? target.stored;
      changed.set(target.key, { ...entry, state: entry.pending ?? entry.state, pending: null });
    }
    for (const entry of changed.values()) statements.push(upsertStateSql(entry, this.syncId));
    const started = performance.now();
    try {
      await this.writer.run(`BEGIN TRANSACTION;\n${statements.join(';\n')};\nCOMMIT`);
      if (process.env.TRIBUTARY_DEBUG) await this.logCommit(batch, started);
    } catch (error) {
      await this.writer.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
    // Committed: update what this process knows, then empty the staging slot for reuse.
    for (const index of batch.finalize) (this.targets[index] as StreamTarget).finalized = true;
    for (const [key, entry] of changed) {
      this.stored.set(key, entry);
      const target = this.byKey.get(key);
      if (target !== undefined) {
        target.stored = entry;
        const committed = target.replace && !batch.finalize.has(target.index) ? entry.pending : entry.state;
        target.stats.committedState = committed?.stream?.stream_state ?? committed;
      }
    }
    for (const target of this.targets) {
      target.committedMessages = batch.received[target.index] ?? target.committedMessages;
      const rows = batch.rows[target.index] ?? 0;
      if (rows === 0) continue;
      target.stats.written += rows;
      this.committedRows += rows;
      await target.resetSlot(batch.slot, this.writer, this.loader);
    }
  }
}

/**
 * After a failed commit: every stream with records or states that were not committed, or whose
 * overwrite was not swapped in, failed, whatever the connector said of it.
 */
function markUncommitted(targets: StreamTarget[], failure: Error): void {
  for (const target of targets) {
    const notSwapped = target.replace && target.complete && !target.finalized;
    if (target.receivedMessages <= target.committedMessages && !notSwapped) continue;
    target.stats.phase = 'failed';
    target.stats.problem = `not committed: ${failure.message}`;
  }
}

/** Serializes one record in SAMPLE_EVERY to keep a running average of the stream's record size. */
function sampleSize(target: StreamTarget, data: object): void {
  let size: number;
  try {
    size = JSON.stringify(data).length + 1;
  } catch {
    return;
  }
  target.sampledBytes += size;
  target.samples++;
  target.stats.bytesPerRecord = target.sampledBytes / target.samples;
}
