import { type ReadOptions, Stream } from '@tributary/cdk';
import type { Customer, ShopDb } from '../shop-db.js';

// #region stream
/**
 * Customers: no cursor, so always a full refresh, but a resumable one. After each page the
 * stream checkpoints the next page number; an interrupted read resumes from there.
 */
export class Customers extends Stream<Customer> {
  primaryKey = 'id';
  supportsResumableFullRefresh = true;

  constructor(private readonly db: ShopDb) {
    super();
  }

  async *readRecords(options: ReadOptions): AsyncGenerator<Customer> {
    const saved = options.state?.page;
    for (let page = typeof saved === 'number' ? saved : 0; ; page++) {
      const customers = await this.db.customersPage(page, 10);
      if (customers.length === 0) return;
      yield* customers;
      options.checkpoint?.({ page: page + 1 }); // every record yielded so far is covered
    }
  }
}
// #endregion stream
