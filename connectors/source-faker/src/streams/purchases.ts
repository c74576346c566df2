import { isoTimestamp, type JsonSchema, type ReadOptions, type SliceOptions, type StreamSlice, type StreamState } from '@tributary/cdk';
import { EPOCH_MS, type ResolvedFakerConfig } from '../config.js';
import { IncrementalFakerStream } from './incremental-faker-stream.js';
import { Products } from './products.js';

export interface Purchase {
  id: number;
  user_id: number;
  product_id: number;
  quantity: number;
  purchased_at: string;
  returned_at: string | null;
  total_cents: number;
}

const SPACING_MS = 90_000;

/** A slice: the purchases with ids `first..last`, in `purchased_at` order. */
interface PurchaseSlice extends StreamSlice {
  first: number;
  last: number;
}

/**
 * Purchases: the static `schemas/purchases.json`, extended in code with a computed field.
 * Incremental on `purchased_at`: purchase `id` happens `id × 90 s` after the epoch, so records
 * come sorted by cursor, which makes a checkpoint every few hundred records safe, and the read is
 * sliced into runs of `records_per_slice` purchases. `sliceState` lets the CDK read those slices
 * concurrently and still checkpoint only where every earlier slice is complete.
 */
export class Purchases extends IncrementalFakerStream<Purchase> {
  primaryKey = 'id';
  checkpointIntervalRecords = 250;

  constructor(config: ResolvedFakerConfig) {
    super(config, 'purchases', 'purchased_at');
  }

  getJsonSchema(): JsonSchema {
    const schema = this.loadSchemaFile();
    schema.properties = { ...schema.properties, total_cents: { type: 'integer', description: 'quantity × unit price, in cents' } };
    return schema;
  }

  *streamSlices(options: SliceOptions): Generator<PurchaseSlice> {
    const since = options.syncMode === 'incremental' ? this.cursor.value : undefined;
    let first = typeof since === 'string' ? Math.floor((Date.parse(since) - EPOCH_MS) / SPACING_MS) + 1 : 1;
    const last = Math.min(this.config.count, Math.floor((this.config.clockMs - EPOCH_MS) / SPACING_MS));
    for (; first <= last; first += this.config.recordsPerSlice) {
      yield { first, last: Math.min(last, first + this.config.recordsPerSlice - 1) };
    }
  }

  /** Slices cover consecutive purchases, so once a slice and all before it are read, its end is a safe cursor. */
  sliceState(slice: StreamSlice): StreamState {
    return { purchased_at: isoTimestamp(EPOCH_MS + (slice as PurchaseSlice).last * SPACING_MS) };
  }

  *readRecords(options: ReadOptions): Generator<Purchase> {
    const { first, last } = options.slice as PurchaseSlice;
    const v = this.values;
    const products = Products.countFor(this.config);
    for (let id = first; id <= last; id++) {
      const purchasedAt = EPOCH_MS + id * SPACING_MS;
      const quantity = v.int(id, 2, 1, 5);
      const purchase: Purchase = {
        id,
        user_id: v.int(id, 0, 1, this.config.count),
        product_id: v.int(id, 1, 1, products),
        quantity,
        purchased_at: isoTimestamp(purchasedAt),
        returned_at: v.unit(id, 3) < 0.1 ? isoTimestamp(purchasedAt + v.int(id, 4, 1, 30) * 86_400_000) : null,
        total_cents: quantity * v.int(id, 5, 100, 99_999),
      };
      this.cursor.observe(purchase);
      yield purchase;
    }
  }
}
