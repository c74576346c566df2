// The intervals a concurrent cursor has synced (the CDK's concurrent state "slices"): merged when
// they touch (the next one starts within one unit of the previous end); the state's value is the
// most recent record cursor of the first merged interval, else its start.
import type { CursorValues } from './cursor-values.js';

export interface Interval<V> {
  start: V;
  end: V;
  mostRecent: V | null;
}

/** merge_intervals: sorted by (start, end); overlapping or adjacent intervals become one. */
export function mergeIntervals<V>(intervals: readonly Interval<V>[], values: CursorValues<V>): Interval<V>[] {
  if (intervals.length === 0) return [];
  const sorted = [...intervals].sort((a, b) => values.compare(a.start, b.start) || values.compare(a.end, b.end));
  const merged: Interval<V>[] = [sorted[0]];
  for (const current of sorted.slice(1)) {
    const last = merged[merged.length - 1];
    if (values.compare(values.increment(last.end), current.start) >= 0) {
      if (values.compare(current.end, last.end) > 0) last.end = current.end;
      last.mostRecent = maxOrEither(last.mostRecent, current.mostRecent, values);
    } else merged.push(current);
  }
  return merged;
}

function maxOrEither<V>(a: V | null, b: V | null, values: CursorValues<V>): V | null {
  if (a !== null && b !== null && truthyValue(a) && truthyValue(b)) return values.compare(b, a) >= 0 ? b : a;
  return (truthyValue(b) ? b : null) ?? (truthyValue(a) ? a : null);
}

/** Python truthiness of a cursor value (0 is falsy for counts; datetimes are always truthy). */
export function truthyValue(value: unknown): boolean {
  return value !== null && value !== undefined && value !== 0 && value !== '';
}

/** _get_latest_complete_time. */
export function latestCompleteValue<V>(intervals: readonly Interval<V>[], values: CursorValues<V>): V {
  if (intervals.length === 0)
    throw new Error('Expected at least one slice but there were none. This is unexpected; please contact Support.');
  const first = mergeIntervals(intervals, values)[0];
  return truthyValue(first.mostRecent) ? (first.mostRecent as V) : first.start;
}
