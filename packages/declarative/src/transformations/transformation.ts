// A record transformation of a declarative stream (the CDK's RecordTransformation): it changes the
// record in place, given the slice being read.
import type { StreamSlice } from '../slices/stream-slice.js';

export type MutableRecord = Record<string, unknown>;

export interface RecordTransformation {
  transform(record: MutableRecord, slice: StreamSlice | null): void;
}
