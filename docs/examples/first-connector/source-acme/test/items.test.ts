import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, read, StateBuilder } from '@tributary/cdk/testing';
import { AcmeSource, type ItemsRecord } from '../src/index.js';

const config = { api_key: 'test-key', count: 120 };

test('a full refresh reads every item, in order', async () => {
  const result = await read(new AcmeSource(), { config, streams: ['items'] });
  assert.equal(result.exitCode, 0, result.describeErrors());
  const items = result.recordsOf<ItemsRecord>('items');
  assert.equal(items.length, 120);
  assert.deepEqual(items[0], { id: 1, name: 'Item 1', status: 'active', tags: ['example'], updated_at: '2024-01-01T00:01:00.000Z' });
  assert.deepEqual(result.statusesOf('items'), ['STARTED', 'RUNNING', 'COMPLETE']);
});

test('an incremental read starts after the cursor of the state', async () => {
  const state = new StateBuilder().stream('items', { updated_at: '2024-01-01T01:40:00.000Z' }).build();
  const result = await read(new AcmeSource(), { config, streams: [{ name: 'items', syncMode: 'incremental' }], state });
  assert.equal(result.exitCode, 0, result.describeErrors());
  assert.deepEqual(result.recordsOf<ItemsRecord>('items').map((item) => item.id), Array.from({ length: 20 }, (_, i) => 101 + i));
  assert.deepEqual(result.latestState('items'), { updated_at: '2024-01-01T02:00:00.000Z' });
});

test('a bad config fails the check with a clear message', async () => {
  const result = await check(new AcmeSource(), { config: { api_key: '' } });
  assert.equal(result.connectionStatus.status, 'FAILED');
  assert.match(result.connectionStatus.message ?? '', /api_key is empty/);
});
