/**
 * The per-host limiter shared by every request of the process: a cap on requests in flight, and
 * a 429 that slows every request to the host down (AIMD) rather than each retrying alone.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { HostLimiter, setHostConcurrency } from '../../src/http/host-limiter.js';
import { HttpClient } from '../../src/http/http-client.js';

test('HostLimiter: at most the limit in flight; a burst of 429s sets it to what the server accepted; successes raise it back', async () => {
  const limiter = new HostLimiter(8);
  for (let i = 0; i < 8; i++) await limiter.acquire();
  let ninthStarted = false;
  const ninth = limiter.acquire().then(() => {
    ninthStarted = true;
  });
  await sleep(5);
  assert.equal(ninthStarted, false, 'a ninth request waits for a slot');
  limiter.release();
  await ninth;
  assert.equal(limiter.active, 8);

  // One 429 with 8 in flight: at least halve (multiplicative decrease), plus one.
  limiter.release();
  limiter.onRateLimited(1000);
  assert.equal(limiter.effectiveLimit, 5);
  // The same burst: 6 of the 8 requests were rejected, so the server took 2.
  for (let i = 0; i < 5; i++) {
    limiter.release();
    limiter.onRateLimited(1000);
  }
  assert.equal(limiter.effectiveLimit, 2);
  for (let i = 0; i < 20; i++) limiter.onSuccess();
  assert.ok(limiter.effectiveLimit > 2 && limiter.effectiveLimit <= 8, `recovers additively: ${limiter.effectiveLimit}`);
  for (let i = 0; i < 200; i++) limiter.onSuccess();
  assert.equal(limiter.effectiveLimit, 8, 'never above the maximum');
});

test('HostLimiter: an exhausted quota holds every new request to the host until its reset; Retry-After does not', async () => {
  const limiter = new HostLimiter(4);
  limiter.onRateLimited(5000);
  const quick = Date.now();
  await limiter.acquire();
  assert.ok(Date.now() - quick < 1000, 'a Retry-After delays only the request that got it');
  limiter.release();
  limiter.onRateLimited(150, Date.now() + 150);
  const started = Date.now();
  await limiter.acquire();
  assert.ok(Date.now() - started >= 140, 'the acquire waited for the quota reset');
});

/** A server that serves at most `capacity` requests at once and answers 429 (Retry-After: 1) beyond. */
let server: Server;
let base: string;
let inFlight = 0;
let maxSeen = 0;
let rejected = 0;
let served = 0;
const CAPACITY = 4;

before(async () => {
  server = createServer((request, response) => {
    if (inFlight >= CAPACITY) {
      rejected++;
      response.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' });
      response.end('{"error":"too many concurrent requests"}');
      return;
    }
    inFlight++;
    maxSeen = Math.max(maxSeen, inFlight);
    setTimeout(() => {
      inFlight--;
      served++;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ path: request.url }));
    }, 30);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('concurrent requests to a host that allows 4 at a time all succeed, with few 429s, once the limiter adapts', async () => {
  const client = new HttpClient({ retry: { maxRetries: 8, backoff: { baseMs: 10, maxDelayMs: 100 } } });
  const requests = Array.from({ length: 48 }, (_, i) => client.send({ url: `${base}/item/${i}` }));
  const responses = await Promise.all(requests);
  assert.equal(responses.length, 48);
  const bodies = await Promise.all(responses.map((r) => r.json<{ path: string }>()));
  assert.deepEqual(bodies.map((body) => body.path).sort(), Array.from({ length: 48 }, (_, i) => `/item/${i}`).sort());
  assert.equal(served, 48);
  // Without a shared limiter each of the 44 requests over capacity would get a 429, again on every
  // retry. With it, one burst of 429s halves the limit and pauses the host, then it stays under.
  assert.ok(rejected <= 60, `429s: ${rejected}`);
  const first = rejected;
  const again = await Promise.all(Array.from({ length: 24 }, (_, i) => client.send({ url: `${base}/again/${i}` })));
  assert.equal(again.length, 24);
  assert.ok(
    rejected - first <= 12,
    `after adapting, a new burst of 24 requests gets few 429s (not the 20 a client without a shared limiter gets): ${rejected - first}`,
  );
});

test('setHostConcurrency caps requests in flight to a host', async () => {
  const host = new URL(base).host;
  setHostConcurrency(host, 2);
  maxSeen = 0;
  const client = new HttpClient();
  await Promise.all(Array.from({ length: 12 }, (_, i) => client.send({ url: `${base}/capped/${i}` })));
  assert.equal(maxSeen, 2);
  setHostConcurrency(host, 64);
});
