// A record transformation of a declarative stream (the CDK's RecordTransformation): it changes the
// record in place, given the slice being read.
import type { StreamSlice } from '../slices/stream-slice.js';

/** A record that transformations change in place, as the Python CDK's do. */
export type MutableRecord = Record<string, unknown>;

/** Changes a record before it is emitted. */
export interface RecordTransformation {
  /** Changes `record` in place; `slice` is there for templates that read it. */
  transform(record: MutableRecord, slice: StreamSlice | null): void;
  /**
   * True when it only adds, replaces, renames or removes the record's own (top-level) keys and
   * never changes a nested object or list in place: a shallow copy of the record then suffices to
   * keep the response it came from intact.
   */
  readonly changesOwnKeysOnly?: boolean;
}
