import { Source, type Stream } from '@tributary/cdk';
import type { ShopConfig } from './config.js';
import { ShopDb } from './shop-db.js';
import { Customers } from './streams/customers.js';
import { Events } from './streams/events.js';
import { Orders } from './streams/orders.js';

/** The shop. `openDb` is how tests hand it a database that fails on purpose. */
export class ShopSource extends Source<ShopConfig> {
  constructor(private readonly openDb: (config: ShopConfig) => ShopDb = (config) => new ShopDb(config.orders)) {
    super();
  }

  checkConnection(config: ShopConfig): void {
    this.openDb(config);
  }

  streams(config: ShopConfig): Stream<object>[] {
    const db = this.openDb(config);
    return [new Orders(db), new Events(db, config), new Customers(db)];
  }
}
