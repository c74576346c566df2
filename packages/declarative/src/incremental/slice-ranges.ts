// The CDK's ConcurrentCursor._split_per_slice_range: the range from `lower` to `upper` cut into
// slices of `step`, each slice but the last ending one granularity before the next starts (slice
// boundaries are inclusive), clamped when the cursor clamps.

export interface RangeArithmetic<V> {
  compare(a: V, b: V): number;
  /** lower + step, or null when it overflows (the CDK then uses the end). */
  addStep: ((lower: V) => V | null) | null;
  /** value - granularity, or null when the cursor has no granularity. */
  minusGranularity: ((value: V) => V) | null;
  clamp(value: V): V;
  end(): V;
  /** The configured start (lower boundaries are raised to it; ranges ending before it give nothing). */
  start: V | null;
  startIsTruthy: boolean;
}

export interface Range<V> {
  start: V;
  end: V;
}

export function* splitRange<V>(lower: V, upper: V, upperIsEnd: boolean, a: RangeArithmetic<V>): Generator<Range<V>> {
  if (a.compare(lower, upper) >= 0) return;
  if (a.startIsTruthy && a.start !== null && a.compare(upper, a.start) < 0) return;
  if (a.startIsTruthy && a.start !== null && a.compare(a.start, lower) > 0) lower = a.start;
  const stepUpper = (value: V) => (a.addStep === null ? null : (a.addStep(value) ?? a.end()));
  const first = stepUpper(lower);
  if (first === null || a.compare(first, upper) >= 0) {
    const clampedUpper = a.clamp(upper);
    yield { start: a.clamp(lower), end: a.minusGranularity !== null && !upperIsEnd ? a.minusGranularity(clampedUpper) : clampedUpper };
    return;
  }
  let current = lower;
  for (;;) {
    const stepped = stepUpper(current) as V;
    const currentUpper = a.compare(stepped, upper) <= 0 ? stepped : upper;
    const reached = a.compare(currentUpper, upper) >= 0;
    const clampedUpper = a.compare(currentUpper, upper) !== 0 ? a.clamp(currentUpper) : currentUpper;
    const clampedLower = a.clamp(current);
    if (a.compare(clampedLower, clampedUpper) >= 0) return;
    const shrink = a.minusGranularity !== null && (!upperIsEnd || !reached);
    yield { start: clampedLower, end: shrink ? a.minusGranularity!(clampedUpper) : clampedUpper };
    current = clampedUpper;
    if (reached) return;
  }
}
