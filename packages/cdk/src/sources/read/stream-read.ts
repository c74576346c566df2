import { errorTraceFor } from '../../errors/error-trace.js';
import { errorTraceMessage, rateLimitedMessage, streamStatusMessage } from '../../protocol/messages.js';
import type { ConfiguredAirbyteStream, StreamDescriptor } from '../../protocol/types.js';
import { InvalidCursorStateError } from '../../state/max-cursor.js';
import { assertStateCursorsParse } from '../../state/state-cursor-check.js';
import { FULL_REFRESH_COMPLETE_KEY, NO_CURSOR_STATE_KEY } from '../../state/state-markers.js';
import { StreamCheckpointer } from '../../state/stream-checkpointer.js';
import type { StreamState } from '../../state/stream-state.js';
import type { ReadOptions, SliceOptions } from '../../streams/read-options.js';
import type { Stream } from '../../streams/stream.js';
import { streamSchema } from '../../streams/stream-schema.js';
import type { ReadContext } from './read-context.js';
import { planStreamRead, type ReadPlan } from './read-plan.js';
import { ReadState } from './read-state.js';
import { closeRecords, openRecords, pumpRecords, type RecordSink } from './record-pump.js';
import { recordWriterForStream } from './record-writer-for-stream.js';
import { CompletedPrefix, SliceFeed, type SliceTask } from './slice-feed.js';

export type { SliceTask } from './slice-feed.js';

/** Records pumped between two looks at abort and checkpoint conditions. */
const PUMP_RUN = 4096;

/**
 * Where the read of a stream is, by what it has written:
 * - `waiting`: nothing yet (no slice was asked for);
 * - `started`: its STARTED status; its slices are being handed out and read;
 * - `running`: its RUNNING status too (its first record came);
 * - `finished`: its final state and terminal status (COMPLETE or INCOMPLETE with its error),
 *   or nothing at all when it never started.
 */
export type StreamReadPhase = 'waiting' | 'started' | 'running' | 'finished';

/**
 * The read of one configured stream: its slices, its checkpoints and its statuses. The
 * scheduler asks it for slices and reads them, one at a time or several at once; this class
 * makes sure every STATE it writes is a point that is safe to resume from:
 * - slices read one at a time: the stream's state after each slice, and every
 *   `checkpointIntervalRecords` records inside a slice (the author declares records sorted);
 * - slices read concurrently: only `sliceState(slice)` of the last slice of a completed prefix
 *   (every slice before it is done), never a state from inside a slice;
 * - a plain full refresh ends with `__ab_no_cursor_state_message`, a resumable one with
 *   `__ab_full_refresh_sync_complete`;
 * - a stream that defines `finalState()` writes its own: its checkpoints, then its final state
 *   (after a failure too).
 */
export class StreamRead {
  /** Streams of one group never have slices in flight at the same time (see `Stream.concurrencyGroup`). */
  readonly group: string | undefined;
  inFlight = 0;
  private phase: StreamReadPhase = 'waiting';
  private readonly plan: ReadPlan;
  private readonly state: ReadState;
  private readonly slices = new SliceFeed();
  private readonly completed = new CompletedPrefix();
  private readonly controller = new AbortController();
  /** The stream stops after this many records (the `_limit` config key). */
  private readonly limit: number;
  private sink: RecordSink | undefined;
  private error: unknown;

  constructor(
    private readonly stream: Stream<object>,
    private readonly configured: ConfiguredAirbyteStream,
    readonly descriptor: StreamDescriptor,
    private readonly context: ReadContext,
    inputState: StreamState | undefined,
  ) {
    this.plan = planStreamRead(stream, configured);
    this.group = this.plan.group;
    this.state = new ReadState(stream, this.plan, inputState, new StreamCheckpointer(context.writer, descriptor));
    this.limit = context.internal.limit ?? Number.POSITIVE_INFINITY;
    const abortOnStop = () => this.controller.abort(context.signal.reason);
    if (context.signal.aborted) abortOnStop();
    else context.signal.addEventListener('abort', abortOnStop, { once: true });
  }

  /** True while the scheduler may ask for another slice. */
  get canTakeSlice(): boolean {
    return (
      this.phase !== 'finished' &&
      this.slices.isOpen &&
      !this.slices.fetching &&
      !this.stopped &&
      this.inFlight < this.plan.maxParallelSlices
    );
  }

  /** True once every slice was handed out and read (or the read failed) and nothing is in flight. */
  get isDone(): boolean {
    return this.phase !== 'finished' && this.inFlight === 0 && !this.slices.fetching && (!this.slices.isOpen || this.stopped);
  }

  /** True while a slice is in flight or being fetched from `streamSlices()`. */
  get isBusy(): boolean {
    return this.inFlight > 0 || this.slices.fetching;
  }

  get failed(): boolean {
    return this.error !== undefined;
  }

  /** The next slice to read, or undefined when there are no more (or the stream failed). */
  async takeSlice(): Promise<SliceTask | undefined> {
    this.slices.fetching = true;
    try {
      if (this.phase === 'waiting') await this.start();
      if (this.sink !== undefined && this.sink.counts.total >= this.limit) {
        this.slices.stop(false);
        return undefined;
      }
      const task = await this.slices.next();
      if (task !== undefined) this.inFlight++;
      return task;
    } catch (error) {
      this.fail(error);
      return undefined;
    } finally {
      this.slices.fetching = false;
    }
  }

  /** Reads one slice to its end; a failure marks the whole stream failed (and stops its other slices). */
  async readSlice(task: SliceTask): Promise<void> {
    try {
      await this.pumpSlice(task);
      if (!this.stopped) this.sliceCompleted(task);
    } catch (error) {
      this.fail(error);
    } finally {
      this.inFlight--;
    }
  }

  /** Writes the stream's final state and its terminal status. Called once, when `isDone`. */
  finish(): void {
    const started = this.phase !== 'waiting';
    this.phase = 'finished';
    // A stream that stops early (failure, abort) lets its slice generator clean up (a sub-stream's parent cache, say).
    this.slices.close();
    const { writer } = this.context;
    if (!started && this.error === undefined) return;
    if (!writer.isClosed) this.state.flushPending();
    if (this.error !== undefined) {
      if (this.plan.ownsCheckpoints && !writer.isClosed) this.writeOwnFinalState();
      writer.writeMessage(streamStatusMessage(this.descriptor, 'INCOMPLETE'));
      writer.writeMessage(errorTraceMessage(errorTraceFor(this.error, this.descriptor)));
      return;
    }
    if (this.controller.signal.aborted || writer.isClosed) return;
    this.writeFinalState();
    writer.writeMessage(streamStatusMessage(this.descriptor, 'COMPLETE'));
  }

  /** Failed, or stopped from outside. */
  private get stopped(): boolean {
    return this.error !== undefined || this.controller.signal.aborted;
  }

  private async start(): Promise<void> {
    this.phase = 'started';
    const { writer } = this.context;
    writer.writeMessage(streamStatusMessage(this.descriptor, 'STARTED'));
    const { cursorField } = this.plan;
    // A stream that writes its own states reads them itself; the CDK checks only the states it wrote.
    if (cursorField !== undefined && !this.plan.ownsCheckpoints && Object.keys(this.state.start).length > 0) {
      const schema = await streamSchema(this.stream).catch(() => undefined);
      if (schema !== undefined) assertStateCursorsParse(this.descriptor.name, this.state.start, cursorField, schema);
    }
    this.state.load();
    this.sink = await this.recordSink();
    const options: SliceOptions = { ...this.commonOptions(), state: this.state.current() };
    this.slices.open(typeof this.stream.streamSlices === 'function' ? await this.stream.streamSlices(options) : [undefined]);
  }

  /** Where the stream's records go: normalised and serialized for the writer, counted, seen by `getUpdatedState`. */
  private async recordSink(): Promise<RecordSink> {
    const { writer, logger } = this.context;
    return {
      sink: writer,
      write: await recordWriterForStream(this.stream, this.descriptor, writer, logger),
      beforeFirst: () => {
        if (this.phase !== 'started') return;
        this.phase = 'running';
        writer.writeMessage(streamStatusMessage(this.descriptor, 'RUNNING'));
      },
      observe: this.plan.updater === undefined ? undefined : (record) => this.state.observe(record),
      counts: this.state.checkpointer.counts,
      limit: this.limit,
      streamName: this.descriptor.name,
    };
  }

  /** What `streamSlices()` and every `readRecords()` of the stream receive. */
  private commonOptions(): SliceOptions {
    const { writer, logger } = this.context;
    const options: SliceOptions = {
      syncMode: this.configured.sync_mode,
      logger,
      signal: this.controller.signal,
      reportRateLimited: (event) => writer.writeMessage(rateLimitedMessage(this.descriptor, event.quotaResetAt)),
    };
    if (this.plan.cursorField) options.cursorField = this.plan.cursorField;
    return options;
  }

  private async pumpSlice(task: SliceTask): Promise<void> {
    const sink = this.sink as RecordSink;
    const interval = this.plan.recordsPerCheckpoint;
    const concurrent = this.plan.maxParallelSlices > 1;
    const options: ReadOptions = {
      ...this.commonOptions(),
      state: this.state.current(),
      checkpoint: (state) => {
        this.state.track(state);
        this.state.checkpoint(state);
      },
    };
    if (task.slice !== undefined) options.slice = task.slice;
    const records = openRecords(await this.stream.readRecords(options), this.descriptor.name);
    try {
      while (!records.done) {
        await pumpRecords(records, sink, Math.min(PUMP_RUN, concurrent ? PUMP_RUN : interval - sink.counts.sinceState));
        await yieldToEventLoop();
        if (this.context.writer.isClosed || this.stopped) return;
        if (sink.counts.total >= this.limit && !records.done) {
          this.slices.stop(true);
          return;
        }
        if (!concurrent && !records.done && sink.counts.sinceState >= interval) this.state.checkpoint(this.state.current());
      }
    } catch (error) {
      // With a checkpoint interval the author declared records sorted by cursor, so the state
      // reached so far is safe to resume from: keep it rather than lose the progress.
      if (!concurrent && interval !== Number.POSITIVE_INFINITY && this.plan.perSliceState && sink.counts.sinceState > 0) {
        this.state.checkpointer.emit(this.state.current());
      }
      throw error;
    } finally {
      await closeRecords(records);
    }
  }

  private sliceCompleted(task: SliceTask): void {
    if (this.slices.status === 'stopped-mid-slice') return;
    const sliceState = this.stream.sliceState;
    const { plan, state } = this;
    if (plan.maxParallelSlices === 1) {
      if (!plan.perSliceState) return;
      const tracksItself = plan.keepsState || plan.updater !== undefined;
      if (!tracksItself && typeof sliceState === 'function' && task.slice !== undefined)
        state.track(sliceState.call(this.stream, task.slice));
      state.checkpoint(state.current());
      return;
    }
    if (typeof sliceState !== 'function') return;
    const last = this.completed.complete(task);
    if (last !== undefined && last.slice !== undefined) {
      const safe = sliceState.call(this.stream, last.slice);
      state.track(safe);
      state.checkpoint(safe);
    }
  }

  /** The last STATE of a stream read to its end: the end marker, or its state if it wrote none yet. */
  private writeFinalState(): void {
    const { plan, state } = this;
    const midSlice = this.slices.status === 'stopped-mid-slice';
    if (plan.ownsCheckpoints) this.writeOwnFinalState();
    else if (plan.resumable && !midSlice) state.checkpointer.emit({ [FULL_REFRESH_COMPLETE_KEY]: true });
    else if (!plan.perSliceState && !plan.resumable) state.checkpointer.emit({ [NO_CURSOR_STATE_KEY]: true });
    else if (state.checkpointer.stateCount === 0) state.checkpointer.emit(midSlice ? state.start : state.current());
  }

  /** The last STATE of a stream that writes its own. */
  private writeOwnFinalState(): void {
    const final = this.stream.finalState?.();
    if (final !== undefined) this.state.checkpoint(final, true);
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
