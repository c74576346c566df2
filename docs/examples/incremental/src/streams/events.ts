import { type ReadOptions, type SliceOptions, Stream, type StreamSlice, type StreamState } from '@tributary/cdk';
import type { ShopConfig } from '../config.js';
import type { ShopDb, ShopEvent } from '../shop-db.js';

const DAY_MS = 86_400_000;

// #region stream
/**
 * Events, read in one-day windows. The stream keeps no state of its own: `sliceState` says what
 * is safe once a window (and every window before it) is read, and the CDK writes it.
 */
export class Events extends Stream<ShopEvent> {
  primaryKey = 'id';
  cursorField = 'occurred_at';

  constructor(
    private readonly db: ShopDb,
    private readonly config: ShopConfig,
  ) {
    super();
  }

  *streamSlices(options: SliceOptions): Generator<StreamSlice> {
    const saved = options.syncMode === 'incremental' ? options.state?.occurred_at : undefined;
    const end = Date.parse(this.config.end_date ?? new Date().toISOString().slice(0, 10)) + DAY_MS;
    for (let start = Date.parse(typeof saved === 'string' ? saved : this.config.start_date); start < end; start += DAY_MS) {
      yield { start: new Date(start).toISOString(), end: new Date(Math.min(start + DAY_MS, end)).toISOString() };
    }
  }

  sliceState(slice: StreamSlice): StreamState {
    return { occurred_at: slice.end }; // everything before the window's end has been read
  }

  async *readRecords(options: ReadOptions): AsyncGenerator<ShopEvent> {
    const { start, end } = options.slice as { start: string; end: string };
    yield* await this.db.eventsBetween(start, end);
  }
}
// #endregion stream
