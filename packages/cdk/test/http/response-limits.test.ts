/**
 * What a hostile server cannot do: make a response eat all memory (an endless body, a gzip
 * bomb) or make a request outlast its time limit (a body sent one byte at a time).
 */
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { type FaultServer, type Handler, reply, useFaultServer } from '@tributary/test-support/fault-server';
import { ConnectorError } from '../../src/errors/connector-error.js';
import { ApiKeyAuthenticator } from '../../src/http/auth/api-key-authenticator.js';
import { DEFAULT_MAX_RESPONSE_BYTES, ResponseTooLargeError } from '../../src/http/bounded-body.js';
import { HttpClient } from '../../src/http/http-client.js';
import { HttpError } from '../../src/http/http-error.js';
import type { RetryPolicyOptions } from '../../src/http/retry-policy.js';
import { HttpStream } from '../../src/streams/http/http-stream.js';
import { readAll, readUntilFailure } from '../helpers/read-records.js';

let api: FaultServer;
useFaultServer((started) => {
  api = started;
});

const KEY = 'limits-test-api-key-6d02';
const MIB = 1024 * 1024;

class Items extends HttpStream<{ id: number }> {
  urlBase = `${api.url}/api`;
  recordsPath = 'data';
  authenticator = new ApiKeyAuthenticator({ key: KEY, queryParam: 'api_key' });
  retryPolicy: RetryPolicyOptions = { maxRetries: 3, backoff: { baseMs: 5, maxDelayMs: 10 } };
  requestTimeoutMs = 5000;
  maxResponseBytes?: number;

  constructor(settings: Partial<Pick<Items, 'maxResponseBytes' | 'retryPolicy' | 'requestTimeoutMs'>> = {}) {
    super();
    Object.assign(this, settings);
  }
  path() {
    return 'items';
  }
}

/** A JSON body that never ends: spaces as fast as the client reads them. */
const endless: Handler = ({ res }) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"data": [');
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const pump = () => {
    while (!res.destroyed && res.write(chunk)) {
      // Keep writing until the socket pushes back.
    }
  };
  res.on('drain', pump);
  pump();
};

/**
 * A 16 MB gzip body that inflates to 16 GiB of zeros: one gzip member of 16 MiB of zeros (16 KB),
 * repeated (a gzip stream may hold any number of members, and decoders read them all).
 */
function gzipBomb(): Handler {
  const member = gzipSync(Buffer.alloc(16 * MIB));
  const body = Buffer.concat(Array.from({ length: 1024 }, () => member));
  return ({ res }) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': body.byteLength });
    res.end(body);
  };
}

function assertTooLarge(error: unknown, limit: string): asserts error is ResponseTooLargeError {
  assert.ok(error instanceof ResponseTooLargeError, String(error));
  assert.ok(error instanceof ConnectorError, String(error));
  assert.equal(error.failureType, 'system_error');
  assert.match(
    error.message,
    new RegExp(`^The response to GET http://127\\.0\\.0\\.1:\\d+/api/items\\?api_key=\\*\\*\\*\\* .*over the ${limit} a response may have`),
  );
  assert.match(error.message, /raise maxResponseBytes on the stream \(or on its HttpClient\)/);
  assert.ok(!error.message.includes(KEY), error.message);
}

test('an endless body fails the stream once the default limit (64 MiB) is passed, after one attempt', async () => {
  assert.equal(DEFAULT_MAX_RESPONSE_BYTES, 64 * MIB);
  api.on('/api/items', endless);
  const rssBefore = process.memoryUsage().rss;
  const { records, error } = await readUntilFailure(new Items());
  assert.deepEqual(records, []);
  assertTooLarge(error, '64 MiB');
  assert.match(error.message, /is larger than 64 MiB/);
  assert.equal(api.requests.length, 1, 'not retried');
  // A sanity bound only: the body is cut at 64 MiB, far from the gigabytes it would reach.
  assert.ok(process.memoryUsage().rss - rssBefore < 1024 * MIB, `RSS grew by ${(process.memoryUsage().rss - rssBefore) / MIB} MiB`);
});

test('a gzip bomb is cut off as it inflates: one attempt, memory bounded', async () => {
  api.on('/api/items', gzipBomb());
  const rssBefore = process.memoryUsage().rss;
  const { error } = await readUntilFailure(new Items());
  assertTooLarge(error, '64 MiB');
  assert.equal(api.requests.length, 1, 'not retried');
  assert.ok(process.memoryUsage().rss - rssBefore < 1024 * MIB, `RSS grew by ${(process.memoryUsage().rss - rssBefore) / MIB} MiB`);
});

test('maxResponseBytes: a Content-Length over it fails before the body is read; bodies up to it are read whole', async () => {
  const page = JSON.stringify({ data: Array.from({ length: 2000 }, (_, index) => ({ id: index + 1, padding: 'x'.repeat(500) })) });
  assert.ok(page.length > MIB && page.length < 2 * MIB, `page of ${page.length} bytes`);
  api.on('/api/items', reply.text(page, 'application/json'));

  const { error } = await readUntilFailure(new Items({ maxResponseBytes: MIB }));
  assertTooLarge(error, '1 MiB');
  assert.match(error.message, /announces 1\.\d MiB \(Content-Length\)/);
  assert.equal(api.requests.length, 1);

  assert.equal((await readAll(new Items({ maxResponseBytes: 2 * MIB }))).length, 2000);
  assert.equal((await readAll(new Items({ maxResponseBytes: page.length }))).length, 2000, 'exactly at the limit is fine');

  // The client's own option, for streams that bring their client (and for direct use).
  const client = new HttpClient({ maxResponseBytes: MIB });
  await assert.rejects(client.send({ url: `${api.url}/api/items` }), ResponseTooLargeError);
  assert.throws(() => new HttpClient({ maxResponseBytes: 0 }), /maxResponseBytes must be a positive number of bytes, not 0/);
});

/** Announces `length` bytes and sends one every `everyMs`: never idle, never done. */
function drip(length: number, everyMs: number): Handler {
  return ({ res }: { res: ServerResponse }) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': length });
    const timer = setInterval(() => res.write(' '), everyMs);
    res.on('close', () => clearInterval(timer));
  };
}

test('a body sent one byte at a time: each attempt ends at requestTimeoutMs, and the whole request at retryPolicy.maxTimeMs', {
  timeout: 60_000,
}, async () => {
  api.on('/api/items', drip(1_000_000, 20));
  // An attempt is limited from sending to the last byte, not only while the server is idle.
  const perAttempt = await readUntilFailure(new Items({ requestTimeoutMs: 300, retryPolicy: { maxRetries: 1, backoff: { baseMs: 5 } } }));
  assert.ok(perAttempt.error instanceof HttpError, String(perAttempt.error));
  assert.equal(perAttempt.error.attempts, 2);
  assert.match(perAttempt.error.message, /last answer: no complete response within 300 ms/);

  // The request's own limit (maxTimeMs) also ends an attempt that would run past it, even
  // when requestTimeoutMs is longer (without it, this attempt would take 20 s).
  api.requests.length = 0;
  const whole = await readUntilFailure(
    new Items({ requestTimeoutMs: 20_000, retryPolicy: { maxRetries: 5, maxTimeMs: 1500, backoff: { baseMs: 5 } } }),
  );
  assert.ok(whole.error instanceof HttpError, String(whole.error));
  assert.equal(whole.error.failureType, 'transient_error');
  assert.equal(whole.error.attempts, 1);
  assert.match(whole.error.message, /retrying would take longer than the 1\.5 s allowed for one request \(1 attempt over 1\.\d s,/);
  assert.match(whole.error.message, /last answer: no complete response within 1\d{3} ms/);
  assert.equal(api.requests.length, 1);
});
