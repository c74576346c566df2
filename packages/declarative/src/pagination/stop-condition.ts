// The CDK's StopConditionPaginationStrategyDecorator with a CursorStopCondition, used for data
// feeds (`is_data_feed`): pages end once the last record of a page is older than what the cursor
// still needs.
import type { PyValue } from '../interpolation/values/object.js';
import type { StreamSlice } from '../slices/stream-slice.js';
import type { PageOutcome } from './page-outcome.js';
import type { PaginationStrategy } from './pagination-strategy.js';

export interface RecordRange {
  shouldBeSynced(record: Record<string, unknown>, slice: StreamSlice | null): boolean;
}

export class StopConditionPaginationStrategy implements PaginationStrategy {
  constructor(
    private readonly delegate: PaginationStrategy,
    private readonly cursor: RecordRange,
  ) {}

  get initialToken(): PyValue {
    return this.delegate.initialToken;
  }

  pageSize(): number | null {
    return this.delegate.pageSize();
  }

  nextPageToken(outcome: PageOutcome, last: PyValue): PyValue {
    if (outcome.lastRecord !== null && !this.cursor.shouldBeSynced(outcome.lastRecord, outcome.slice ?? null)) return null;
    return this.delegate.nextPageToken(outcome, last);
  }
}
