import { MaxCursor, type ReadOptions, Stream, type StreamState } from '@tributary/cdk';
import type { Order, ShopDb } from '../shop-db.js';

// #region stream
/**
 * Orders, incremental on `updated_at`. The database returns them sorted by the cursor, so the
 * state is also safe to checkpoint every 100 records inside the read.
 */
export class Orders extends Stream<Order> {
  primaryKey = 'id';
  cursorField = 'updated_at';
  checkpointIntervalRecords = 100;
  private readonly cursor = new MaxCursor('updated_at');

  constructor(private readonly db: ShopDb) {
    super();
  }

  get state(): StreamState {
    return this.cursor.state; // { updated_at: '<the greatest value read>' }
  }

  set state(value: StreamState) {
    this.cursor.state = value; // the CDK sets it from the input state before the read
  }

  *readRecords(options: ReadOptions): Generator<Order> {
    const since = options.syncMode === 'incremental' ? this.cursor.value : undefined;
    for (const order of this.db.ordersUpdatedAfter(since as string | undefined)) {
      this.cursor.observe(order);
      yield order;
    }
  }
}
// #endregion stream
