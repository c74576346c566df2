import assert from 'node:assert/strict';
import { test } from 'node:test';
import { read, StateBuilder } from '@tributary/cdk/testing';
import { type Customer, type Order, ShopDb, ShopSource } from '../src/index.js';

const config = { orders: 250, start_date: '2024-01-01', end_date: '2024-01-03' };
const incremental = (name: string) => [{ name, syncMode: 'incremental' as const }];

// #region checkpoints
test('orders: a STATE every 100 records, then the final one', async () => {
  const result = await read(new ShopSource(), { config, streams: incremental('orders') });
  assert.equal(result.exitCode, 0, result.describeErrors());
  const states = result.statesOf('orders');
  assert.deepEqual(states, [
    { updated_at: '2024-01-01T01:40:00.000Z' }, // after order 100
    { updated_at: '2024-01-01T03:20:00.000Z' }, // after order 200
    { updated_at: '2024-01-01T04:10:00.000Z' }, // after order 250: the end of the only slice
  ]);
  // The next sync starts from the final state and reads only what changed since.
  const next = await read(new ShopSource(() => new ShopDb(260)), { config, streams: incremental('orders'), state: result.finalState });
  assert.deepEqual(
    next.recordsOf<Order>('orders').map((order) => order.id),
    [251, 252, 253, 254, 255, 256, 257, 258, 259, 260],
  );
});
// #endregion checkpoints

// #region crash
/** A database whose connection drops after `rows` orders. */
class DroppingDb extends ShopDb {
  constructor(private readonly rows: number) {
    super(300);
  }
  *ordersUpdatedAfter(since: string | undefined): Generator<Order> {
    let sent = 0;
    for (const order of super.ordersUpdatedAfter(since)) {
      if (sent++ === this.rows) throw new Error('connection reset by peer');
      yield order;
    }
  }
}

test('orders: after a crash, the next read resumes from the last STATE and loses nothing', async () => {
  const crashed = await read(new ShopSource(() => new DroppingDb(250)), { config, streams: incremental('orders') });
  assert.equal(crashed.exitCode, 1);
  assert.match(crashed.describeErrors(), /connection reset by peer/);
  // 250 records went out, but the stream declared them sorted: the state after the 250th is safe too.
  assert.equal(crashed.recordsOf('orders').length, 250);
  assert.deepEqual(crashed.latestState('orders'), { updated_at: '2024-01-01T04:10:00.000Z' });

  const resumed = await read(new ShopSource(() => new ShopDb(300)), { config, streams: incremental('orders'), state: crashed.finalState });
  const ids = [...crashed.recordsOf<Order>('orders'), ...resumed.recordsOf<Order>('orders')].map((order) => order.id);
  assert.deepEqual(
    ids,
    Array.from({ length: 300 }, (_, index) => index + 1),
  ); // each order exactly once
});
// #endregion crash

// #region slices
test('events: one window a day, a STATE once each window and those before it are read', async () => {
  const result = await read(new ShopSource(), { config, streams: incremental('events') });
  assert.equal(result.exitCode, 0, result.describeErrors());
  assert.deepEqual(result.statesOf('events'), [
    { occurred_at: '2024-01-02T00:00:00.000Z' },
    { occurred_at: '2024-01-03T00:00:00.000Z' },
    { occurred_at: '2024-01-04T00:00:00.000Z' },
  ]);
  assert.equal(result.recordsOf('events').length, 12); // four a day
  // A later sync starts at the saved window end: days already read are not read again.
  const state = new StateBuilder().stream('events', { occurred_at: '2024-01-03T00:00:00.000Z' });
  const next = await read(new ShopSource(), { config, streams: incremental('events'), state });
  assert.deepEqual(
    next.recordsOf('events').map((event) => event.id),
    ['ev-8', 'ev-9', 'ev-10', 'ev-11'],
  );
});
// #endregion slices

// #region resumable
/** A database that fails once, on the third page of customers. */
class FlakyCustomersDb extends ShopDb {
  private failed = false;
  async customersPage(page: number, size: number): Promise<Customer[]> {
    if (page === 2 && !this.failed) {
      this.failed = true;
      throw new Error('timeout');
    }
    return super.customersPage(page, size);
  }
}

test('customers: an interrupted full refresh resumes from the page after its last checkpoint', async () => {
  const db = new FlakyCustomersDb(0);
  const interrupted = await read(new ShopSource(() => db), { config, streams: ['customers'] });
  assert.equal(interrupted.exitCode, 1);
  assert.deepEqual(interrupted.statesOf('customers'), [{ page: 1 }, { page: 2 }]);

  const resumed = await read(new ShopSource(() => db), { config, streams: ['customers'], state: interrupted.finalState });
  assert.deepEqual(
    resumed.recordsOf<Customer>('customers').map((customer) => customer.id),
    [21, 22, 23],
  );
  // Complete: the next full refresh starts from the first page again.
  assert.deepEqual(resumed.latestState('customers'), { __ab_full_refresh_sync_complete: true });
});
// #endregion resumable
