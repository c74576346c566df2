import { type JsonSchema, type ReadOptions, Stream } from '@tributary/cdk';
import type { ResolvedFakerConfig } from '../config.js';
import { SeededValues } from '../random.js';

export interface Product {
  id: number;
  name: string;
  category: string;
  price: number;
  in_stock: boolean;
}

const CATEGORIES = ['books', 'garden', 'kitchen', 'music', 'outdoor', 'toys'] as const;
const ADJECTIVES = ['Small', 'Sturdy', 'Shiny', 'Quiet', 'Rapid', 'Gentle'];
const NOUNS = ['Lamp', 'Kettle', 'Shovel', 'Guitar', 'Tent', 'Puzzle'];

/** Products, whose schema is built in code (there is no `schemas/products.json`). */
export class Products extends Stream<Product> {
  get primaryKey() {
    return 'id';
  }

  private readonly values: SeededValues;

  constructor(private readonly config: ResolvedFakerConfig) {
    super();
    this.values = new SeededValues(config.seed, 'products');
  }

  /** The number of products for a given user count; purchases refer to these ids. */
  static countFor(config: ResolvedFakerConfig): number {
    return Math.max(1, Math.ceil(config.count / 10));
  }

  getJsonSchema(): JsonSchema {
    return {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: {
        id: { type: 'integer' },
        name: { type: 'string' },
        category: { type: 'string', enum: [...CATEGORIES] },
        price: { type: 'number', minimum: 0 },
        in_stock: { type: 'boolean' },
      },
    };
  }

  *readRecords(_options: ReadOptions): Generator<Product> {
    const v = this.values;
    const total = Products.countFor(this.config);
    for (let id = 1; id <= total; id++) {
      yield {
        id,
        name: `${v.pick(id, 0, ADJECTIVES)} ${v.pick(id, 1, NOUNS)}`,
        category: v.pick(id, 2, CATEGORIES),
        price: v.int(id, 3, 100, 99_999) / 100,
        in_stock: v.unit(id, 4) < 0.8,
      };
    }
  }
}
