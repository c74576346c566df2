import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FaultServer, type Handler, reply, useFaultServer } from '@tributary/test-support/fault-server';
import { ConnectorError } from '../../src/errors/connector-error.js';
import { ApiKeyAuthenticator } from '../../src/http/auth/api-key-authenticator.js';
import { CallBudget } from '../../src/http/call-budget.js';
import { HttpError } from '../../src/http/http-error.js';
import type { RetryPolicyOptions } from '../../src/http/retry-policy.js';
import { HttpStream } from '../../src/streams/http/http-stream.js';
import { PageNumberPaginator } from '../../src/streams/http/paginators/page-number-paginator.js';
import { MemoryLogger, readAll, readOptions, readUntilFailure } from '../helpers/read-records.js';

let server: FaultServer;
useFaultServer((started) => {
  server = started;
});

const ITEMS = Array.from({ length: 25 }, (_, index) => ({ id: index + 1, name: `item ${index + 1}` }));
const ALL_IDS = ITEMS.map((item) => item.id);
const PAGE_SIZE = 10;
const FAST: RetryPolicyOptions = { maxRetries: 3, backoff: { baseMs: 10, maxDelayMs: 40 } };
const API_KEY = 'fault-test-api-key-0042';

function page(number: number): { data: typeof ITEMS } {
  return { data: ITEMS.slice((number - 1) * PAGE_SIZE, number * PAGE_SIZE) };
}

/** A healthy page-number API. */
const healthy: Handler = reply.json(({ url }) => page(Number(url.searchParams.get('page'))));

/** Page 2 fails with `fault` for the first `times` requests to it; every other request is healthy. */
function page2Fails(fault: Handler, times = 1): Handler {
  let failures = 0;
  return (context) => {
    if (context.url.searchParams.get('page') === '2' && failures < times) {
      failures++;
      return fault(context);
    }
    return healthy(context);
  };
}

class Items extends HttpStream<{ id: number; name: string }> {
  constructor(private readonly api: FaultServer) {
    super();
  }
  get urlBase() {
    return `${this.api.url}/api`;
  }
  recordsPath = 'data';
  pageSize = PAGE_SIZE;
  paginator = new PageNumberPaginator();
  authenticator = new ApiKeyAuthenticator({ key: API_KEY, queryParam: 'api_key' });
  retryPolicy: RetryPolicyOptions = FAST;
  requestTimeoutMs = 2000;
  path() {
    return 'items';
  }
}

function items(overrides: Partial<Pick<Items, 'retryPolicy' | 'requestTimeoutMs' | 'errorRules'>> = {}, api = server): Items {
  const stream = new Items(api);
  Object.assign(stream, overrides);
  return stream;
}

const ids = (records: Array<{ id: number }>) => records.map((record) => record.id);
const pageRequests = (number: number, api = server) =>
  api.requestsTo('/api/items').filter((request) => request.url.searchParams.get('page') === String(number));

/** Asserts an HttpError of `failureType` whose message matches every pattern and never shows the key. */
function assertHttpError(error: unknown, failureType: string, ...patterns: RegExp[]): HttpError {
  assert.ok(error instanceof HttpError, `expected an HttpError, got ${String(error)}`);
  assert.equal(error.failureType, failureType, error.message);
  for (const pattern of patterns) assert.match(error.message, pattern);
  assert.ok(!error.message.includes(API_KEY) && !(error.internalMessage ?? '').includes(API_KEY), 'the API key is masked');
  return error;
}

/** Each of these waits about a second, as the server asks: they run side by side, each with its own server. */
describe('waits the server asks for', { concurrency: true }, () => {
  test('429 with Retry-After in seconds: the retry waits as long as asked, nothing lost or duplicated', async () => {
    const server = await FaultServer.start();
    try {
      server.on('/api/items', page2Fails(reply.status(429, { message: 'slow down' }, { 'Retry-After': '1' })));
      const rateLimited: Array<{ quotaResetAt?: number }> = [];
      const logger = new MemoryLogger();
      const records = await readAll(
        items({}, server),
        readOptions({ logger, reportRateLimited: (event: { quotaResetAt?: number }) => rateLimited.push(event) }),
      );
      assert.deepEqual(ids(records), ALL_IDS);
      const [limited, retried] = pageRequests(2, server);
      assert.ok(retried!.at - limited!.at >= 1000, `retried after ${retried!.at - limited!.at} ms`);
      assert.equal(rateLimited.length, 1);
      assert.match(logger.text('info'), /rate limited \(HTTP 429\); waiting 1\.\d s \(as its Retry-After header asks\)/);
    } finally {
      await server.close();
    }
  });

  test('429 with Retry-After as an HTTP-date: no retry before that date', async () => {
    const server = await FaultServer.start();
    try {
      let notBefore = 0;
      server.on(
        '/api/items',
        page2Fails(({ res }) => {
          const date = new Date(Math.ceil((Date.now() + 1000) / 1000) * 1000);
          notBefore = date.getTime();
          res.writeHead(429, { 'retry-after': date.toUTCString(), 'content-type': 'application/json' });
          res.end('{"error":"rate limited"}');
        }),
      );
      const records = await readAll(items({}, server));
      assert.deepEqual(ids(records), ALL_IDS);
      const [, retried] = pageRequests(2, server);
      assert.ok(retried!.at >= notBefore, `retried ${notBefore - retried!.at} ms too early`);
    } finally {
      await server.close();
    }
  });

  test('429 with X-RateLimit-Reset: waits for the reset and reports when the quota resets', async () => {
    const server = await FaultServer.start();
    try {
      server.on('/api/items', page2Fails(reply.status(429, {}, { 'X-RateLimit-Reset': '1', 'X-RateLimit-Remaining': '0' })));
      const rateLimited: Array<{ quotaResetAt?: number }> = [];
      const records = await readAll(
        items({}, server),
        readOptions({ reportRateLimited: (event: { quotaResetAt?: number }) => rateLimited.push(event) }),
      );
      assert.deepEqual(ids(records), ALL_IDS);
      const [limited, retried] = pageRequests(2, server);
      assert.ok(retried!.at - limited!.at >= 1000, `retried after ${retried!.at - limited!.at} ms`);
      assert.equal(rateLimited.length, 1);
      assert.ok(rateLimited[0]!.quotaResetAt! >= limited!.at + 900);
    } finally {
      await server.close();
    }
  });

  test('503 with Retry-After is honoured too', async () => {
    const server = await FaultServer.start();
    try {
      server.on('/api/items', page2Fails(reply.status(503, {}, { 'Retry-After': '1' })));
      assert.deepEqual(ids(await readAll(items({}, server))), ALL_IDS);
      const [failed, retried] = pageRequests(2, server);
      assert.ok(retried!.at - failed!.at >= 1000);
    } finally {
      await server.close();
    }
  });
});

test('a server asking to wait longer than the cap fails at once as transient', async () => {
  server.on('/api/items', reply.status(429, { message: 'quota exhausted' }, { 'Retry-After': '3600' }));
  const started = Date.now();
  const { records, error } = await readUntilFailure(items({ retryPolicy: { ...FAST, maxServerWaitMs: 60_000 } }));
  assertHttpError(
    error,
    'transient_error',
    /API rate limit exceeded/,
    /asks to wait 3600 s \(Retry-After\), longer than the 60 s/,
    /quota exhausted/,
  );
  assert.deepEqual(records, []);
  assert.ok(Date.now() - started < 1000);
  assert.equal(server.requests.length, 1);
});

test('500 then success: page 2 is retried, every record once', async () => {
  server.on('/api/items', page2Fails(reply.status(500, { error: 'boom' }), 2));
  const logger = new MemoryLogger();
  const records = await readAll(items(), readOptions({ logger }));
  assert.deepEqual(ids(records), ALL_IDS);
  assert.equal(pageRequests(2).length, 3);
  assert.match(
    logger.text('warn'),
    /GET http:\/\/127\.0\.0\.1:\d+\/api\/items\?page=2&api_key=\*\*\*\* failed \(HTTP 500\); retrying in \d+ ms, attempt 2 of 4/,
  );
});

test('a connection reset mid-body is retried, every record once', async () => {
  server.on('/api/items', page2Fails(reply.resetMidBody(page(2), 40)));
  const logger = new MemoryLogger();
  const records = await readAll(items(), readOptions({ logger }));
  assert.deepEqual(ids(records), ALL_IDS);
  assert.equal(pageRequests(2).length, 2);
  assert.match(logger.text('warn'), /page=2.* failed \(.+\); retrying/);
});

test('a connection dropped before any answer is retried', async () => {
  server.on('/api/items', page2Fails(reply.resetBeforeAnswer()));
  assert.deepEqual(ids(await readAll(items())), ALL_IDS);
  assert.equal(pageRequests(2).length, 2);
});

test('a request with no answer times out and is retried', async () => {
  server.on('/api/items', page2Fails(reply.hang()));
  const logger = new MemoryLogger();
  const started = Date.now();
  const records = await readAll(items({ requestTimeoutMs: 200 }), readOptions({ logger }));
  assert.deepEqual(ids(records), ALL_IDS);
  assert.ok(Date.now() - started >= 200);
  assert.match(logger.text('warn'), /no complete response within 200 ms/);
});

test('a body that stalls halfway times out and is retried', async () => {
  server.on('/api/items', page2Fails(reply.stallMidBody(page(2))));
  assert.deepEqual(ids(await readAll(items({ requestTimeoutMs: 200 }))), ALL_IDS);
  assert.equal(pageRequests(2).length, 2);
});

test('a truncated JSON body in a 2xx answer is retried like a 5xx', async () => {
  server.on('/api/items', page2Fails(reply.truncatedJson(page(2)), 2));
  const logger = new MemoryLogger();
  const records = await readAll(items(), readOptions({ logger }));
  assert.deepEqual(ids(records), ALL_IDS);
  assert.equal(pageRequests(2).length, 3);
  assert.match(logger.text('warn'), /is not valid JSON/);
});

test('a body that never becomes valid JSON fails as transient when retries run out', async () => {
  server.on('/api/items', page2Fails(reply.truncatedJson(page(2), 30), 99));
  const { records, error } = await readUntilFailure(items());
  assertHttpError(
    error,
    'transient_error',
    /4 attempts/,
    /HTTP 200 with a body that is not valid JSON/,
    /GET http:\/\/127\.0\.0\.1:\d+\/api\/items\?page=2&api_key=\*\*\*\*/,
  );
  assert.deepEqual(ids(records), ALL_IDS.slice(0, 10));
});

test('401 fails at once as a config_error naming the method, the masked URL, the status and the body', async () => {
  server.on('/api/items', reply.status(401, { error: { message: `invalid key ${API_KEY}` } }));
  const { records, error } = await readUntilFailure(items());
  const failure = assertHttpError(
    error,
    'config_error',
    /did not accept the credentials/,
    /GET http:\/\/127\.0\.0\.1:\d+\/api\/items\?page=1&api_key=\*\*\*\* → HTTP 401 Unauthorized; the API said: invalid key \*\*\*\*/,
    /Response body: \{"error":\{"message":"invalid key \*\*\*\*"\}\}/,
  );
  assert.equal(failure.status, 401);
  assert.equal(failure.attempts, 1);
  assert.deepEqual(records, []);
  assert.equal(server.requests.length, 1, 'no retry');
});

test('403 fails at once as a config_error; 403 with no quota left is a rate limit', async () => {
  server.on('/api/items', reply.status(403, { message: 'forbidden' }));
  assertHttpError((await readUntilFailure(items())).error, 'config_error', /refused access/, /HTTP 403 Forbidden/);
  assert.equal(server.requests.length, 1);
  server.requests.length = 0;
  server.on('/api/items', page2Fails(reply.status(403, {}, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '0' })));
  assert.deepEqual(ids(await readAll(items())), ALL_IDS);
  assert.equal(pageRequests(2).length, 2);
});

test('404 fails at once as a system_error after the records already read', async () => {
  server.on('/api/items', page2Fails(reply.status(404, { detail: 'no such page' })));
  const { records, error } = await readUntilFailure(items());
  assertHttpError(error, 'system_error', /no such resource/, /HTTP 404 Not Found; the API said: no such page/);
  assert.deepEqual(ids(records), ALL_IDS.slice(0, 10));
  assert.equal(pageRequests(2).length, 1);
});

test('exhausted retries fail as transient with the attempts, the last status and a bounded excerpt', async () => {
  server.on('/api/items', page2Fails(reply.status(502, { message: 'x'.repeat(5000) }), 99));
  const { records, error } = await readUntilFailure(items({ retryPolicy: { maxRetries: 2, backoff: { baseMs: 5 } } }));
  const failure = assertHttpError(
    error,
    'transient_error',
    /bad gateway/,
    /3 attempts over \d+ ms did not get through/,
    /HTTP 502 Bad Gateway/,
  );
  assert.ok(failure.message.length < 1200, `message of ${failure.message.length} characters`);
  assert.match(failure.message, /… \(\d+ more characters\)/);
  assert.deepEqual(ids(records), ALL_IDS.slice(0, 10));
  assert.equal(pageRequests(2).length, 3);
});

test('exhausted retries on 429 say the rate limit was exceeded', async () => {
  server.on('/api/items', reply.status(429, { message: 'too many' }));
  const { error } = await readUntilFailure(items({ retryPolicy: { maxRetries: 1, backoff: { baseMs: 5 } } }));
  assertHttpError(error, 'transient_error', /^API rate limit exceeded, and 2 attempts/);
});

test('the total time bound stops retries early', async () => {
  server.on('/api/items', reply.status(500));
  const started = Date.now();
  const { error } = await readUntilFailure(items({ retryPolicy: { maxRetries: 10, maxTimeMs: 100, backoff: { baseMs: 60, jitter: 0 } } }));
  assertHttpError(error, 'transient_error', /longer than the 100 ms allowed for one request/);
  assert.ok(Date.now() - started < 1000);
  assert.equal(server.requests.length, 2, 'one wait of 60 ms fits, the next of 120 ms does not');
});

test('an unexpected status is retried and fails as a system_error', async () => {
  server.on('/api/items', reply.status(409, { message: 'conflict' }));
  const { error } = await readUntilFailure(items({ retryPolicy: { maxRetries: 1, backoff: { baseMs: 5 } } }));
  assertHttpError(error, 'system_error', /Unexpected HTTP status/, /HTTP 409 Conflict/);
  assert.equal(server.requests.length, 2);
});

test('a refused connection is retried, then fails as transient', async () => {
  const closed = await FaultServer.start();
  const url = closed.url;
  await closed.close();
  class Nowhere extends HttpStream {
    urlBase = url;
    retryPolicy = { maxRetries: 1, backoff: { baseMs: 5 } };
    path() {
      return 'items';
    }
  }
  const { error } = await readUntilFailure(new Nowhere());
  assertHttpError(error, 'transient_error', /The request to the API failed, and 2 attempts/, /ECONNREFUSED/);
});

test('error rules can ignore a status or retry a body', async () => {
  server.on('/api/items', reply.status(404));
  assert.deepEqual(await readAll(items({ errorRules: [{ status: 404, action: 'ignore' }] })), []);
  server.requests.length = 0;
  server.on('/api/items', page2Fails(reply.status(400, { error: 'please retry' })));
  const stream = items({
    errorRules: [{ status: 400, when: async (response) => (await response.text()).includes('please retry'), action: 'retry' }],
  });
  assert.deepEqual(ids(await readAll(stream)), ALL_IDS);
  server.on('/api/items', reply.status(400, { error: 'bad filter' }));
  assertHttpError((await readUntilFailure(stream)).error, 'system_error', /rejected the request as invalid/, /bad filter/);
});

test('an abort stops the read during a backoff wait', async () => {
  server.on('/api/items', reply.status(503, {}, { 'Retry-After': '30' }));
  const controller = new AbortController();
  const started = Date.now();
  setTimeout(() => controller.abort(new ConnectorError('stopped by the test')), 100);
  const { error } = await readUntilFailure(items({ retryPolicy: { maxServerWaitMs: 60_000 } }), readOptions({ signal: controller.signal }));
  assert.match(String(error), /stopped by the test/);
  assert.ok(Date.now() - started < 1000);
});

test('a call budget shared by two streams keeps their requests to one host within the rate', async () => {
  server.on('/api/items', healthy);
  server.on('/api/others', healthy);
  const budget = new CallBudget({ maxRequests: 3, intervalMs: 300 });
  const first = items();
  const second = items();
  Object.defineProperty(first, 'callBudget', { value: budget });
  Object.defineProperty(second, 'callBudget', { value: budget });
  Object.defineProperty(second, 'path', { value: () => 'others' });
  const started = Date.now();
  const [a, b] = await Promise.all([readAll(first), readAll(second)]);
  assert.deepEqual(ids(a), ALL_IDS);
  assert.deepEqual(ids(b), ALL_IDS);
  const times = server.requests.map((request) => request.at).sort((x, y) => x - y);
  assert.equal(times.length, 6);
  for (let index = 3; index < times.length; index++) {
    assert.ok(
      times[index]! - times[index - 3]! >= 270,
      `requests ${index - 3} and ${index} are ${times[index]! - times[index - 3]!} ms apart`,
    );
  }
  assert.ok(Date.now() - started >= 300);
  const other = await new CallBudget((host) => (host === 'limited.example' ? { maxRequests: 1, intervalMs: 60_000 } : undefined)).acquire(
    new URL(server.url),
  );
  assert.equal(other, 0, 'a host without a policy is not limited');
});
