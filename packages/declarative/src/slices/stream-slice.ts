// The CDK's StreamSlice (partition keys, cursor slice keys and extra fields) is the interpolation
// engine's StreamSlice: components pass it to templates as `stream_slice` as is.
import { mappingEntries, type PyMapping } from '../interpolation/values/dict.js';
import { MISSING, type PlainDict, type PyValue } from '../interpolation/values/object.js';
import { StreamSlice } from '../interpolation/values/stream-slice.js';

export { StreamSlice };

export type SliceMapping = PlainDict | PyMapping;

/** A slice; a partition given as a slice contributes its own partition (the CDK unwraps it). */
export function makeSlice(
  partition: SliceMapping | StreamSlice,
  cursorSlice: SliceMapping = {},
  extraFields: SliceMapping | null = null,
): StreamSlice {
  const inner = partition instanceof StreamSlice ? partition.partition : partition;
  return new StreamSlice(inner, cursorSlice, extraFields);
}

/** The slice of a stream without partitions or cursor bounds. */
export const EMPTY_SLICE = new StreamSlice({}, {});

/** `stream_slice.get(key)` (None when absent). */
export function sliceValue(slice: StreamSlice | null, key: string): PyValue {
  if (slice === null) return null;
  const value = slice.get(key);
  return value === MISSING ? null : value;
}

/** Python's bool(slice): true when it has keys or extra fields. */
export function sliceIsTruthy(slice: StreamSlice | null): boolean {
  return slice !== null && (slice.size > 0 || mappingEntries(slice.extraFields).length > 0);
}

/** A mapping (partition, cursor slice) as a plain object. */
export function plainOf(mapping: SliceMapping): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of mappingEntries(mapping)) out[String(key)] = value;
  return out;
}
