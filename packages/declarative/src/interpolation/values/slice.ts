// Python's slice semantics (slice.indices) for str, list and tuple.
import { typeError, valueError } from '../errors.js';
import { intOf, isInt } from './number.js';
import { PyObject, type PyValue, type ReprFn } from './object.js';

function sliceIndex(value: PyValue): number | null {
  if (value === null) return null;
  if (typeof value === 'boolean' || isInt(value)) {
    const i = intOf(value);
    return typeof i === 'bigint' ? (i < 0n ? -Infinity : Infinity) : i;
  }
  throw typeError('slice indices must be integers or None or have an __index__ method');
}

/** The indices a slice selects from a sequence of `length` items. */
export function sliceIndices(length: number, startValue: PyValue, stopValue: PyValue, stepValue: PyValue): number[] {
  const step = sliceIndex(stepValue) ?? 1;
  if (step === 0) throw valueError('slice step cannot be zero');
  const lower = step < 0 ? -1 : 0;
  const upper = step < 0 ? length - 1 : length;
  const clamp = (value: number | null, fallback: number) => {
    if (value === null) return fallback;
    let v = value;
    if (v < 0) {
      v += length;
      if (v < lower) v = lower;
    } else if (v > upper) v = upper;
    return v;
  };
  const start = clamp(sliceIndex(startValue), step < 0 ? upper : lower);
  const stop = clamp(sliceIndex(stopValue), step < 0 ? lower : upper);
  const indices: number[] = [];
  if (step > 0) for (let i = start; i < stop; i += step) indices.push(i);
  else for (let i = start; i > stop; i += step) indices.push(i);
  return indices;
}

export function sliceSequence<T>(items: readonly T[], start: PyValue, stop: PyValue, step: PyValue): T[] {
  if (step === null || step === 1) {
    const [from, to] = simpleBounds(items.length, start, stop);
    return items.slice(from, Math.max(from, to));
  }
  return sliceIndices(items.length, start, stop, step).map((i) => items[i]);
}

export function sliceString(chars: readonly string[] | string, start: PyValue, stop: PyValue, step: PyValue): string {
  if (typeof chars === 'string' && (step === null || step === 1)) {
    const [from, to] = simpleBounds(chars.length, start, stop);
    return to > from ? chars.slice(from, to) : '';
  }
  let out = '';
  for (const i of sliceIndices(chars.length, start, stop, step)) out += chars[i];
  return out;
}

function simpleBounds(length: number, start: PyValue, stop: PyValue): [number, number] {
  const norm = (value: PyValue, fallback: number) => {
    const v = sliceIndex(value);
    if (v === null) return fallback;
    if (v < 0) return Math.max(0, v + length);
    return Math.min(v, length);
  };
  return [norm(start, 0), norm(stop, length)];
}

/** A slice object, as `x[1:2]` subscripts with. */
export class PySlice extends PyObject {
  constructor(
    readonly start: PyValue,
    readonly stop: PyValue,
    readonly step: PyValue,
  ) {
    super();
  }
  get pyType(): string {
    return 'slice';
  }
  repr(recur: ReprFn): string {
    return `slice(${recur(this.start)}, ${recur(this.stop)}, ${recur(this.step)})`;
  }
}
