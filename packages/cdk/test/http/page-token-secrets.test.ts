/**
 * No secret reaches a STATE message through a page token. A next-page link is saved without the
 * query parameters the authenticator sets again; a link holding a secret anywhere else (inside
 * a longer value, percent-encoded, in the path) is not saved at all: the state then says to
 * start the slice again, and a resumed read does.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { FaultServer, type Handler, sendJson, useFaultServer } from '@tributary/test-support/fault-server';
import { mergeStates, readKilledAfter, stateArgs } from '@tributary/test-support/interrupted-read';
import { catalogFor, messagesOfType, recordsOf } from '@tributary/test-support/run-cli';
import { TempDir } from '@tributary/test-support/temp-dir';
import { ApiKeyAuthenticator } from '../../src/http/auth/api-key-authenticator.js';
import { registerSecret } from '../../src/output/secret-masker.js';
import type { StreamState } from '../../src/state/stream-state.js';
import { HttpStream } from '../../src/streams/http/http-stream.js';
import { linkForState, tokenForState } from '../../src/streams/http/page-token-state.js';
import { LinkHeaderPaginator } from '../../src/streams/http/paginators/link-header-paginator.js';
import { FIXTURES_DIR, runFixture } from '../helpers/fixtures.js';
import { MemoryLogger, readAll, readOptions } from '../helpers/read-records.js';

let server: FaultServer;
useFaultServer((started) => {
  server = started;
});

const KEY = 'token-secret-key-41f7';
/** A secret with characters that URLs and forms spell differently. */
const ODD = 'p@ss w/rd+1:odd';
registerSecret(ODD);
const ITEMS = Array.from({ length: 9 }, (_, index) => ({ id: index + 1 }));

test('tokenForState: the authenticator parameters are left out; a secret anywhere else means the token is not kept', () => {
  const key = new Set(['api_key']);
  const none = new Set<string>();
  registerSecret(KEY);
  assert.equal(tokenForState(`https://api.example.com/items?page=2&api_key=${KEY}`, key), 'https://api.example.com/items?page=2');
  assert.equal(tokenForState(`https://api.example.com/items?page=2&api_key=anything`, key), 'https://api.example.com/items?page=2');
  assert.equal(tokenForState('https://api.example.com/items?page=2', none), 'https://api.example.com/items?page=2', 'unchanged');
  for (const link of [
    `https://api.example.com/items?page=2&api_key=${KEY}`, // not set by the authenticator: the resumed request would lack it
    `https://api.example.com/items?page=2&sig=${KEY}x`,
    `https://api.example.com/items?page=2&sig=abc${KEY}`,
    `https://api.example.com/items?sig=${encodeURIComponent(ODD)}`,
    `https://api.example.com/items?q=x${new URLSearchParams({ v: ODD }).toString().slice(2)}y`,
    `https://api.example.com/keys/${KEY}/items`,
    `https://api.example.com/keys/${encodeURIComponent(ODD)}/items`,
    `https://user:${KEY}@api.example.com/items`,
    `https://${KEY}@api.example.com/items`,
    `https://api.example.com/items#${KEY}`,
  ]) {
    assert.equal(tokenForState(link, none), undefined, link);
  }
  assert.equal(linkForState(`https://api.example.com/items?sig=${KEY}x&api_key=${KEY}`, key), undefined);
  // Tokens that are not links: kept unless they hold a secret.
  assert.equal(tokenForState(42, none), 42);
  assert.equal(tokenForState('cursor-abc', none), 'cursor-abc');
  assert.equal(tokenForState(`cursor-${KEY}`, none), undefined);
  assert.deepEqual(tokenForState({ after: 'abc' }, none), { after: 'abc' });
  assert.equal(tokenForState({ after: `x${ODD}` }, none), undefined);
});

/**
 * `/api/items?page=N` whose Link header carries a signature containing the key (the way some
 * APIs sign their links with the credentials); `signature` builds it from the page.
 */
function signedLinks(signature: (page: number) => string): Handler {
  return ({ url, res }) => {
    const page = Number(url.searchParams.get('page') ?? 1);
    const headers: Record<string, string> =
      page < 3 ? { link: `</api/items?page=${page + 1}&sig=${signature(page + 1)}>; rel="next"` } : {};
    sendJson(res, { data: ITEMS.slice((page - 1) * 3, page * 3) }, { headers });
  };
}

class Signed extends HttpStream<{ id: number }> {
  urlBase = `${server.url}/api`;
  recordsPath = 'data';
  paginator = new LinkHeaderPaginator();
  authenticator = new ApiKeyAuthenticator({ key: KEY, header: 'X-Api-Key' });
  path() {
    return 'items';
  }
}

async function readCheckpointed(stream: HttpStream<{ id: number }>, state?: StreamState) {
  const checkpoints: StreamState[] = [];
  const logger = new MemoryLogger();
  const records = await readAll(stream, readOptions({ logger, state, checkpoint: (next: StreamState) => checkpoints.push(next) }));
  return { records, checkpoints, logger };
}

test('a next-page link whose parameter contains the secret is not checkpointed: the state says start the slice again, and a resumed read does', async () => {
  for (const signature of [
    (page: number) => `${KEY}x${page}`,
    (page: number) => `${page}-${KEY}`,
    (page: number) => `${page}${encodeURIComponent(ODD)}`,
  ]) {
    server.requests.length = 0;
    server.on('/api/items', signedLinks(signature));
    const { records, checkpoints, logger } = await readCheckpointed(new Signed());
    assert.equal(records.length, ITEMS.length);
    assert.deepEqual(checkpoints, [{}, {}]);
    assert.match(
      logger.text('warn'),
      /the next-page token after page 1 holds a secret, so it is not saved in the state; an interrupted read starts this slice again from its first page/,
    );
    assert.equal(logger.text('warn').match(/holds a secret/g)?.length, 1, 'one warning per slice');

    server.requests.length = 0;
    const resumed = await readCheckpointed(new Signed(), checkpoints[1]);
    assert.equal(resumed.records.length, ITEMS.length, 'the slice is read again from its first page');
    assert.equal(server.requests[0]?.url.searchParams.get('page'), null);
  }
});

test('a next-page link with the secret in its path is not checkpointed', async () => {
  server.on('/api/items', ({ res }) =>
    sendJson(res, { data: ITEMS.slice(0, 3) }, { headers: { link: `</api/keys/${KEY}/items>; rel="next"` } }),
  );
  server.on(`/api/keys/${KEY}/items`, ({ res }) => sendJson(res, { data: ITEMS.slice(3) }));
  const { records, checkpoints } = await readCheckpointed(new Signed());
  assert.equal(records.length, ITEMS.length);
  assert.deepEqual(checkpoints, [{}]);
});

test("a sub-stream's partition whose next-page link holds a secret keeps no token: it starts again from its first page", async () => {
  server.on(
    '/api/items',
    signedLinks((page) => `${KEY}-${page}`),
  );
  class Children extends Signed {
    readonly parent = new Signed();
    partition(parent: { id: number }) {
      return { parent_id: parent.id };
    }
  }
  const states: StreamState[] = [];
  const read = await readAll(
    new Children(),
    readOptions({ slice: { parent: { id: 1 } }, checkpoint: (next: StreamState) => states.push(next) }),
  );
  assert.equal(read.length, ITEMS.length);
  assert.ok(!JSON.stringify(states).includes(KEY), JSON.stringify(states));
  assert.deepEqual(states, [
    { states: [{ partition: { parent_id: 1 }, cursor: {} }] },
    { states: [{ partition: { parent_id: 1 }, cursor: {} }] },
  ]);

  server.requests.length = 0;
  const resumed = new Children();
  resumed.state = states[1];
  const again = await readAll(resumed, readOptions({ slice: { parent: { id: 1 } }, checkpoint: () => undefined }));
  assert.equal(again.length, ITEMS.length);
  assert.equal(server.requests[0]?.url.searchParams.get('page'), null, 'the partition starts from its first page');
});

// ---- Through the real command line ----

const API_KEY = 'signed-links-api-key-90c3';
const ORDERS = Array.from({ length: 17 }, (_, index) => ({ id: 100 + index }));

/** `/api/v1/orders?after=&limit=`: each Link signed with a value that contains the API key. */
function signedOrders(api: FaultServer): void {
  api.on('/api/v1/orders', ({ url, res }) => {
    const after = Number(url.searchParams.get('after') ?? 0);
    const limit = Number(url.searchParams.get('limit'));
    const rows = ORDERS.filter((order) => order.id > after).slice(0, limit);
    const last = rows[rows.length - 1];
    const more = last !== undefined && last.id < ORDERS[ORDERS.length - 1]!.id;
    const headers: Record<string, string> = more
      ? { link: `</api/v1/orders?after=${last.id}&limit=${limit}&sig=${last.id}.${API_KEY}>; rel="next"` }
      : {};
    sendJson(res, rows, { headers });
  });
}

test('CLI: no STATE carries a link signed with the API key; a read killed mid-way starts the stream again and loses nothing', {
  timeout: 120_000,
}, async () => {
  const api = await FaultServer.start();
  const dir = await TempDir.create('tributary-signed-links-');
  try {
    signedOrders(api);
    const config = await dir.json('config.json', { base_url: `${api.url}/api/v1`, api_key: API_KEY, page_size: 5 });
    const args = ['read', '--config', config, '--catalog', await dir.json('catalog.json', catalogFor('orders'))];
    const run = await runFixture('http-source', args);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(
      recordsOf(run.messages, 'orders').map((record) => record.data),
      ORDERS,
    );
    const states = messagesOfType(run.messages, 'STATE').map((message) => message.state.stream?.stream_state);
    assert.deepEqual(states, [{}, {}, {}, { __ab_full_refresh_sync_complete: true }]);
    assert.ok(!run.stdout.includes(API_KEY), 'the key is nowhere in the output');
    assert.ok(
      api.requests.every((request) => request.headers['x-api-key'] === API_KEY),
      'every request carried the key',
    );

    const script = join(FIXTURES_DIR, 'http-source', 'main.ts');
    const killed = await readKilledAfter(script, args, 7);
    assert.equal(killed.completed, false);
    const saved = mergeStates([], killed);
    assert.deepEqual(
      saved.map((entry) => entry.stream.stream_state),
      [{}],
    );
    api.requests.length = 0;
    const resumed = await readKilledAfter(script, [...args, ...(await stateArgs(dir, saved))], Number.POSITIVE_INFINITY);
    assert.equal(resumed.completed, true, resumed.stderr);
    assert.equal(api.requests[0]?.url.searchParams.get('after'), null, 'the stream starts again from its first page');
    assert.deepEqual(
      resumed.records.map((record) => record.data),
      ORDERS,
    );
  } finally {
    await api.close();
    await dir.remove();
  }
});
