// The CDK's ConcurrentCursor with sequential state, as declarative incremental streams use it:
// the synced intervals start from the state (`{cursor_field: value}` from a previous sync, or the
// concurrent `{state_type, slices}` form), slices cover what is left up to the end, each closed
// slice adds its interval, and the state written is `{cursor_field: latest complete value}` in
// the cursor's output format (the incoming state's other keys kept, as the CDK keeps them).
import { MISSING, type PlainDict, type PyValue } from '../interpolation/values/object.js';
import { makeSlice, type StreamSlice, sliceValue } from '../slices/stream-slice.js';
import type { Cursor, StreamStateBlob } from './cursor.js';
import { CursorValueError, type CursorValues } from './cursor-values.js';
import { type Interval, latestCompleteValue, mergeIntervals, truthyValue } from './intervals.js';
import { type RangeArithmetic, splitRange } from './slice-ranges.js';

export interface ConcurrentCursorOptions<V> {
  readonly values: CursorValues<V>;
  readonly cursorField: string;
  /** The slice keys of a range (`start_time`/`end_time` by default); null for IncrementingCountCursor. */
  readonly boundaryFields: readonly [string, string] | null;
  readonly start: V | null;
  readonly end: () => V;
  readonly stepFrom: ((lower: V) => V | null) | null;
  readonly lookback: ((value: V) => V) | null;
  readonly granularity: { plus(value: V): V; minus(value: V): V } | null;
  readonly clamp: (value: V) => V;
  readonly state: StreamStateBlob;
  readonly warn?: (message: string) => void;
}

export class ConcurrentCursor<V> implements Cursor {
  readonly cursorField: string;
  /** The sync's start: the state's value when it is later than the configured start. */
  readonly syncStart: V;
  private intervals: Interval<V>[];
  private readonly legacy: PlainDict;
  private readonly mostRecent = new Map<StreamSlice, V>();
  private closedOne = false;
  private warnedMissingCursor = false;

  constructor(private readonly options: ConcurrentCursorOptions<V>) {
    this.cursorField = options.cursorField;
    const initial = initialState(options);
    this.syncStart = initial.syncStart;
    this.intervals = initial.intervals;
    this.legacy = initial.legacy;
  }

  get state(): StreamStateBlob {
    const { values } = this.options;
    this.legacy[this.cursorField] = values.format(latestCompleteValue(this.intervals, values)) as PyValue;
    return { ...this.legacy };
  }

  async *streamSlices(): AsyncIterable<StreamSlice> {
    yield* this.slices();
  }

  /** The slices, synchronously. */
  *slices(): Generator<StreamSlice> {
    const { values, start, end } = this.options;
    this.intervals = mergeIntervals(this.intervals, values);
    if (this.intervals.length === 0) throw new Error('Expected at least one slice');
    const arithmetic = this.arithmetic();
    const [startKey, endKey] = this.options.boundaryFields ?? ['start', 'end'];
    const ranges: [V, V, boolean][] = [];
    if (start !== null && values.compare(start, this.intervals[0].start) < 0) ranges.push([start, this.intervals[0].start, false]);
    for (let i = 0; i < this.intervals.length - 1; i++) {
      const after = this.options.granularity ? this.options.granularity.plus(this.intervals[i].end) : this.intervals[i].end;
      ranges.push([after, this.intervals[i + 1].start, false]);
    }
    const last = this.intervals[this.intervals.length - 1].end;
    ranges.push([this.options.lookback ? this.options.lookback(last) : last, end(), true]);
    for (const [lower, upper, isEnd] of ranges) {
      for (const range of splitRange(lower, upper, isEnd, arithmetic)) {
        yield makeSlice({}, { [startKey]: values.format(range.start) as PyValue, [endKey]: values.format(range.end) as PyValue });
      }
    }
  }

  observe(record: Record<string, unknown>, slice: StreamSlice): void {
    const value = this.cursorValueOf(record);
    if (value === undefined) return;
    const known = this.mostRecent.get(slice);
    if (known === undefined || this.options.values.compare(known, value) < 0) this.mostRecent.set(slice, value);
  }

  closePartition(slice: StreamSlice): StreamStateBlob | null {
    const before = this.intervals.length;
    this.addSliceToState(slice);
    this.closedOne = true;
    if (this.intervals.length <= before) return null;
    this.intervals = mergeIntervals(this.intervals, this.options.values);
    return this.state;
  }

  ensureAtLeastOneStateEmitted(): StreamStateBlob {
    return this.state;
  }

  shouldBeSynced(record: Record<string, unknown>): boolean {
    const value = this.cursorValueOf(record);
    if (value === undefined) return true;
    const { values, end } = this.options;
    return values.compare(this.syncStart, value) <= 0 && values.compare(value, end()) <= 0;
  }

  private addSliceToState(slice: StreamSlice): void {
    const { values, boundaryFields } = this.options;
    const mostRecent = this.mostRecent.get(slice) ?? null;
    if (boundaryFields !== null) {
      const bound = (key: string) => {
        if (slice.get(key) === MISSING) throw new Error(`Partition is expected to have key \`${key}\` but could not be found`);
        return values.parse(sliceValue(slice, key));
      };
      this.intervals.push({ start: bound(boundaryFields[0]), end: bound(boundaryFields[1]), mostRecent });
    } else if (truthyValue(mostRecent)) {
      if (this.closedOne) {
        throw new Error(
          'Given that slice_boundary_fields is not defined and that per-partition state is not supported, only one slice is expected. Please contact the Airbyte team.',
        );
      }
      this.intervals.push({ start: this.syncStart, end: mostRecent as V, mostRecent });
    }
  }

  /** The record's cursor value, or undefined (with one warning) when it has none or it cannot be read. */
  private cursorValueOf(record: Record<string, unknown>): V | undefined {
    const raw = Object.hasOwn(record, this.cursorField) ? record[this.cursorField] : null;
    try {
      if (raw === null || raw === undefined) throw new CursorValueError(`Could not find cursor field ${this.cursorField} in record`);
      return this.options.values.parse(raw);
    } catch (error) {
      if (!(error instanceof CursorValueError)) throw error;
      if (!this.warnedMissingCursor) {
        this.warnedMissingCursor = true;
        this.options.warn?.(
          `Could not find cursor field \`${this.cursorField}\` in record. The incremental sync will assume it needs to be synced`,
        );
      }
      return undefined;
    }
  }

  private arithmetic(): RangeArithmetic<V> {
    const { values, start, stepFrom, granularity, clamp, end } = this.options;
    return {
      compare: (a, b) => values.compare(a, b),
      addStep: stepFrom,
      minusGranularity: granularity ? (v) => granularity.minus(v) : null,
      clamp,
      end,
      start,
      startIsTruthy: truthyValue(start),
    };
  }
}

/** _get_concurrent_state: the sync start, the synced intervals and the legacy state. */
function initialState<V>(options: ConcurrentCursorOptions<V>): { syncStart: V; intervals: Interval<V>[]; legacy: PlainDict } {
  const { values, state, start, cursorField } = options;
  const stateType = state.state_type;
  if (Object.keys(state).length > 0 && (stateType === 'date-range' || stateType === 'integer')) {
    const intervals = ((state.slices ?? []) as PlainDict[]).map((slice) => ({
      start: values.parse(slice.start),
      end: values.parse(slice.end),
      mostRecent: Object.hasOwn(slice, 'most_recent_cursor_value') ? values.parse(slice.most_recent_cursor_value) : null,
    }));
    const first = intervals[0];
    const fromState = first === undefined ? null : (first.mostRecent ?? first.end);
    const syncStart = (truthyValue(fromState) ? fromState : start) as V;
    return { syncStart, intervals, legacy: {} };
  }
  let syncStart = start as V;
  if (Object.hasOwn(state, cursorField)) {
    const previous = values.parse(state[cursorField]);
    if (truthyValue(previous) && (start === null || values.compare(previous, start) >= 0)) syncStart = previous;
  }
  return { syncStart, intervals: [{ start: start ?? syncStart, end: syncStart, mostRecent: syncStart }], legacy: state };
}
