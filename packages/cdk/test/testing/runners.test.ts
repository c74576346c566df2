/** The in-process runners and their results, the catalog and state builders. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CatalogBuilder, check, configuredCatalog, discover, read, StateBuilder, spec, streamState } from '../../src/testing/index.js';
import { ExampleSource } from './example-source.js';

const config = { api_key: 'good-key', count: 25 };

test('spec, check and discover return typed results', async () => {
  const specResult = await spec(new ExampleSource());
  assert.equal(specResult.exitCode, 0);
  assert.equal(specResult.spec.connectionSpecification.type, 'object');

  const good = await check(new ExampleSource(), { config });
  assert.deepEqual(good.connectionStatus, { status: 'SUCCEEDED' });
  assert.equal(good.succeeded, true);

  const bad = await check(new ExampleSource(), { config: { api_key: 'bad-key' } });
  assert.equal(bad.exitCode, 0);
  assert.equal(bad.connectionStatus.status, 'FAILED');
  assert.match(bad.connectionStatus.message ?? '', /rejected/);

  const discovered = await discover(new ExampleSource(), { config });
  assert.deepEqual(discovered.streamNames, ['items', 'events']);
  assert.deepEqual(discovered.stream('events').default_cursor_field, ['at']);
  assert.throws(() => discovered.stream('nope'), /no stream 'nope'; it has items, events/);
});

test('a read returns records, states and statuses per stream, and the final state for the next read', async () => {
  const result = await read(new ExampleSource(), { config, streams: ['items', { name: 'events', syncMode: 'incremental' }] });
  assert.equal(result.exitCode, 0, result.describeErrors());
  assert.equal(result.recordsOf('items').length, 25);
  assert.deepEqual(result.recordsOf<{ id: number; at: string }>('events')[0], { id: 1, at: '2024-01-01T00:01:00.000Z' });
  assert.deepEqual([...result.recordsByStream.keys()], ['items', 'events']);
  assert.equal(result.records.length, 50);
  assert.ok(result.records.every((record) => Number.isInteger(record.emitted_at)));
  assert.deepEqual(result.statusesOf('events'), ['STARTED', 'RUNNING', 'COMPLETE']);
  assert.deepEqual(result.streamStatuses.get('items'), ['STARTED', 'RUNNING', 'COMPLETE']);
  assert.deepEqual(
    result.statesOf('events').map((state) => state.at),
    ['2024-01-01T00:10:00.000Z', '2024-01-01T00:20:00.000Z', '2024-01-01T00:25:00.000Z'],
  );
  assert.deepEqual(result.latestState('events'), { at: '2024-01-01T00:25:00.000Z' });
  assert.deepEqual(result.latestState('items'), { __ab_no_cursor_state_message: true });
  assert.equal(result.finalState.length, 2);
  assert.deepEqual(result.errors, []);

  // The final state is the input of the next read: nothing new since.
  const next = await read(new ExampleSource(), {
    config,
    streams: [{ name: 'events', syncMode: 'incremental' }],
    state: result.finalState,
  });
  assert.deepEqual(next.recordsOf('events'), []);
});

test('records are JSON copies: what a destination would receive', async () => {
  const result = await read(new ExampleSource(), { config: { ...config, count: 1 }, streams: ['items'] });
  const record = result.recordsOf('items')[0]!;
  assert.deepEqual(record, { id: 1, name: 'item 1', size: 10 });
  assert.equal(Object.getPrototypeOf(record), Object.prototype);
});

test('state builders make input states; a read without catalog or streams reads everything in syncMode', async () => {
  const state = new StateBuilder().stream('events', { at: '2024-01-01T00:20:00.000Z' }).build();
  assert.deepEqual(state, [streamState('events', { at: '2024-01-01T00:20:00.000Z' })]);
  const result = await read(new ExampleSource(), { config, syncMode: 'incremental', state });
  // items does not support incremental: the default mode falls back to a full refresh for it.
  assert.equal(result.recordsOf('items').length, 25);
  assert.deepEqual(
    result.recordsOf<{ id: number }>('events').map((event) => event.id),
    [21, 22, 23, 24, 25],
  );
  const global = new StateBuilder().global({ shared: 1 }, { events: { at: 'x' } }).build();
  assert.equal(global[0]?.type, 'GLOBAL');
  assert.deepEqual(global[0]?.global?.stream_states, [{ stream_descriptor: { name: 'events' }, stream_state: { at: 'x' } }]);
});

test('the catalog builder copies discovered streams and fills in sensible defaults', async () => {
  const { catalog } = await discover(new ExampleSource(), { config });
  const built = new CatalogBuilder(catalog).stream('events', { syncMode: 'incremental' }).stream('items').build();
  assert.deepEqual(
    built.streams.map((entry) => [entry.stream.name, entry.sync_mode, entry.destination_sync_mode, entry.cursor_field, entry.primary_key]),
    [
      ['events', 'incremental', 'append_dedup', ['at'], [['id']]],
      ['items', 'full_refresh', 'overwrite', undefined, [['id']]],
    ],
  );
  assert.throws(() => new CatalogBuilder(catalog).stream('items', { syncMode: 'incremental' }), /does not support incremental/);
  assert.throws(() => new CatalogBuilder(catalog).stream('nope'), /no stream 'nope'/);
  assert.throws(() => new CatalogBuilder(catalog).stream('items').stream('items'), /already in the catalog/);
  assert.equal(configuredCatalog(catalog).streams.length, 2);
  // Without a discovered catalog: minimal entries, enough for a read.
  const minimal = new CatalogBuilder().stream('items').build();
  const result = await read(new ExampleSource(), { config, catalog: minimal });
  assert.equal(result.recordsOf('items').length, 25);
});

test('failures come back as results: exit code, TRACE errors, INCOMPLETE; discover failures throw from read', async () => {
  const failing = await read(new ExampleSource('stream-fails'), { config, streams: ['items', 'events'] });
  assert.equal(failing.exitCode, 1);
  assert.deepEqual(failing.statusesOf('items'), ['STARTED', 'INCOMPLETE']);
  assert.equal(failing.errors[0]?.failure_type, 'transient_error');
  assert.match(failing.describeErrors(), /the items API is down/);
  assert.equal(failing.recordsOf('events').length, 25, 'the other stream still ran');

  await assert.rejects(
    read(new ExampleSource(), { config: { api_key: 'good-key', count: 0 } }),
    /discover failed before the read \(exit code 1: \[config_error\]/,
  );
  const badConfig = await read(new ExampleSource(), {
    config: { api_key: 'good-key', count: 0 },
    catalog: new CatalogBuilder().stream('items'),
  });
  assert.equal(badConfig.exitCode, 1);
  assert.match(badConfig.errors[0]?.message ?? '', /count must be >= 1/);
});

test('LOG, TRACE and CONNECTION_STATUS messages are masked like on stdout; records are not', async () => {
  const secret = `secret-${process.pid}-value`;
  class Leaky extends ExampleSource {
    checkConnection(config: { api_key: string }): void {
      throw new Error(`refused key ${config.api_key}`);
    }
  }
  const result = await check(new Leaky(), { config: { api_key: secret } });
  assert.equal(result.connectionStatus.message, 'refused key ****');
  assert.equal(JSON.stringify(result.messages).includes(secret), false);
});
