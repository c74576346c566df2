/**
 * Resumable full refresh (the Python CDK's RFR): an HttpStream without a cursor checkpoints
 * its next page token, and an interrupted full refresh resumes from the last checkpointed page.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { FaultServer, type Handler, reply, sendJson, useFaultServer } from '@tributary/test-support/fault-server';
import { mergeStates, readKilledAfter, type StreamStateEntry, stateArgs } from '@tributary/test-support/interrupted-read';
import { catalogFor, messagesOfType, outlineOf, recordDataOf } from '@tributary/test-support/run-cli';
import { TempDir } from '@tributary/test-support/temp-dir';
import { ApiKeyAuthenticator } from '../../src/http/auth/api-key-authenticator.js';
import type { StreamState } from '../../src/state/stream-state.js';
import { HttpStream } from '../../src/streams/http/http-stream.js';
import { HttpSubStream } from '../../src/streams/http/http-sub-stream.js';
import { LinkHeaderPaginator } from '../../src/streams/http/paginators/link-header-paginator.js';
import { PageNumberPaginator } from '../../src/streams/http/paginators/page-number-paginator.js';
import type { ReadOptions } from '../../src/streams/read-options.js';
import { FIXTURES_DIR, runFixture } from '../helpers/fixtures.js';
import { readAll, readOptions } from '../helpers/read-records.js';

let server: FaultServer;
useFaultServer((started) => {
  server = started;
});

const ITEMS = Array.from({ length: 11 }, (_, index) => ({ id: index + 1 }));

/** `/items?page=N&per_page=M` answering `{ data: [...] }`. */
const pagedItems: Handler = reply.json(({ url }) => {
  const page = Number(url.searchParams.get('page') ?? 1);
  const size = Number(url.searchParams.get('per_page') ?? 4);
  return { data: ITEMS.slice((page - 1) * size, page * size) };
});

class Items extends HttpStream<{ id: number }> {
  urlBase = `${server.url}/api`;
  recordsPath = 'data';
  pageSize = 4;
  paginator = new PageNumberPaginator({ pageSizeParam: 'per_page' });
  path() {
    return 'items';
  }
}

test('supportsResumableFullRefresh: true for an HttpStream without cursor, slices or its own readRecords; overridable', () => {
  assert.equal(new Items().supportsResumableFullRefresh, true);
  assert.equal(Object.hasOwn(new Items(), 'supportsResumableFullRefresh'), false, 'a getter on the prototype, not an instance field');

  class WithCursor extends Items {
    cursorField = 'updated_at';
  }
  class WithPathCursor extends Items {
    get cursorField() {
      return ['meta', 'updated_at'];
    }
  }
  class OwnReadRecords extends Items {
    async *readRecords(options: ReadOptions) {
      yield* super.readRecords(options);
    }
  }
  class Sliced extends Items {
    streamSlices() {
      return [{ region: 'eu' }];
    }
  }
  class OptedOut extends Items {
    supportsResumableFullRefresh = false;
  }
  class OptedOutGetter extends Items {
    get supportsResumableFullRefresh() {
      return false;
    }
  }
  for (const Stream of [WithCursor, WithPathCursor, OwnReadRecords, Sliced, OptedOut, OptedOutGetter]) {
    assert.equal(new Stream().supportsResumableFullRefresh, false, Stream.name);
  }

  class Children extends HttpSubStream<{ id: number }, { id: number }> {
    urlBase = server.url;
    path() {
      return 'x';
    }
  }
  class IncrementalChildren extends Children {
    cursorField = 'updated_at';
  }
  assert.equal(new Children(new Items()).supportsResumableFullRefresh, true, 'a sub-stream resumes per partition');
  assert.equal(new IncrementalChildren(new Items()).supportsResumableFullRefresh, false);
});

/** Reads `stream`, logging each record and each checkpoint in the order they happen. */
async function readLogged(stream: HttpStream<{ id: number }>, options: Partial<ReadOptions>) {
  const events: string[] = [];
  const checkpoints: StreamState[] = [];
  const records = await readAll(
    stream,
    readOptions({
      ...options,
      checkpoint: (state: StreamState) => {
        checkpoints.push(state);
        events.push(`state ${JSON.stringify(state)}`);
      },
    }),
  );
  // readAll consumes the generator to the end: each record was handed over before the next step.
  return { records, checkpoints, events };
}

test('a full refresh checkpoints the next page token after each page whose records were all handed over', async () => {
  server.on('/api/items', pagedItems);
  const events: string[] = [];
  const stream = new Items();
  const source = stream.readRecords(
    readOptions({
      checkpoint: (state: StreamState) => events.push(`state ${JSON.stringify(state)}`),
    }),
  );
  for await (const record of source) events.push(`record ${record.id}`);
  assert.deepEqual(events, [
    'record 1',
    'record 2',
    'record 3',
    'record 4',
    'state {"next_page_token":2}',
    'record 5',
    'record 6',
    'record 7',
    'record 8',
    'state {"next_page_token":3}',
    'record 9',
    'record 10',
    'record 11',
  ]);
});

test('a full refresh starts from the page token in its state; the end marker or an empty state start from the first page', async () => {
  server.on('/api/items', pagedItems);
  const resumed = await readLogged(new Items(), { state: { next_page_token: 2 } });
  assert.deepEqual(
    resumed.records.map((record) => record.id),
    ITEMS.slice(4).map((item) => item.id),
  );
  assert.deepEqual(resumed.checkpoints, [{ next_page_token: 3 }]);
  assert.deepEqual(
    server.requests.map((request) => request.url.searchParams.get('page')),
    ['2', '3'],
  );

  for (const state of [{ __ab_full_refresh_sync_complete: true }, {}, undefined]) {
    server.requests.length = 0;
    const again = await readLogged(new Items(), { state });
    assert.equal(again.records.length, ITEMS.length, JSON.stringify(state));
    assert.equal(server.requests[0]!.url.searchParams.get('page'), '1');
  }
});

test('no page tokens are saved or used in an incremental read, or by a stream that opted out', async () => {
  server.on('/api/items', pagedItems);
  class OptedOut extends Items {
    supportsResumableFullRefresh = false;
  }
  const incremental = await readLogged(new Items(), { syncMode: 'incremental', state: { next_page_token: 3 } });
  const optedOut = await readLogged(new OptedOut(), { state: { next_page_token: 3 } });
  for (const run of [incremental, optedOut]) {
    assert.equal(run.records.length, ITEMS.length);
    assert.deepEqual(run.checkpoints, []);
  }
});

test('a resumed read that is sent back to the page it resumed from fails as a pagination loop', async () => {
  server.on('/api/items', (context) =>
    sendJson(context.res, { data: [{ id: 1 }] }, { headers: { link: '</api/items?cursor=abc>; rel="next"' } }),
  );
  class Linked extends HttpStream<{ id: number }> {
    urlBase = `${server.url}/api`;
    recordsPath = 'data';
    paginator = new LinkHeaderPaginator();
    path() {
      return 'items';
    }
  }
  await assert.rejects(
    readAll(new Linked(), readOptions({ state: { next_page_token: `${server.url}/api/items?cursor=abc` } })),
    /pagination loop: .* the same as the token the read resumed from/,
  );
});

test('a next-page link is checkpointed without the API key the API echoed in it, and the resumed read sends the key again', async () => {
  const key = 'query-key-5f1e9a';
  // The API echoes every request parameter in its links, the key included (as many do).
  server.on('/api/items', ({ url, res }) => {
    const page = Number(url.searchParams.get('page') ?? 1);
    const next = new URL(url.toString());
    next.searchParams.set('page', String(page + 1));
    const headers: Record<string, string> = page < 3 ? { link: `<${next.pathname}${next.search}>; rel="next"` } : {};
    sendJson(res, { data: ITEMS.slice((page - 1) * 4, page * 4) }, { headers });
  });
  class Keyed extends HttpStream<{ id: number }> {
    urlBase = `${server.url}/api`;
    recordsPath = 'data';
    paginator = new LinkHeaderPaginator();
    authenticator = new ApiKeyAuthenticator({ key: key, queryParam: 'api_key' });
    path() {
      return 'items';
    }
  }
  const first = await readLogged(new Keyed(), {});
  assert.equal(first.records.length, ITEMS.length);
  assert.deepEqual(first.checkpoints, [
    { next_page_token: `${server.url}/api/items?page=2` },
    { next_page_token: `${server.url}/api/items?page=3` },
  ]);

  // A sub-stream keeps the page token of each partition the same way.
  class KeyedChildren extends Keyed {
    readonly parent = new Items();
    partition(parent: { id: number }) {
      return { parent_id: parent.id };
    }
  }
  const children = await readLogged(new KeyedChildren(), { slice: { parent: { id: 1 } } });
  assert.equal(children.records.length, ITEMS.length);
  assert.ok(children.checkpoints.length > 0);
  for (const checkpoint of children.checkpoints) assert.ok(!JSON.stringify(checkpoint).includes(key), JSON.stringify(checkpoint));

  server.requests.length = 0;
  const resumed = await readLogged(new Keyed(), { state: first.checkpoints[0] });
  assert.deepEqual(
    resumed.records.map((record) => record.id),
    ITEMS.slice(4).map((item) => item.id),
  );
  assert.deepEqual(
    server.requests.map((request) => [request.url.searchParams.get('page'), request.url.searchParams.getAll('api_key')]),
    [
      ['2', [key]],
      ['3', [key]],
    ],
  );
});

// ---- Through the real command line ----

const CUSTOMERS = Array.from({ length: 23 }, (_, index) => ({ id: index + 1, name: `customer ${index + 1}` }));
const ORDERS = Array.from({ length: 17 }, (_, index) => ({ id: 100 + index, total: index * 3 }));
const API_KEY = 'rfr-api-key-31b7';

function routes(api: FaultServer): void {
  api.on(
    '/api/v1/customers',
    reply.json(({ url }) => {
      const page = Number(url.searchParams.get('page'));
      const size = Number(url.searchParams.get('per_page'));
      return { data: CUSTOMERS.slice((page - 1) * size, page * size) };
    }),
  );
  api.on('/api/v1/orders', (context) => {
    const after = Number(context.url.searchParams.get('after') ?? 0);
    const limit = Number(context.url.searchParams.get('limit'));
    const rows = ORDERS.filter((order) => order.id > after).slice(0, limit);
    const last = rows[rows.length - 1];
    const headers: Record<string, string> =
      last && last.id < ORDERS[ORDERS.length - 1]!.id ? { link: `</api/v1/orders?after=${last.id}&limit=${limit}>; rel="next"` } : {};
    sendJson(context.res, rows, { headers });
  });
}

async function inputs(api: FaultServer, dir: TempDir) {
  const config = await dir.json('config.json', { base_url: `${api.url}/api/v1`, api_key: API_KEY, page_size: 5 });
  const catalog = await dir.json('catalog.json', catalogFor('customers', 'orders'));
  return ['read', '--config', config, '--catalog', catalog];
}

test('CLI: each page is checkpointed with its token and the read ends with the __ab_full_refresh_sync_complete state', async () => {
  const api = await FaultServer.start();
  const dir = await TempDir.create('tributary-rfr-');
  try {
    routes(api);
    const run = await runFixture('http-source', await inputs(api, dir));
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(recordDataOf(run.messages, 'customers'), CUSTOMERS);
    assert.deepEqual(recordDataOf(run.messages, 'orders'), ORDERS);
    assert.deepEqual(outlineOf(run.messages, 'customers'), [
      'STARTED',
      'RUNNING',
      'RECORD×5',
      'STATE',
      'RECORD×5',
      'STATE',
      'RECORD×5',
      'STATE',
      'RECORD×5',
      'STATE',
      'RECORD×3',
      'STATE',
      'COMPLETE',
    ]);
    const states = messagesOfType(run.messages, 'STATE').filter((message) => message.state.stream?.stream_descriptor.name === 'customers');
    assert.deepEqual(
      states.map((message) => message.state.stream?.stream_state),
      [
        { next_page_token: 2 },
        { next_page_token: 3 },
        { next_page_token: 4 },
        { next_page_token: 5 },
        { __ab_full_refresh_sync_complete: true },
      ],
    );
    assert.deepEqual(
      states.map((message) => message.state.sourceStats?.recordCount),
      [5, 5, 5, 5, 3],
    );
    const orderStates = messagesOfType(run.messages, 'STATE')
      .filter((message) => message.state.stream?.stream_descriptor.name === 'orders')
      .map((message) => message.state.stream?.stream_state);
    assert.equal(orderStates.length, 4);
    assert.match(String(orderStates[0]?.next_page_token), /^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/orders\?after=104&limit=5$/);
    assert.deepEqual(orderStates[3], { __ab_full_refresh_sync_complete: true });
  } finally {
    await api.close();
    await dir.remove();
  }
});

test('CLI: a full refresh killed after N records resumes from the last checkpointed page; nothing is lost', {
  timeout: 300_000,
}, async () => {
  const api = await FaultServer.start();
  const dir = await TempDir.create('tributary-rfr-kill-');
  try {
    routes(api);
    const args = await inputs(api, dir);
    const script = join(FIXTURES_DIR, 'http-source', 'main.ts');
    const expected = new Set([...CUSTOMERS.map((c) => `customers:${c.id}`), ...ORDERS.map((o) => `orders:${o.id}`)]);

    for (const killAfter of [1, 7, 12, 23, 33]) {
      const killed = await readKilledAfter(script, args, killAfter);
      assert.equal(killed.completed, false, `kill after ${killAfter}`);
      const states: StreamStateEntry[] = mergeStates([], killed);
      const customersState = states.find((entry) => entry.stream.stream_descriptor.name === 'customers')?.stream.stream_state;
      api.requests.length = 0;

      const resumed = await readKilledAfter(script, [...args, ...(await stateArgs(dir, states))], Number.POSITIVE_INFINITY);
      assert.equal(resumed.completed, true, `kill after ${killAfter}: the resumed read completes\n${resumed.stderr}`);

      // The resumed read starts where the checkpoint said.
      const token = customersState?.next_page_token;
      const firstCustomersPage = api.requestsTo('/api/v1/customers')[0]?.url.searchParams.get('page');
      if (typeof token === 'number') assert.equal(firstCustomersPage, String(token), `kill after ${killAfter}`);
      else if (customersState?.__ab_full_refresh_sync_complete !== true) assert.equal(firstCustomersPage, '1');

      const seen = new Map<string, number>();
      for (const record of [...killed.records, ...resumed.records]) {
        const key = `${record.stream}:${(record.data as { id: number }).id}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
      const missing = [...expected].filter((key) => !seen.has(key));
      assert.deepEqual(missing, [], `kill after ${killAfter}: records never read`);
      assert.deepEqual(
        [...seen.keys()].filter((key) => !expected.has(key)),
        [],
      );
      // Only records written after their stream's last checkpoint may be read again, and those of
      // a stream that had completed (its end marker means: start over next time).
      const duplicates = [...seen.values()].reduce((sum, n) => sum + n - 1, 0);
      const uncommitted = [...killed.uncommitted.values()].reduce((sum, n) => sum + n, 0);
      assert.ok(uncommitted <= 5 + 5, `kill after ${killAfter}: at most a page per stream is uncommitted`);
      const completedAgain = states
        .filter((entry) => entry.stream.stream_state?.__ab_full_refresh_sync_complete === true)
        .reduce((sum, entry) => sum + killed.records.filter((record) => record.stream === entry.stream.stream_descriptor.name).length, 0);
      const allowed = uncommitted + completedAgain;
      assert.ok(duplicates <= allowed, `kill after ${killAfter}: ${duplicates} duplicates, at most ${allowed} allowed`);
    }
  } finally {
    await api.close();
    await dir.remove();
  }
});
