import { errorTraceFor } from '../../errors/error-trace.js';
import type { JsonSchema } from '../../protocol/json-schema.js';
import { errorTraceMessage, rateLimitedMessage, streamStatusMessage } from '../../protocol/messages.js';
import type { ConfiguredAirbyteStream, StreamDescriptor } from '../../protocol/types.js';
import { InvalidCursorStateError } from '../../state/max-cursor.js';
import { assertStateCursorsParse } from '../../state/state-cursor-check.js';
import { FULL_REFRESH_COMPLETE_KEY, isMarkerOnlyState, NO_CURSOR_STATE_KEY } from '../../state/state-markers.js';
import { StreamCheckpointer } from '../../state/stream-checkpointer.js';
import type { StreamSlice, StreamState } from '../../state/stream-state.js';
import { normalizeCursorField } from '../../streams/primary-key.js';
import type { ReadOptions, SliceOptions } from '../../streams/read-options.js';
import type { Stream } from '../../streams/stream.js';
import { streamSchema } from '../discover-entry.js';
import type { ReadContext } from './read-context.js';
import { closeRecords, openRecords, pumpRecords, type RecordSink } from './record-pump.js';
import { recordWriterForStream } from './record-writer-for-stream.js';

/** One slice handed out to be read; `index` is its position in the stream's slice order. */
export interface SliceTask {
  index: number;
  slice: StreamSlice | undefined;
}

/** Records pumped between two looks at abort and checkpoint conditions. */
const PUMP_RUN = 4096;

/**
 * The read of one configured stream: its slices, its checkpoints and its statuses. The
 * scheduler asks it for slices and reads them, one at a time or several at once; this class
 * makes sure every STATE it writes is a point that is safe to resume from:
 * - slices read one at a time: the stream's state after each slice, and every
 *   `stateCheckpointInterval` records inside a slice (the author declares records sorted);
 * - slices read concurrently: only `sliceState(slice)` of the last slice of a completed prefix
 *   (every slice before it is done), never a state from inside a slice;
 * - a plain full refresh ends with `__ab_no_cursor_state_message`, a resumable one with
 *   `__ab_full_refresh_sync_complete`.
 */
export class StreamRead {
  readonly checkpointer: StreamCheckpointer;
  /** How many of this stream's slices may be read at the same time. */
  readonly maxParallelSlices: number;
  /** Streams of one group never have slices in flight at the same time (see `Stream.concurrencyGroup`). */
  readonly group: string | undefined;
  inFlight = 0;
  private readonly incremental: boolean;
  private readonly cursorField: string[] | undefined;
  private readonly resumable: boolean;
  private readonly hasStateMember: boolean;
  private readonly updater: ((current: StreamState, latest: object) => StreamState) | undefined;
  private readonly perSliceState: boolean;
  private readonly startState: StreamState;
  private tracked: StreamState;
  private readonly interval: number;
  private readonly limit: number;
  private readonly controller = new AbortController();
  private sink: RecordSink | undefined;
  private slices: Iterator<StreamSlice | undefined> | AsyncIterator<StreamSlice | undefined> | undefined;
  private slicesExhausted = false;
  private taking = false;
  private nextIndex = 0;
  /** Concurrent mode: slices done out of order, waiting for the ones before them. */
  private readonly doneAhead = new Map<number, StreamSlice | undefined>();
  private completedPrefix = 0;
  private stoppedMidSlice = false;
  private pendingState: StreamState | undefined;
  private started = false;
  private finished = false;
  private running = false;
  private error: unknown;

  constructor(
    private readonly stream: Stream<object>,
    private readonly configured: ConfiguredAirbyteStream,
    readonly descriptor: StreamDescriptor,
    private readonly context: ReadContext,
    inputState: StreamState | undefined,
  ) {
    this.incremental = configured.sync_mode === 'incremental';
    this.cursorField = this.incremental ? cursorFieldFor(stream, configured) : undefined;
    this.resumable = !this.incremental && stream.supportsResumableFullRefresh === true;
    this.hasStateMember = 'state' in stream;
    this.updater = typeof stream.getUpdatedState === 'function' ? stream.getUpdatedState.bind(stream) : undefined;
    this.perSliceState = this.incremental || this.hasStateMember || this.updater !== undefined || typeof stream.sliceState === 'function';
    const stateless = !this.hasStateMember && this.updater === undefined && !this.resumable;
    const concurrentSafe = stateless || typeof stream.sliceState === 'function';
    this.group = typeof stream.concurrencyGroup === 'string' ? stream.concurrencyGroup : undefined;
    this.maxParallelSlices = stream.concurrent !== false && concurrentSafe && this.group === undefined ? Number.POSITIVE_INFINITY : 1;
    this.startState =
      (this.incremental || this.resumable) && !isMarkerOnlyState(inputState) ? structuredClone(inputState as StreamState) : {};
    this.tracked = this.startState;
    this.interval = positiveInteger(stream.stateCheckpointInterval) ?? Number.POSITIVE_INFINITY;
    this.limit = context.internal.limit ?? Number.POSITIVE_INFINITY;
    this.checkpointer = new StreamCheckpointer(context.writer, descriptor);
    const abortOnStop = () => this.controller.abort(context.signal.reason);
    if (context.signal.aborted) abortOnStop();
    else context.signal.addEventListener('abort', abortOnStop, { once: true });
  }

  /** True while the scheduler may ask for another slice. */
  get canTakeSlice(): boolean {
    return (
      !this.finished &&
      !this.slicesExhausted &&
      !this.taking &&
      this.error === undefined &&
      !this.controller.signal.aborted &&
      this.inFlight < this.maxParallelSlices
    );
  }

  /** True once every slice was handed out and read (or the read failed) and nothing is in flight. */
  get isDone(): boolean {
    return (
      !this.finished &&
      this.inFlight === 0 &&
      !this.taking &&
      (this.slicesExhausted || this.error !== undefined || this.controller.signal.aborted)
    );
  }

  /** True while a slice is in flight or being fetched from `streamSlices()`. */
  get isBusy(): boolean {
    return this.inFlight > 0 || this.taking;
  }

  get failed(): boolean {
    return this.error !== undefined;
  }

  /** The next slice to read, or undefined when there are no more (or the stream failed). */
  async takeSlice(): Promise<SliceTask | undefined> {
    this.taking = true;
    try {
      if (!this.started) await this.start();
      if (this.sink !== undefined && this.sink.counts.total >= this.limit) {
        this.slicesExhausted = true;
        return undefined;
      }
      const step = await (this.slices as Iterator<StreamSlice | undefined>).next();
      if (step.done) {
        this.slicesExhausted = true;
        return undefined;
      }
      this.inFlight++;
      return { index: this.nextIndex++, slice: step.value };
    } catch (error) {
      this.fail(error);
      return undefined;
    } finally {
      this.taking = false;
    }
  }

  /** Reads one slice to its end; a failure marks the whole stream failed (and stops its other slices). */
  async readSlice(task: SliceTask): Promise<void> {
    try {
      await this.pumpSlice(task);
      if (this.error === undefined && !this.controller.signal.aborted) this.sliceCompleted(task);
    } catch (error) {
      this.fail(error);
    } finally {
      this.inFlight--;
    }
  }

  /** Writes the stream's final state and its terminal status. Called once, when `isDone`. */
  finish(): void {
    this.finished = true;
    // A stream that stops early (failure, `_limit`, abort) lets its slice generator clean up
    // (a sub-stream's parent cache, say) by returning it.
    if (!this.slicesExhausted) void Promise.resolve(this.slices?.return?.()).catch(() => undefined);
    const { writer } = this.context;
    if (!this.started && this.error === undefined) return;
    // A state held back by `checkpointIntervalMs` was safe when computed: keep that progress.
    if (this.pendingState !== undefined && !writer.isClosed) this.checkpoint(this.pendingState, true);
    if (this.error !== undefined) {
      writer.writeMessage(streamStatusMessage(this.descriptor, 'INCOMPLETE'));
      writer.writeMessage(errorTraceMessage(errorTraceFor(this.error, this.descriptor)));
      return;
    }
    if (this.controller.signal.aborted || writer.isClosed) return;
    if (this.resumable && !this.stoppedMidSlice) this.checkpointer.emit({ [FULL_REFRESH_COMPLETE_KEY]: true });
    else if (!this.perSliceState && !this.resumable) this.checkpointer.emit({ [NO_CURSOR_STATE_KEY]: true });
    else if (this.checkpointer.stateCount === 0) this.checkpointer.emit(this.stoppedMidSlice ? this.startState : this.currentState());
    writer.writeMessage(streamStatusMessage(this.descriptor, 'COMPLETE'));
  }

  private async start(): Promise<void> {
    this.started = true;
    const { writer, logger } = this.context;
    writer.writeMessage(streamStatusMessage(this.descriptor, 'STARTED'));
    if (this.cursorField !== undefined && Object.keys(this.startState).length > 0) {
      const schema = await streamSchema(this.stream).catch(() => undefined);
      if (schema !== undefined) assertStateCursorsParse(this.descriptor.name, this.startState, this.cursorField, schema);
    }
    if (this.hasStateMember && (this.incremental || this.resumable)) this.stream.state = structuredClone(this.startState);
    this.sink = {
      sink: writer,
      write: await recordWriterForStream(this.stream, this.descriptor, catalogSchema(this.configured), writer, logger),
      beforeFirst: () => {
        if (this.running) return;
        this.running = true;
        writer.writeMessage(streamStatusMessage(this.descriptor, 'RUNNING'));
      },
      observe: this.updater === undefined ? undefined : (record) => this.observe(record),
      counts: this.checkpointer.counts,
      limit: this.limit,
      streamName: this.descriptor.name,
    };
    const options: SliceOptions = {
      syncMode: this.configured.sync_mode,
      state: this.currentState(),
      logger,
      signal: this.controller.signal,
      reportRateLimited: (event) => writer.writeMessage(rateLimitedMessage(this.descriptor, event.quotaResetAt)),
    };
    if (this.cursorField) options.cursorField = this.cursorField;
    const slices = typeof this.stream.streamSlices === 'function' ? await this.stream.streamSlices(options) : [undefined];
    this.slices =
      Symbol.asyncIterator in slices
        ? (slices as AsyncIterable<StreamSlice | undefined>)[Symbol.asyncIterator]()
        : (slices as Iterable<StreamSlice | undefined>)[Symbol.iterator]();
  }

  private async pumpSlice(task: SliceTask): Promise<void> {
    const sink = this.sink as RecordSink;
    const { writer, logger } = this.context;
    const signal = this.controller.signal;
    const concurrent = this.maxParallelSlices > 1;
    const options: ReadOptions = {
      syncMode: this.configured.sync_mode,
      state: this.currentState(),
      logger,
      signal,
      checkpoint: (state) => {
        this.tracked = state;
        this.checkpoint(state);
      },
      reportRateLimited: (event) => writer.writeMessage(rateLimitedMessage(this.descriptor, event.quotaResetAt)),
    };
    if (this.cursorField) options.cursorField = this.cursorField;
    if (task.slice !== undefined) options.slice = task.slice;
    const records = openRecords(await this.stream.readRecords(options), this.descriptor.name);
    try {
      while (!records.done) {
        const untilCheckpoint = concurrent ? PUMP_RUN : this.interval - sink.counts.sinceState;
        await pumpRecords(records, sink, Math.min(PUMP_RUN, untilCheckpoint));
        await yieldToEventLoop();
        if (writer.isClosed || signal.aborted || this.error !== undefined) return;
        if (sink.counts.total >= this.limit && !records.done) {
          this.stoppedMidSlice = true;
          this.slicesExhausted = true;
          return;
        }
        if (!concurrent && !records.done && sink.counts.sinceState >= this.interval) this.checkpoint(this.currentState());
      }
    } catch (error) {
      // With a checkpoint interval the author declared records sorted by cursor, so the state
      // reached so far is safe to resume from: keep it rather than lose the progress.
      if (!concurrent && this.interval !== Number.POSITIVE_INFINITY && this.perSliceState && sink.counts.sinceState > 0) {
        this.checkpointer.emit(this.currentState());
      }
      throw error;
    } finally {
      await closeRecords(records);
    }
  }

  private sliceCompleted(task: SliceTask): void {
    if (this.stoppedMidSlice) return;
    const sliceState = this.stream.sliceState;
    if (this.maxParallelSlices === 1) {
      if (!this.perSliceState) return;
      const tracksItself = this.hasStateMember || this.updater !== undefined;
      if (!tracksItself && typeof sliceState === 'function' && task.slice !== undefined)
        this.tracked = sliceState.call(this.stream, task.slice);
      this.checkpoint(this.currentState());
      return;
    }
    if (typeof sliceState !== 'function') return;
    this.doneAhead.set(task.index, task.slice);
    let last: { slice: StreamSlice | undefined } | undefined;
    while (this.doneAhead.has(this.completedPrefix)) {
      last = { slice: this.doneAhead.get(this.completedPrefix) };
      this.doneAhead.delete(this.completedPrefix);
      this.completedPrefix++;
    }
    if (last !== undefined && last.slice !== undefined) {
      this.tracked = sliceState.call(this.stream, last.slice);
      this.checkpoint(this.tracked);
    }
  }

  /**
   * Writes a safe state now, or holds it back while the stream's `checkpointIntervalMs` has not
   * passed since its previous STATE (the newest held-back state is written at the end).
   */
  private checkpoint(state: StreamState, force = false): void {
    const minimumMs = positiveInteger(this.stream.checkpointIntervalMs);
    if (!force && minimumMs !== undefined && Date.now() - this.checkpointer.lastEmittedAt < minimumMs) {
      this.pendingState = state;
      return;
    }
    this.pendingState = undefined;
    this.checkpointer.emit(state);
  }

  private observe(record: object): void {
    this.tracked = (this.updater as NonNullable<StreamRead['updater']>)(this.tracked, record);
  }

  private currentState(): StreamState {
    if (this.hasStateMember && this.maxParallelSlices === 1) return this.stream.state ?? {};
    return this.tracked;
  }

  private fail(error: unknown): void {
    if (this.error !== undefined) return;
    // Stopped from outside (a signal, the runner): what fails after that is the stop, not the stream.
    if (this.context.signal.aborted) return;
    this.error = error instanceof InvalidCursorStateError ? error.forStream(this.descriptor.name) : error;
    this.controller.abort(error);
  }
}

/**
 * Lets timers, I/O and signal handlers run between two pump runs. A synchronous generator
 * writing to a file (stdout as a file is written synchronously) never awaits anything else, so
 * without this a SIGTERM would only be seen once the whole read is over.
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The source-defined cursor wins; otherwise the one the user chose in the catalog. */
function cursorFieldFor(stream: Stream<object>, configured: ConfiguredAirbyteStream): string[] | undefined {
  const own = normalizeCursorField(stream.cursorField);
  if (own.length > 0) return own;
  return configured.cursor_field && configured.cursor_field.length > 0 ? configured.cursor_field : undefined;
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** The schema the catalog gives for the stream, when it is a usable object. */
function catalogSchema(configured: ConfiguredAirbyteStream): JsonSchema | undefined {
  const schema = configured.stream.json_schema;
  return typeof schema === 'object' && schema !== null && !Array.isArray(schema) ? schema : undefined;
}
