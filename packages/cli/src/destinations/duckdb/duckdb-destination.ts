/**
 * The DuckDB destination: a `MessageSink` that loads a connector's records into one DuckDB file.
 *
 * Records are appended (typed, per value, never through SQL text) into an in-memory staging
 * table per stream. A batch is sealed at a STATE message once it is worth a commit (enough rows
 * or enough time), or when it grows too big; then, on a second connection and off the main
 * thread, one transaction inserts the batch into the stream tables (deduplicated where the
 * stream is) and stores the STATE messages that came with it. Meanwhile the connector fills the
 * other staging table. A batch due at a STATE while a commit runs still ends at that STATE: what
 * comes after it waits, with the producer, until the batch is sealed. So a STATE is committed
 * together with every record that came before it (and, unless the batch outgrew the policy or
 * another stream's records came in between, with none of its stream's records after it):
 * a sync killed at any moment restarts from a state whose records are all in the file. Records
 * committed after the last stored state are read again by the next sync, which dedup streams
 * absorb (append streams may then hold them twice, as Airbyte's at-least-once delivery allows).
 *
 * A sync that stops early (interrupted, or a message refused) keeps exactly what came up to the
 * last STATE of each stream: the last batch is committed only that far.
 *
 * The parts: duckdb-file.ts opens the file, stream-targets.ts prepares the streams' tables,
 * open-batch.ts gathers a batch, commit-queue.ts and batch-commit.ts commit it, state-store.ts
 * and sync-log.ts keep the bookkeeping tables, final-checkpoint.ts ends the sync's writes.
 */
import type {
  AirbyteErrorTrace,
  AirbyteMessage,
  AirbyteState,
  AirbyteTrace,
  ConfiguredAirbyteCatalog,
  StreamDescriptor,
} from '@tributary/cdk';
import type { RecordWriter } from '@tributary/cdk/runtime';
import type { RunnerSink } from '../../connectors/connector.js';
import { type SkippedLineKind, SkippedLines } from '../../connectors/skipped-lines.js';
import { int } from '../../progress/format.js';
import type { StreamStats } from '../../progress/stats.js';
import { commitBatch } from './batch-commit.js';
import { batchIsFull, type CommitPolicy, commitPolicyFromEnv } from './commit-policy.js';
import { CommitQueue } from './commit-queue.js';
import { debugging, describeCommit, moment } from './debug-log.js';
import { closeDuckDBFile, type DuckDBFile, openDuckDBFile } from './duckdb-file.js';
import { finalCheckpoint } from './final-checkpoint.js';
import { OpenBatch } from './open-batch.js';
import { keyOfState, StateStore, storable } from './state-store.js';
import type { StreamTarget } from './stream-target.js';
import { StreamTargets } from './stream-targets.js';
import { insertSync, markAbandonedSyncs, type SyncOutcome, updateSync } from './sync-log.js';

/** Reasons for refusing a record that come from its primary key. */
const KEY_REASON = /primary key/;

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

/**
 * Writes a sync into a DuckDB file: tables per stream, each STATE committed with the records before
 * it.
 */
export class DuckDBDestination implements RunnerSink {
  /** TRACE errors the connector sent, in order. */
  readonly errors: AirbyteErrorTrace[] = [];
  /** Lines of the connector's output that were not messages. */
  readonly skipped = new SkippedLines();
  locate: (() => string) | undefined;
  syncId = 0;
  private targets = StreamTargets.none();
  private states: StateStore | undefined;
  private readonly batch = new OpenBatch();
  private readonly commits = new CommitQueue();
  private sinceYield = 0;
  /** Why a message was refused, if one was: the sync stops and fails. */
  private refused: string | undefined;
  /** Interrupted: the last commit keeps only what came up to each stream's last STATE. */
  private interrupted = false;
  private finished = false;
  private readonly unknownStreams = new Set<string>();
  /**
   * Messages that came while a batch was due but could not be sealed yet (a commit was running),
   * in order: a record after the STATE at which the batch became due, and what followed it. They
   * go into the next batch, so that the due one ends at that STATE and no stored state runs ahead
   * of its records, nor a stopped sync keeps a record after its last STATE.
   */
  private readonly held: (() => void)[] = [];

  private constructor(
    private readonly file: DuckDBFile,
    private readonly policy: CommitPolicy,
    private readonly events: DestinationEvents,
  ) {}

  /** Opens (or creates) the DuckDB file and its bookkeeping tables. */
  static async open(path: string, options: { policy?: CommitPolicy; events?: DestinationEvents } = {}): Promise<DuckDBDestination> {
    return new DuckDBDestination(await openDuckDBFile(path), options.policy ?? commitPolicyFromEnv(), options.events ?? {});
  }

  /** The file's absolute path. */
  get path(): string {
    return this.file.path;
  }

  /**
   * Records the start of a sync; returns its id (also written into every row's `_airbyte_meta`).
   * Syncs left `running` by a process that died are marked `interrupted` first.
   */
  async beginSync(connector: string): Promise<number> {
    this.syncId = await insertSync(this.file.writer, connector);
    const abandoned = await markAbandonedSyncs(this.file.writer, this.syncId);
    if (abandoned.length > 0) {
      const which = abandoned.length === 1 ? `sync ${abandoned[0]}` : `syncs ${abandoned.join(', ')}`;
      this.events.log?.(
        'WARN',
        `${which} of this file ended without recording its outcome (killed, or the file could not be written); marked interrupted`,
      );
    }
    this.states = await StateStore.load(this.file.writer);
    return this.syncId;
  }

  /**
   * Prepares every configured stream's tables and staging. Returns the state to pass to the
   * connector: what was committed for these streams, unless `fullRefresh`.
   */
  async prepare(catalog: ConfiguredAirbyteCatalog, options: { fullRefresh: boolean }): Promise<AirbyteState[]> {
    const states = this.stateStore();
    this.targets = await StreamTargets.prepare(this.file, catalog, states, {
      fullRefresh: options.fullRefresh,
      syncId: this.syncId,
      warn: (message) => this.events.log?.('WARN', message),
    });
    return options.fullRefresh ? [] : this.targets.inputStates(states);
  }

  get stats(): StreamStats[] {
    return this.targets.stats;
  }

  get isClosed(): boolean {
    return this.commits.failure !== undefined || this.refused !== undefined || this.finished;
  }

  /** The destination's own failure (a DuckDB error), if any. */
  get error(): Error | undefined {
    return this.commits.failure;
  }

  /** Why a message of the connector was refused, if one was. */
  get rejection(): string | undefined {
    return this.refused;
  }

  /** Records received from the connector. */
  get recordsRead(): number {
    return this.stats.reduce((sum, stats) => sum + stats.records, 0);
  }

  /** Rows committed. */
  get recordsWritten(): number {
    return this.stats.reduce((sum, stats) => sum + stats.written, 0);
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
    const target = this.targets.of(descriptor);
    if (target === undefined) return this.unknownStream(descriptor);
    const { stats, keyCheck } = target;
    const { batch, commits, policy } = this;
    const write = (data: object): boolean => {
      if (this.refused !== undefined) return true;
      if (commits.sealWanted) return this.hold(() => write(data));
      const missing = keyCheck?.missing(data as Record<string, unknown>);
      if (missing !== undefined)
        return this.refuseRecord(target, `it has no value for its primary key field '${missing}'`, stats.records + 1);
      const nulled = this.appendChecked(target, data);
      if (nulled === null) return true;
      target.rows++;
      if (++stats.records % SAMPLE_EVERY === 1) target.sampleSize(data);
      const nulledKey = nulled === undefined ? undefined : keyCheck?.nulled(nulled);
      if (nulledKey !== undefined)
        return this.refuseRecord(target, `the value of its primary key field ${nulledKey} does not fit its column`, stats.records);
      batch.bytes += stats.bytesPerRecord;
      if (batchIsFull(policy, ++batch.rows, batch.bytes)) this.requestSeal();
      if (++this.sinceYield >= YIELD_EVERY) return true;
      return commits.sealWanted;
    };
    return write;
  }

  writeMessage(message: AirbyteMessage): void {
    if (this.refused !== undefined) return;
    if (this.held.length > 0) {
      this.hold(() => this.writeMessage(message));
      return;
    }
    switch (message.type) {
      case 'STATE':
        this.onState(message.state);
        break;
      case 'TRACE':
        this.onTrace(message.trace);
        break;
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
    await this.commitDue();
    // Let timers (the progress view) and finished commits run between runs of records.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /**
   * Commits what was received and waits for it: everything, or, when the sync stopped early,
   * what came up to each stream's last STATE. Call once the connector is done. When a commit
   * failed, the streams it left uncommitted are marked failed, and the failure is thrown.
   */
  async finish(): Promise<void> {
    if (debugging()) this.events.log?.('DEBUG', `the connector finished at ${moment()}`);
    this.finished = true;
    await this.commitDue();
    await this.commits.settle();
    const stoppedEarly = this.interrupted || this.refused !== undefined;
    if (this.commits.failure === undefined && !this.batch.isEmpty) this.seal(stoppedEarly);
    await this.commits.settle();
    for (const target of this.targets.all) target.staging.close();
    const { failure } = this.commits;
    if (failure !== undefined) {
      for (const target of this.targets.all) target.markUncommitted(failure);
      throw failure;
    }
    if (stoppedEarly) for (const target of this.targets.all) target.markStoppedEarly();
  }

  /** Records how the sync ended. */
  async endSync(outcome: SyncOutcome): Promise<void> {
    await updateSync(this.file.writer, this.syncId, outcome, this.skipped.count);
  }

  /** Writes what the WAL holds into the database file (see final-checkpoint.ts). */
  async checkpoint(): Promise<void> {
    const started = performance.now();
    const vacuumed = await finalCheckpoint(this.file.writer, this.targets.all);
    if (debugging()) {
      const what = vacuumed ? 'with vacuum' : 'without vacuum';
      this.events.log?.('DEBUG', `final checkpoint ${what} in ${(performance.now() - started).toFixed(0)} ms`);
    }
  }

  /** Releases the file, so another sync or query can open it. */
  close(): void {
    for (const target of this.targets.all) target.staging.close();
    closeDuckDBFile(this.file);
  }

  private stateStore(): StateStore {
    if (this.states === undefined) throw new Error('the sync has not begun: call beginSync first');
    return this.states;
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
    const where = this.locate?.() ?? `record ${int(recordNumber)} of the stream`;
    const remedy = KEY_REASON.test(reason)
      ? ` (a deduplicated stream needs the primary key of every record, as Airbyte's typing and deduping does; sync the stream in append mode to keep such records)`
      : '';
    this.reject(`stream '${target.stats.label}': a record was refused (${where}): ${reason}${remedy}`);
    target.markFailed(`a record was refused (${where}): ${reason}`);
    return true;
  }

  private onState(state: AirbyteState): void {
    const { key, type } = keyOfState(state);
    this.batch.states.set(key, storable(state));
    const target = this.targets.withKey(key);
    if (target !== undefined) {
      target.stats.states++;
      target.staging.markCovered(target.rows);
    } else if (type !== 'STREAM') for (const each of this.targets.all) each.staging.markCovered(each.rows);
    if (this.batch.dueAtState(this.policy, this.targets.all, this.commits.ready)) this.requestSeal();
  }

  private onTrace(trace: AirbyteTrace): void {
    if (trace.type === 'ERROR' && trace.error) this.errors.push(trace.error);
    else if (trace.type === 'STREAM_STATUS' && trace.stream_status) {
      const { stream_descriptor: descriptor, status } = trace.stream_status;
      const target = this.targets.of(descriptor);
      if (target?.markStatus(status)) this.batch.finalize.add(target.index);
    } else if (trace.type === 'ESTIMATE' && trace.estimate?.type === 'STREAM') {
      const target = this.targets.of(trace.estimate);
      if (target && trace.estimate.row_estimate !== undefined) target.stats.estimate = trace.estimate.row_estimate;
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

  /**
   * A batch is due while a commit runs: waits for that one, seals the batch where it became due,
   * and lets in what was held meanwhile, until no batch is due (or a commit failed).
   */
  private async commitDue(): Promise<void> {
    while (this.commits.sealWanted && this.commits.failure === undefined) {
      const waitStart = performance.now();
      await this.commits.settle();
      if (debugging()) {
        const ms = (performance.now() - waitStart).toFixed(0);
        this.events.log?.('DEBUG', `the connector waited ${ms} ms for a commit, at ${moment(waitStart)}`);
      }
      // Another producer's drain may have sealed it meanwhile, and started its commit.
      if (!this.commits.sealWanted || !this.commits.ready) continue;
      this.seal();
      this.releaseHeld();
    }
  }

  /**
   * Keeps a message that came while a batch is due (see `held`); true, so that the producer waits.
   */
  private hold(message: () => void): true {
    this.held.push(message);
    return true;
  }

  /** Takes in the held messages, in order, until one of them makes a batch due again. */
  private releaseHeld(): void {
    const held = this.held.splice(0);
    for (const [index, message] of held.entries()) {
      if (this.commits.sealWanted) {
        this.held.push(...held.slice(index));
        return;
      }
      message();
    }
  }

  /** Seals the batch now if no commit is running, else as soon as the running one is done (producers wait). */
  private requestSeal(): void {
    if (this.commits.ready) this.seal();
    else this.commits.sealWanted = true;
  }

  /** Hands the batch to a commit; `upToStates`: it keeps only what came up to each stream's last STATE. */
  private seal(upToStates = false): void {
    this.commits.sealWanted = false;
    if (this.batch.isEmpty) return;
    const batch = this.batch.seal(this.targets.all, upToStates);
    const { writer, loader } = this.file;
    const log = this.events.log;
    this.commits.start(
      commitBatch(batch, {
        writer,
        loader,
        syncId: this.syncId,
        targets: this.targets,
        states: this.stateStore(),
        committed: debugging() && log ? async (done, started) => log('DEBUG', await describeCommit(writer, done, started)) : undefined,
      }),
    );
  }
}
