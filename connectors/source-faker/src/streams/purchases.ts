import { type JsonSchema, type ReadOptions, Stream } from '@tributary/cdk';
import { EPOCH_MS, type ResolvedFakerConfig } from '../config.js';
import { SeededValues } from '../random.js';
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

/**
 * Purchases: the static `schemas/purchases.json`, extended in code with a computed field,
 * which is why `getJsonSchema()` edits what the default loader returns.
 */
export class Purchases extends Stream<Purchase> {
  primaryKey = 'id';
  private readonly values: SeededValues;

  constructor(private readonly config: ResolvedFakerConfig) {
    super();
    this.values = new SeededValues(config.seed, 'purchases');
  }

  getJsonSchema(): JsonSchema {
    const schema = this.loadSchemaFile();
    schema.properties = { ...schema.properties, total_cents: { type: 'integer', description: 'quantity × unit price, in cents' } };
    return schema;
  }

  async *readRecords(_options: ReadOptions): AsyncGenerator<Purchase> {
    const v = this.values;
    const products = Products.countFor(this.config);
    for (let id = 1; id <= this.config.count; id++) {
      const purchasedAt = EPOCH_MS + id * 90_000;
      const quantity = v.int(id, 2, 1, 5);
      yield {
        id,
        user_id: v.int(id, 0, 1, this.config.count),
        product_id: v.int(id, 1, 1, products),
        quantity,
        purchased_at: new Date(purchasedAt).toISOString(),
        returned_at: v.unit(id, 3) < 0.1 ? new Date(purchasedAt + v.int(id, 4, 1, 30) * 86_400_000).toISOString() : null,
        total_cents: quantity * v.int(id, 5, 100, 99_999),
      };
    }
  }
}
