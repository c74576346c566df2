/**
 * An HttpStream connector end to end: the fixture in test/fixtures/http-source runs as a child
 * process (`node --import tsx main.ts read …`) against a local fault server.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FaultServer, type Handler, reply, sendJson } from '@tributary/test-support/fault-server';
import { assertFailedWith, catalogFor, errorTraces, messagesOfType, outlineOf, recordDataOf } from '@tributary/test-support/run-cli';
import { TempDir } from '@tributary/test-support/temp-dir';
import { runFixture } from '../helpers/fixtures.js';

const API_KEY = 'e2e-api-key-5f1b9c';
const CUSTOMERS = Array.from({ length: 23 }, (_, index) => ({ id: index + 1, name: `customer ${index + 1}` }));
const ORDERS = Array.from({ length: 17 }, (_, index) => ({ id: 100 + index, total: index * 3 }));

/** A fresh API server and folder for a test. */
async function withApi(run: (server: FaultServer, dir: TempDir) => Promise<void>): Promise<void> {
  const server = await FaultServer.start();
  const dir = await TempDir.create('tributary-http-');
  try {
    await run(server, dir);
  } finally {
    await server.close();
    await dir.remove();
  }
}

function requireKey(handler: Handler): Handler {
  return (context) => {
    if (context.req.headers['x-api-key'] !== API_KEY) return sendJson(context.res, { message: 'bad key' }, { status: 401 });
    return handler(context);
  };
}

const customers = requireKey(
  reply.json(({ url }) => {
    const page = Number(url.searchParams.get('page'));
    const size = Number(url.searchParams.get('per_page'));
    return { data: CUSTOMERS.slice((page - 1) * size, page * size) };
  }),
);

/** Orders by `?after=<id>&limit=`, with a Link header to the next page; the second page fails `faultCount` times first (a 503, then a reset mid-body). */
function orders(faultCount = 2): Handler {
  let faults = 0;
  return requireKey((context) => {
    const after = Number(context.url.searchParams.get('after') ?? 0);
    const limit = Number(context.url.searchParams.get('limit'));
    const rows = ORDERS.filter((order) => order.id > after).slice(0, limit);
    if (after > 0 && faults < faultCount) {
      faults++;
      return faults === 1 ? reply.status(503)(context) : reply.resetMidBody(rows, 20)(context);
    }
    const last = rows[rows.length - 1];
    const headers: Record<string, string> =
      last && last.id < ORDERS[ORDERS.length - 1]!.id ? { link: `</api/v1/orders?after=${last.id}&limit=${limit}>; rel="next"` } : {};
    sendJson(context.res, rows, { headers });
  });
}

async function read(server: FaultServer, dir: TempDir, streams: string[], config: Record<string, unknown> = {}, extraArgs: string[] = []) {
  const configFile = await dir.json('config.json', { base_url: `${server.url}/api/v1`, api_key: API_KEY, page_size: 5, ...config });
  const catalogFile = await dir.json('catalog.json', catalogFor(...streams));
  return runFixture('http-source', ['read', '--config', configFile, '--catalog', catalogFile, ...extraArgs]);
}

test('an HttpStream connector reads every record once through faults; failures stay in their stream, secrets masked', async () => {
  await withApi(async (server, dir) => {
    server.on('/api/v1/customers', customers);
    server.on('/api/v1/orders', orders());
    server.on('/api/v1/restricted', requireKey(reply.status(403, { error: { message: `key ${API_KEY} may not read this` } })));
    server.on(
      '/api/v1/invoices',
      requireKey((context) =>
        context.url.searchParams.get('page') === '3' ? reply.status(500, { message: 'db down' })(context) : customers(context),
      ),
    );
    const run = await read(server, dir, ['customers', 'orders', 'restricted', 'invoices'], { max_retries: 2 }, ['--debug']);

    // Healthy and flaky streams: every record exactly once.
    assert.deepEqual(recordDataOf(run.messages, 'customers'), CUSTOMERS);
    // Resumable full refresh: a STATE with the next page token after each page, then the end marker.
    const pages = (sizes: number[]) => sizes.flatMap((size) => [`RECORD×${size}`, 'STATE']);
    assert.deepEqual(outlineOf(run.messages, 'customers'), ['STARTED', 'RUNNING', ...pages([5, 5, 5, 5, 3]), 'COMPLETE']);
    assert.equal(server.requestsTo('/api/v1/customers').length, 5);
    assert.deepEqual(recordDataOf(run.messages, 'orders'), ORDERS);
    assert.deepEqual(outlineOf(run.messages, 'orders'), ['STARTED', 'RUNNING', ...pages([5, 5, 5, 2]), 'COMPLETE']);
    assert.equal(server.requestsTo('/api/v1/orders').length, 6, 'four pages; a 503 and a reset mid-body were retried');

    // A refusal: config_error naming the request, the key masked.
    assertFailedWith(run, 'config_error', /restricted, invoices/);
    const traces = errorTraces(run.messages);
    const restricted = traces.find((trace) => trace.stream_descriptor?.name === 'restricted');
    assert.equal(restricted?.failure_type, 'config_error', run.stdout);
    assert.match(
      restricted!.message,
      /refused access.*GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/restricted → HTTP 403 Forbidden; the API said: key \*\*\*\* may not read this/,
    );
    assert.deepEqual(outlineOf(run.messages, 'restricted'), ['STARTED', 'INCOMPLETE', 'ERROR']);

    // Exhausted retries: transient, after the records already read, none twice.
    const invoices = traces.find((trace) => trace.stream_descriptor?.name === 'invoices');
    assert.equal(invoices?.failure_type, 'transient_error');
    assert.match(
      invoices!.message,
      /3 attempts over .* did not get through: GET .*invoices\?page=3&per_page=5; last answer: HTTP 500 .*db down/,
    );
    assert.deepEqual(recordDataOf(run.messages, 'invoices'), CUSTOMERS.slice(0, 10));
    assert.deepEqual(outlineOf(run.messages, 'invoices'), ['STARTED', 'RUNNING', ...pages([5, 5]), 'INCOMPLETE', 'ERROR']);

    // Debug logs of each request, masked.
    const logs = messagesOfType(run.messages, 'LOG').map((message) => message.log.message);
    assert.ok(
      logs.some((line) => /^HTTP GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/customers\?page=1&per_page=5 → 200 in \d+ ms/.test(line)),
      logs.join('\n'),
    );
    assert.ok(logs.some((line) => /orders\?after=104&limit=5 failed \(HTTP 503\); retrying/.test(line)));
    assert.equal(run.stdout.includes(API_KEY), false, 'the API key never reaches stdout');
    assert.equal(run.stderr.includes(API_KEY), false);
  });
});

test('a stream waiting on a 429 reports RUNNING with reason RATE_LIMITED (with the quota reset when the API gives it)', async () => {
  await withApi(async (server, dir) => {
    let customerCalls = 0;
    server.on('/api/v1/customers', (context) => {
      customerCalls++;
      if (customerCalls === 2) return reply.status(429, { message: 'slow down' }, { 'x-ratelimit-reset': '0' })(context);
      return customers(context);
    });
    let orderCalls = 0;
    server.on('/api/v1/orders', (context) => {
      orderCalls++;
      if (orderCalls === 1) return reply.status(429, { message: 'slow down' }, { 'retry-after': '0' })(context);
      return orders(0)(context);
    });
    const before = Date.now();
    const run = await read(server, dir, ['customers', 'orders'], { _concurrency: 1 });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(recordDataOf(run.messages, 'customers'), CUSTOMERS);
    assert.deepEqual(recordDataOf(run.messages, 'orders'), ORDERS);

    const rateLimited = messagesOfType(run.messages, 'TRACE').filter(
      (message) =>
        message.trace.type === 'STREAM_STATUS' && message.trace.stream_status?.reasons?.some((reason) => reason.type === 'RATE_LIMITED'),
    );
    assert.deepEqual(
      rateLimited.map((message) => [message.trace.stream_status?.stream_descriptor.name, message.trace.stream_status?.status]),
      [
        ['customers', 'RUNNING'],
        ['orders', 'RUNNING'],
      ],
    );
    const [customersReason] = rateLimited[0]!.trace.stream_status!.reasons!;
    const quotaReset = customersReason!.rate_limited?.quota_reset;
    assert.ok(typeof quotaReset === 'number' && quotaReset >= before && quotaReset <= Date.now(), `quota_reset ${quotaReset}`);
    assert.deepEqual(rateLimited[1]!.trace.stream_status!.reasons, [{ type: 'RATE_LIMITED' }], 'Retry-After gives no reset time');

    // The status comes while the stream waits: after its first page, before the page that was limited.
    const outline = outlineOf(run.messages, 'customers');
    assert.deepEqual(outline.slice(0, 6), ['STARTED', 'RUNNING', 'RECORD×5', 'STATE', 'RUNNING', 'RECORD×5']);
    // Limited on its first request: the RATE_LIMITED status comes before the plain RUNNING of the first record.
    assert.deepEqual(outlineOf(run.messages, 'orders').slice(0, 4), ['STARTED', 'RUNNING', 'RUNNING', 'RECORD×5']);
  });
});
