/**
 * The hooks tools build on to show a read as it goes (Tributary Studio): `onMessage`, the read
 * observer's slice and page events, preview limits (records, slices, pages per slice, selected
 * slices) and the HTTP recorder, all in one order.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type FaultServer, reply, useFaultServer } from '@tributary/test-support/fault-server';
import { type AirbyteMessage, type JsonSchema, type ReadOptions, Source, Stream, type StreamSlice } from '../../src/index.js';
import { configProblems } from '../../src/runtime.js';
import { type Exchange, read, recordHttp } from '../../src/testing/index.js';
import { ExampleSource } from './example-source.js';
import { HttpExampleSource } from './http-example-source.js';

let server: FaultServer;
useFaultServer((started) => {
  server = started;
});

/** Three daily slices of four records each, incremental on `at`. */
class Days extends Stream<{ id: number; at: string }> {
  primaryKey = 'id';
  cursorField = 'at';
  private cursor: string | undefined;
  get state() {
    return this.cursor === undefined ? {} : { at: this.cursor };
  }
  set state(value) {
    this.cursor = typeof value.at === 'string' ? value.at : undefined;
  }
  getJsonSchema(): JsonSchema {
    return { type: 'object', properties: { id: { type: 'integer' }, at: { type: 'string', format: 'date-time' } } };
  }
  *streamSlices() {
    for (const day of [1, 2, 3]) yield { day };
  }
  *readRecords(options: ReadOptions) {
    const day = (options.slice as StreamSlice).day as number;
    for (let hour = 0; hour < 4; hour++) {
      const at = `2024-01-0${day}T0${hour}:00:00.000Z`;
      this.cursor = at;
      yield { id: day * 10 + hour, at };
    }
  }
}

class DaysSource extends Source {
  spec() {
    return { connectionSpecification: { type: 'object' as const, properties: {} } };
  }
  streams() {
    return [new Days()];
  }
}

const ITEMS = Array.from({ length: 7 }, (_, index) => ({ id: index + 1 }));

function pagedItems() {
  return reply.json(({ url }) => {
    const page = Number(url.searchParams.get('page') ?? 1);
    const size = Number(url.searchParams.get('per_page') ?? 2);
    return { data: ITEMS.slice((page - 1) * size, page * size) };
  });
}

/** Everything a read reported, in the order it came: messages, exchanges and observer events. */
function timeline() {
  const events: string[] = [];
  return {
    events,
    onMessage: (message: AirbyteMessage) => {
      if (message.type === 'RECORD') events.push(`record ${JSON.stringify(message.record.data)}`);
      else if (message.type === 'STATE') events.push(`state ${JSON.stringify(message.state.stream?.stream_state)}`);
    },
    onExchange: (exchange: Exchange) =>
      events.push(`${exchange.request.method} ${new URL(exchange.request.url).search} ${exchange.response?.status}`),
    observer: {
      sliceStarted: (event: { index: number }) => events.push(`slice ${event.index} started`),
      sliceFinished: (event: { index: number; outcome: string }) => events.push(`slice ${event.index} ${event.outcome}`),
      pageReceived: (event: { sliceIndex: number; number: number }) => events.push(`page ${event.number} of slice ${event.sliceIndex}`),
    },
  };
}

test('a read reports slices, pages, requests and messages in the order they happen', async (t) => {
  server.on('/items', pagedItems());
  const seen = timeline();
  const recorder = recordHttp(seen.onExchange);
  t.after(() => recorder.stop());
  const result = await read(new HttpExampleSource(), {
    config: { base_url: server.url, api_token: 'token-1234' },
    streams: ['items'],
    onMessage: seen.onMessage,
    observer: seen.observer,
  });
  assert.equal(result.exitCode, 0, result.describeErrors());
  assert.deepEqual(seen.events, [
    'slice 0 started',
    'GET ?page=1&per_page=2 200',
    'page 1 of slice 0',
    'record {"id":1}',
    'record {"id":2}',
    'state {"next_page_token":2}',
    'GET ?page=2&per_page=2 200',
    'page 2 of slice 0',
    'record {"id":3}',
    'record {"id":4}',
    'state {"next_page_token":3}',
    'GET ?page=3&per_page=2 200',
    'page 3 of slice 0',
    'record {"id":5}',
    'record {"id":6}',
    'state {"next_page_token":4}',
    'GET ?page=4&per_page=2 200',
    'page 4 of slice 0',
    'record {"id":7}',
    'slice 0 completed',
    'state {"__ab_full_refresh_sync_complete":true}',
  ]);
});

test('the recorder reports the request as sent and a request that got no response', async (t) => {
  const exchanges: Exchange[] = [];
  const recorder = recordHttp((exchange) => exchanges.push(exchange));
  t.after(() => recorder.stop());
  server.on('/items', pagedItems());
  await read(new HttpExampleSource(), { config: { base_url: server.url, api_token: 'token-1234', page_size: 10 }, streams: ['items'] });
  assert.equal(exchanges.length, 1);
  assert.equal(exchanges[0]!.request.headers.authorization, 'Bearer token-1234');
  assert.equal(exchanges[0]!.response?.status, 200);
  assert.deepEqual(JSON.parse(exchanges[0]!.response!.body.toString()), { data: ITEMS });
  assert.ok(exchanges[0]!.durationMs >= 0 && exchanges[0]!.startedAt > 0);

  server.on('/items', reply.resetBeforeAnswer());
  const failed = await read(new HttpExampleSource(), { config: { base_url: server.url, api_token: 'token-1234' }, streams: ['items'] });
  assert.notEqual(failed.exitCode, 0);
  const errors = exchanges.slice(1);
  assert.ok(errors.length >= 1);
  assert.ok(errors.every((exchange) => exchange.response === undefined && /socket|closed|reset|terminated/i.test(exchange.error ?? '')));
});

test('a page limit ends each slice after that many pages, as if it were the last', async () => {
  server.on('/items', pagedItems());
  const seen = timeline();
  const result = await read(new HttpExampleSource(), {
    config: { base_url: server.url, api_token: 'token-1234' },
    streams: ['items'],
    limits: { pagesPerSlice: 2 },
    observer: seen.observer,
  });
  assert.equal(result.exitCode, 0, result.describeErrors());
  assert.deepEqual(
    result.recordsOf('items').map((item) => item.id),
    [1, 2, 3, 4],
  );
  assert.equal(server.requestsTo('/items').length, 2);
  assert.deepEqual(result.statusesOf('items'), ['STARTED', 'RUNNING', 'COMPLETE']);
  assert.deepEqual(seen.events, ['slice 0 started', 'page 1 of slice 0', 'page 2 of slice 0', 'slice 0 completed']);
});

test('slice and record limits stop a stream cleanly, with its state at that point', async () => {
  const config = { api_key: 'good-key', count: 25 };
  const sliced = await read(new DaysSource(), { config: {}, streams: [{ name: 'days', syncMode: 'incremental' }], limits: { slices: 2 } });
  assert.equal(sliced.exitCode, 0, sliced.describeErrors());
  assert.equal(sliced.recordsOf('days').length, 8);
  assert.deepEqual(
    sliced.statesOf('days').map((state) => state.at),
    ['2024-01-01T03:00:00.000Z', '2024-01-02T03:00:00.000Z'],
  );
  assert.deepEqual(sliced.statusesOf('days'), ['STARTED', 'RUNNING', 'COMPLETE']);

  const limited = await read(new ExampleSource(), { config, streams: ['items'], limits: { records: 5 } });
  assert.equal(limited.recordsOf('items').length, 5);
  // `_limit` and the preview's limit: the smaller applies.
  const both = await read(new ExampleSource(), { config: { ...config, _limit: 3 }, streams: ['items'], limits: { records: 5 } });
  assert.equal(both.recordsOf('items').length, 3);
});

test('selectSlice reads only the slices it accepts: one slice replayed alone', async () => {
  const seen = timeline();
  const result = await read(new DaysSource(), {
    config: {},
    streams: [{ name: 'days', syncMode: 'incremental' }],
    limits: { selectSlice: (slice) => slice?.day === 2 },
    observer: seen.observer,
    onMessage: seen.onMessage,
  });
  assert.equal(result.exitCode, 0, result.describeErrors());
  assert.deepEqual(
    result.recordsOf<{ id: number }>('days').map((day) => day.id),
    [20, 21, 22, 23],
  );
  assert.deepEqual(
    seen.events.filter((event) => !event.startsWith('record')),
    ['slice 1 started', 'state {"at":"2024-01-02T03:00:00.000Z"}', 'slice 1 completed'],
  );
});

test('a failing slice is reported failed', async () => {
  const seen = timeline();
  const result = await read(new ExampleSource('stream-fails'), {
    config: { api_key: 'good-key', count: 25 },
    streams: ['items'],
    observer: seen.observer,
  });
  assert.notEqual(result.exitCode, 0);
  assert.equal(seen.events.at(-1), 'slice 0 failed');
});

test('configProblems gives the CDK’s validation messages with their fields', async () => {
  assert.deepEqual(await configProblems(new HttpExampleSource(), { base_url: 'x', api_token: 'token-1234' }), []);
  assert.deepEqual(await configProblems(new HttpExampleSource(), { base_url: 7, page_size: 'big', _limit: -1 }), [
    { field: ['_limit'], message: "'_limit' must be a positive integer, got -1" },
    { field: ['api_token'], message: 'config.api_token is required' },
    { field: ['base_url'], message: 'config.base_url must be string' },
    { field: ['page_size'], message: 'config.page_size must be integer' },
  ]);
});
