/**
 * What a sender can decide per request (the declarative runtime builds on it): the requests go
 * out with their own headers only, a GET may carry a body, a `resolveResponse` hook decides before
 * the rules, and a `retryDelayMs` hook sets the wait before each retry.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { type FaultServer, reply, sendJson, useFaultServer } from '@tributary/test-support/fault-server';
import { ConnectorError } from '../../src/errors/connector-error.js';
import { HttpClient } from '../../src/http/http-client.js';
import { HttpError } from '../../src/http/http-error.js';
import type { RetryEvent } from '../../src/http/http-request.js';

let server: FaultServer;
useFaultServer((started) => {
  server = started;
});

const client = new HttpClient({ retry: { maxRetries: 3, backoff: { baseMs: 1, jitter: 0 } } });

test('a request goes out with its own headers only: no browser headers, no content type it did not ask for', async () => {
  server.on('/items', reply.json({ ok: true }));
  await client.send({ url: `${server.url}/items`, headers: { 'X-Api-Key': 'k' } });
  await client.send({ method: 'POST', url: `${server.url}/items`, body: 'raw text' });
  const [get, post] = server.requests;
  assert.equal(get!.headers['x-api-key'], 'k');
  assert.equal(get!.headers.accept, '*/*');
  for (const header of ['accept-language', 'sec-fetch-mode', 'content-type']) assert.equal(get!.headers[header], undefined, header);
  assert.equal(post!.body, 'raw text');
  assert.equal(post!.headers['content-type'], undefined, 'a raw body goes without a content type unless the request sets one');
});

test('a GET may carry a body (search APIs take one); a HEAD may not', async () => {
  server.on('/search', reply.json({ hits: [] }));
  await client.send({ method: 'GET', url: `${server.url}/search`, headers: { 'content-type': 'application/json' }, body: '{"page":1}' });
  assert.equal(server.requests[0]!.method, 'GET');
  assert.equal(server.requests[0]!.body, '{"page":1}');
  await assert.rejects(client.send({ method: 'HEAD', url: `${server.url}/search`, body: 'x' }), /HEAD request cannot carry a body/);
});

test('compressed bodies are decompressed (gzip, and a body over the limit counts decompressed bytes)', async () => {
  const payload = JSON.stringify({ items: Array.from({ length: 200 }, (_, id) => ({ id })) });
  server.on('/zipped', ({ res }) => {
    const zipped = gzipSync(payload);
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': zipped.length });
    res.end(zipped);
  });
  const response = await client.send({ url: `${server.url}/zipped` });
  assert.equal((await response.json<{ items: unknown[] }>()).items.length, 200);
  assert.equal(Buffer.from(response.bytes()).toString('utf8'), payload, 'bytes() gives the decompressed body');
  await assert.rejects(client.send({ url: `${server.url}/zipped` }, { maxResponseBytes: 100 }), /larger than 100 bytes/);
});

test('resolveResponse decides before the rules: a 200 whose body says so fails, a 404 is ignored, undefined defers', async () => {
  server.on('/decided', ({ res, url }) =>
    sendJson(res, { status: url.searchParams.get('s') }, { status: Number(url.searchParams.get('code')) }),
  );
  const resolveResponse = async (response: { json<T>(): Promise<T> }) => {
    const { status } = await response.json<{ status: string }>();
    if (status === 'broken') return { action: 'fail' as const, failureType: 'config_error' as const, message: 'The account is broken' };
    if (status === 'gone') return { action: 'ignore' as const };
    return undefined;
  };
  const failed = await client.send({ url: `${server.url}/decided?code=200&s=broken` }, { resolveResponse }).catch((error) => error);
  assert.ok(failed instanceof HttpError);
  assert.equal(failed.failureType, 'config_error');
  assert.match(failed.message, /^The account is broken/);
  const ignored = await client.send({ url: `${server.url}/decided?code=404&s=gone` }, { resolveResponse });
  assert.equal(ignored.status, 404);
  const deferred = await client.send({ url: `${server.url}/decided?code=404&s=other` }, { resolveResponse }).catch((error) => error);
  assert.ok(deferred instanceof HttpError, 'undefined lets the default mapping fail the 404');
  assert.equal(deferred.status, 404);
});

test('retryDelayMs sets each wait (the server asked for longer), sees every failed attempt, and may stop the request', async () => {
  server.on('/flaky', reply.status(503, {}, { 'retry-after': '3600' }), reply.status(503), reply.json({ ok: true }));
  const events: RetryEvent[] = [];
  const response = await client.send(
    { url: `${server.url}/flaky` },
    {
      retryDelayMs: (event) => {
        events.push(event);
        return 1;
      },
    },
  );
  assert.equal(response.status, 200, 'the hook replaced the hour the server asked for');
  assert.deepEqual(
    events.map((event) => [event.attempt, event.response?.status]),
    [
      [1, 503],
      [2, 503],
    ],
  );
  server.on('/always-503', reply.status(503));
  const stop = () => {
    throw ConnectorError.transient('The API asks to wait longer than this stream may');
  };
  await assert.rejects(client.send({ url: `${server.url}/always-503` }, { retryDelayMs: stop }), /asks to wait longer/);
  assert.equal(server.requestsTo('/always-503').length, 1);
});

test('rawHeaders lists the headers as the server wrote them: original case, in order, repeats kept', async () => {
  server.on('/linked', ({ res }) => {
    res.setHeader('Link', '<https://api.example.com/items?page=2>; rel="next"');
    res.setHeader('X-Trace', ['a', 'b']);
    sendJson(res, []);
  });
  const response = await client.send({ url: `${server.url}/linked` });
  const names = response.rawHeaders.map(([name]) => name);
  assert.ok(names.includes('Link') && !names.includes('link'), names.join(','));
  assert.deepEqual(
    response.rawHeaders.filter(([name]) => name === 'X-Trace').map(([, value]) => value),
    ['a', 'b'],
  );
  assert.equal(response.headers.get('link'), '<https://api.example.com/items?page=2>; rel="next"');
  assert.equal(response.headers.get('x-trace'), 'a, b');
});
