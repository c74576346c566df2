// The CDK's RecordFilter: a record is kept when its condition holds (templates see `record`,
// `stream_slice` and its aliases, `next_page_token`, `config`, `parameters`). With client-side
// incremental sync, the CDK's decorator first drops records the cursor says are out of range.
import type { ComponentEnvironment } from '../interpolated/evaluation-context.js';
import { InterpolatedBoolean } from '../interpolated/interpolated-boolean.js';
import type { PlainDict, PyValue } from '../interpolation/values/object.js';
import type { StreamSlice } from '../slices/stream-slice.js';

/** What the filter knows of the page being read. */
export interface FilterContext {
  readonly slice: StreamSlice | null;
  readonly nextPageToken: PlainDict | null;
}

/** The cursor's side of client-side incremental filtering (ConcurrentCursor.should_be_synced). */
export interface SyncRange {
  /**
   * Whether a record falls within the range still to sync, for client-side incremental filtering.
   */
  shouldBeSynced(record: Record<string, unknown>, slice: StreamSlice | null): boolean;
}

export class RecordFilter {
  private readonly condition: InterpolatedBoolean | null;
  /** The condition's context, made once: each record's values are set in it. */
  private readonly values: PlainDict;

  constructor(
    condition: string,
    parameters: PlainDict,
    private readonly env: ComponentEnvironment,
    private readonly syncRange: SyncRange | null = null,
  ) {
    this.condition = condition === '' && syncRange !== null ? null : new InterpolatedBoolean(condition, parameters);
    this.values = this.condition?.contextFor(env, { record: null, stream_slice: null, next_page_token: null }) ?? {};
  }

  keep(record: unknown, context: FilterContext): boolean {
    if (this.syncRange !== null && !this.syncRange.shouldBeSynced(record as Record<string, unknown>, context.slice)) return false;
    if (this.condition === null) return true;
    const values = this.values;
    values.record = record as PyValue;
    values.stream_slice = context.slice;
    values.next_page_token = context.nextPageToken;
    const kept = this.condition.evalIn(this.env, values);
    values.record = null; // the context keeps no record between calls
    return kept;
  }
}
