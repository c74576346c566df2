// What a retriever does when its pages must start again (the error handler's RESET_PAGINATION, or
// `pagination_reset.limits.number_of_records` reached): RESET reads the slice again from its first
// page; SPLIT_USING_CURSOR reads the rest of the slice, from the newest cursor value read so far
// (the records must come in ascending cursor order). A slice restarts at most MAX_RESETS times
// without progress, so a server that keeps asking cannot make the read loop forever.
import { ConnectorError } from '@tributary/cdk';
import type { StreamSlice } from '../slices/stream-slice.js';
import type { MutableRecord } from '../transformations/transformation.js';

export const MAX_RESETS = 10;

/** The model's fields (`PaginationReset`). */
export interface PaginationResetModel {
  readonly action?: 'RESET' | 'SPLIT_USING_CURSOR' | string;
  readonly limits?: { readonly number_of_records?: number };
}

/** Narrows a slice to what is left after the records read (SPLIT_USING_CURSOR), or null when it cannot. */
export type SliceSplitter = (slice: StreamSlice, records: readonly MutableRecord[]) => StreamSlice | null;

/** The pages' records were limited: read the rest as a reset would. */
class RecordLimitReached extends Error {}

export class PaginationReset {
  constructor(
    private readonly model: PaginationResetModel | undefined,
    private readonly splitter: SliceSplitter | null,
  ) {}

  start(): ResetAttempt {
    const split = this.model?.action === 'SPLIT_USING_CURSOR' ? this.splitter : null;
    return new ResetAttempt(this.model?.limits?.number_of_records ?? null, split);
  }
}

export class ResetAttempt {
  private records: MutableRecord[] = [];
  private resets = 0;

  constructor(
    private readonly limit: number | null,
    private readonly splitter: SliceSplitter | null,
  ) {}

  observe(records: readonly MutableRecord[]): void {
    if (this.splitter !== null || this.limit !== null) for (const record of records) this.records.push(record);
  }

  limitReached(): boolean {
    return this.limit !== null && this.records.length >= this.limit;
  }

  limitError(): Error {
    return new RecordLimitReached(`${this.records.length} records read in one pagination`);
  }

  isLimit(error: unknown): boolean {
    return error instanceof RecordLimitReached;
  }

  /** The slice to read next: the same one again, or what is left of it. */
  restart(slice: StreamSlice, cause: unknown): StreamSlice {
    const narrowed = this.splitter?.(slice, this.records) ?? null;
    const progressed = this.records.length > 0 && narrowed !== null;
    this.resets = progressed ? 0 : this.resets + 1;
    if (this.resets > MAX_RESETS) {
      throw new ConnectorError(`The pagination was reset ${MAX_RESETS} times in a row without reading anything new; stopping the stream`, {
        failureType: 'system_error',
        cause,
      });
    }
    this.records = [];
    return narrowed ?? slice;
  }
}
