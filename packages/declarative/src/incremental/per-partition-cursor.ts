// The CDK's ConcurrentPerPartitionCursor: one concurrent cursor per partition of the router, a
// global cursor value (the newest record cursor seen, committed when the stream ends), the parents'
// state committed once every partition generated before it is done, and a state message written
// at most every 10 minutes while reading (the first close always writes) and once at the end:
// {use_global_cursor, states: [{partition, cursor}], state, lookback_window, parent_state}.
import type { PlainDict, PyValue } from '../interpolation/values/object.js';
import type { PartitionRouter } from '../partitions/partition-router.js';
import { makeSlice, plainOf, type StreamSlice } from '../slices/stream-slice.js';
import type { ConcurrentCursor } from './concurrent-cursor.js';
import type { Cursor, StreamStateBlob } from './cursor.js';
import { CursorValueError, type CursorValues } from './cursor-values.js';
import { partitionKey, partitionOfKey } from './partition-key.js';
import { PartitionProgress } from './partition-progress.js';

const MAX_PARTITIONS = 25_000;
const SWITCH_TO_GLOBAL_LIMIT = 10_000;
const THROTTLE_SECONDS = 600;

export interface PerPartitionCursorOptions<V> {
  readonly router: PartitionRouter;
  /** A partition's cursor from its state, with the lookback (seconds) to apply to it. */
  readonly createCursor: (state: StreamStateBlob, lookbackSeconds: number) => ConcurrentCursor<V>;
  readonly values: CursorValues<V>;
  readonly cursorField: string;
  readonly useGlobalCursor: boolean;
  readonly state: StreamStateBlob;
  /** The wall clock in seconds (time.time(); also the timer of the lookback window). */
  readonly now: () => number;
  readonly warn?: (message: string) => void;
}

export class PerPartitionCursor<V> implements Cursor {
  readonly cursorField: string;
  private readonly cursors = new Map<string, ConcurrentCursor<V>>();
  private readonly progress = new PartitionProgress();
  private useGlobal: boolean;
  private globalCursor: PlainDict | null = {};
  private newGlobalCursor: PlainDict | null = null;
  private parentState: PlainDict | null = null;
  private lookbackWindow = 0;
  private partitionCount = 0;
  private lastEmission = 0;
  private timerStart: number | null = null;
  private syncedSomeData = false;

  constructor(private readonly options: PerPartitionCursorOptions<V>) {
    this.cursorField = options.cursorField;
    this.useGlobal = options.useGlobalCursor;
    this.setInitialState(options.state);
  }

  get state(): StreamStateBlob {
    const state: StreamStateBlob = { use_global_cursor: this.useGlobal };
    if (!this.useGlobal) {
      const states: PyValue[] = [];
      for (const [key, cursor] of this.cursors) states.push({ partition: partitionOfKey(key), cursor: structuredClone(cursor.state) });
      state.states = states;
    }
    if (this.globalCursor !== null && Object.keys(this.globalCursor).length > 0) state.state = this.globalCursor;
    state.lookback_window = this.lookbackWindow;
    if (this.parentState !== null) state.parent_state = this.parentState;
    return state;
  }

  async *streamSlices(): AsyncIterable<StreamSlice> {
    if (this.timerStart !== null) throw new Error('stream_slices has been executed more than once.');
    const iterator = this.options.router.streamSlices()[Symbol.asyncIterator]();
    this.timerStart = this.options.now();
    let current = await iterator.next();
    if (current.done) return;
    let parentState = this.options.router.getStreamState();
    for (;;) {
      const next = await iterator.next();
      yield* this.slicesOfPartition(current.value, parentState);
      if (next.done) return;
      current = next;
      parentState = this.options.router.getStreamState();
    }
  }

  private *slicesOfPartition(partition: StreamSlice, parentState: PlainDict | null): Generator<StreamSlice> {
    this.ensurePartitionLimit();
    const key = partitionKey(plainOf(partition.partition));
    let cursor = this.cursors.get(key);
    if (cursor === undefined) {
      cursor = this.newCursor(this.globalCursor, this.hasGlobal() ? this.lookbackWindow : 0);
      this.partitionCount++;
      this.cursors.set(key, cursor);
    }
    if (!this.progress.start(key, parentState)) {
      this.options.warn?.('Partition duplication detected');
      return;
    }
    const slices = [...cursor.slices()];
    for (let i = 0; i < slices.length; i++) {
      this.progress.sliceGenerated(key, i === slices.length - 1);
      yield makeSlice(partition.partition, slices[i].cursorSlice, partition.extraFields);
    }
  }

  observe(record: Record<string, unknown>, slice: StreamSlice): void {
    const raw = Object.hasOwn(record, this.cursorField) ? record[this.cursorField] : null;
    if (!this.useGlobal) this.cursors.get(partitionKey(plainOf(slice.partition)))?.observe(record, slice);
    if (raw === null || raw === undefined) return;
    const { values } = this.options;
    let value: PyValue;
    try {
      value = values.format(values.parse(raw)) as PyValue;
    } catch (error) {
      // A value none of the cursor's formats reads moves no cursor (the CDK's run of such records completes).
      if (error instanceof CursorValueError) return;
      throw error;
    }
    this.syncedSomeData = true;
    this.updateGlobalCursor(value);
  }

  closePartition(slice: StreamSlice): StreamStateBlob | null {
    const key = partitionKey(plainOf(slice.partition));
    this.progress.sliceClosed(key);
    if (!this.useGlobal) {
      const cursor = this.cursors.get(key)!;
      cursor.closePartition(slice);
      if (this.progress.isDone(key)) this.updateGlobalCursor(cursor.state[this.cursorField] ?? null);
    }
    this.progress.cleanUp(key);
    const committed = this.progress.committableParentState();
    if (committed !== null && committed.state !== null) this.parentState = committed.state;
    return this.throttledState();
  }

  ensureAtLeastOneStateEmitted(): StreamStateBlob {
    if (!this.progress.hasOpenSlices()) {
      if (this.syncedSomeData) {
        this.globalCursor = this.newGlobalCursor;
        this.lookbackWindow = Math.max(0, Math.ceil(this.options.now() - (this.timerStart ?? this.options.now())));
      }
      this.parentState = this.options.router.getStreamState();
    }
    return this.state;
  }

  shouldBeSynced(record: Record<string, unknown>, slice: StreamSlice | null): boolean {
    if (slice === null) throw new Error('Invalid state as stream slices that are emitted should refer to an existing cursor');
    const existing = this.useGlobal ? undefined : this.cursors.get(partitionKey(plainOf(slice.partition)));
    const cursor = existing ?? this.newCursor(this.globalCursor, this.hasGlobal() ? this.lookbackWindow : 0);
    return cursor.shouldBeSynced(record);
  }

  private throttledState(): StreamStateBlob | null {
    const now = this.options.now();
    if (now - this.lastEmission <= THROTTLE_SECONDS) return null;
    this.lastEmission = now;
    if (this.useGlobal && (this.parentState === null || Object.keys(this.parentState).length === 0)) return null;
    return this.state;
  }

  private updateGlobalCursor(value: PyValue): void {
    const current = this.newGlobalCursor?.[this.cursorField];
    if (this.newGlobalCursor === null || lessThan(current ?? null, value))
      this.newGlobalCursor = { [this.cursorField]: structuredClone(value) };
  }

  private hasGlobal(): boolean {
    return this.globalCursor !== null && Object.keys(this.globalCursor).length > 0;
  }

  private newCursor(state: PlainDict | null, lookbackSeconds: number): ConcurrentCursor<V> {
    return this.options.createCursor(structuredClone(state ?? {}), lookbackSeconds);
  }

  private setInitialState(state: StreamStateBlob): void {
    if (Object.keys(state).length === 0) return;
    if (!Object.hasOwn(state, 'states') && !Object.hasOwn(state, 'state')) this.setGlobalState(state);
    else {
      this.useGlobal = state.use_global_cursor === true;
      this.lookbackWindow = Math.trunc(Number(state.lookback_window ?? 0));
      for (const entry of (state.states ?? []) as PlainDict[]) {
        this.partitionCount++;
        this.cursors.set(partitionKey(entry.partition as Record<string, unknown>), this.newCursor(entry.cursor as PlainDict, 0));
      }
      if (Object.hasOwn(state, 'state')) this.setGlobalState(state.state as PlainDict);
    }
    const parentState = state.parent_state;
    if (parentState !== undefined && parentState !== null && Object.keys(parentState as PlainDict).length > 0)
      this.parentState = parentState as PlainDict;
    this.options.router.setInitialState(state);
  }

  private setGlobalState(state: PlainDict): void {
    if (!Object.hasOwn(state, this.cursorField)) return;
    const { values } = this.options;
    const value = values.format(values.parse(state[this.cursorField])) as PyValue;
    this.globalCursor = { [this.cursorField]: value };
    this.newGlobalCursor = { [this.cursorField]: value };
  }

  private ensurePartitionLimit(): void {
    if (!this.useGlobal && this.partitionCount > SWITCH_TO_GLOBAL_LIMIT) {
      this.options.warn?.(`Exceeded the 'SWITCH_TO_GLOBAL_LIMIT' of ${SWITCH_TO_GLOBAL_LIMIT}. Switching to global cursor.`);
      this.useGlobal = true;
    }
    while (this.cursors.size > MAX_PARTITIONS - 1) {
      const finished = [...this.cursors.keys()].find((key) => !this.progress.isTracked(key));
      this.cursors.delete(finished ?? this.cursors.keys().next().value!);
    }
  }
}

/** Python's `<` on two cursor values (text compares as text, numbers as numbers). */
function lessThan(a: PyValue, b: PyValue): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a < b;
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  return String(a) < String(b);
}
