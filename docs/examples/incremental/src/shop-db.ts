/**
 * The example's data source: a shop database with orders, events and customers. Deterministic
 * (record n is always the same), and replaceable, so a test can hand the source one that fails
 * half way through a read.
 */
export interface Order {
  id: number;
  total_cents: number;
  updated_at: string;
}

export interface ShopEvent {
  id: string;
  kind: string;
  occurred_at: string;
}

export interface Customer {
  id: number;
  email: string;
}

const BASE_MS = Date.UTC(2024, 0, 1);
const MINUTE_MS = 60_000;
const EVENT_EVERY_MS = 6 * 3_600_000;
export const CUSTOMERS = 23;

export class ShopDb {
  constructor(readonly orderCount: number) {}

  /** Orders changed after `since` (all when undefined), oldest change first, as `ORDER BY updated_at` returns them. */
  *ordersUpdatedAfter(since: string | undefined): Generator<Order> {
    for (let id = 1; id <= this.orderCount; id++) {
      const order = this.order(id);
      if (since === undefined || order.updated_at > since) yield order;
    }
  }

  order(id: number): Order {
    return { id, total_cents: (id * 997) % 10_000, updated_at: new Date(BASE_MS + id * MINUTE_MS).toISOString() };
  }

  /** Events with `start <= occurred_at < end`. */
  async eventsBetween(start: string, end: string): Promise<ShopEvent[]> {
    await Promise.resolve(); // a query's round trip
    const events: ShopEvent[] = [];
    const first = Math.ceil((Date.parse(start) - BASE_MS) / EVENT_EVERY_MS);
    for (let n = Math.max(0, first); BASE_MS + n * EVENT_EVERY_MS < Date.parse(end); n++) {
      events.push({ id: `ev-${n}`, kind: n % 2 ? 'view' : 'cart', occurred_at: new Date(BASE_MS + n * EVENT_EVERY_MS).toISOString() });
    }
    return events;
  }

  /** One page of customers, by page number; an empty page after the last. */
  async customersPage(page: number, size: number): Promise<Customer[]> {
    await Promise.resolve();
    const customers: Customer[] = [];
    for (let id = page * size + 1; id <= Math.min((page + 1) * size, CUSTOMERS); id++) customers.push({ id, email: `c${id}@shop.example` });
    return customers;
  }
}
