import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay, sleep } from '../../src/http/backoff.js';
import { parseResetTime, parseRetryAfter, quotaExhausted, serverRequestedWait } from '../../src/http/rate-limit-headers.js';
import { parseLinkHeader } from '../../src/streams/http/paginators/link-header.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');

test('Retry-After is read as delay seconds or as an HTTP-date', () => {
  assert.equal(parseRetryAfter('3', NOW), 3000);
  assert.equal(parseRetryAfter(' 1.5 ', NOW), 1500);
  assert.equal(parseRetryAfter('Wed, 01 May 2024 12:00:30 GMT', NOW), 30_000);
  assert.equal(parseRetryAfter('Wed, 01 May 2024 11:00:00 GMT', NOW), 0, 'a date in the past means now');
  assert.equal(parseRetryAfter('soon', NOW), undefined);
  assert.equal(parseRetryAfter('', NOW), undefined);
  assert.equal(parseRetryAfter(null, NOW), undefined);
});

test('reset headers are seconds from now, Unix seconds or Unix milliseconds', () => {
  assert.equal(parseResetTime('20', NOW), NOW + 20_000);
  assert.equal(parseResetTime(String(NOW / 1000 + 45), NOW), NOW + 45_000);
  assert.equal(parseResetTime(String(NOW + 7000), NOW), NOW + 7000);
  assert.equal(parseResetTime('tomorrow', NOW), undefined);
});

test('serverRequestedWait prefers Retry-After and reads reset headers only on rate-limit answers', () => {
  const headers = new Headers({ 'retry-after': '2', 'x-ratelimit-reset': '50' });
  assert.deepEqual(serverRequestedWait(headers, true, NOW), { waitMs: 2000, header: 'Retry-After' });
  const reset = new Headers({ 'x-ratelimit-reset': String(NOW / 1000 + 10) });
  assert.deepEqual(serverRequestedWait(reset, true, NOW), { waitMs: 10_000, resetAt: NOW + 10_000, header: 'x-ratelimit-reset' });
  assert.equal(serverRequestedWait(reset, false, NOW), undefined, 'a 503 with a reset header does not wait for the quota');
  const structured = new Headers({ ratelimit: 'limit=100, remaining=0, reset=7' });
  assert.equal(serverRequestedWait(structured, true, NOW)?.waitMs, 7000);
  assert.equal(serverRequestedWait(new Headers(), true, NOW), undefined);
});

test('quotaExhausted sees a remaining count of zero', () => {
  assert.equal(quotaExhausted(new Headers({ 'x-ratelimit-remaining': '0' })), true);
  assert.equal(quotaExhausted(new Headers({ 'ratelimit-remaining': '0' })), true);
  assert.equal(quotaExhausted(new Headers({ ratelimit: 'limit=10, remaining=0, reset=3' })), true);
  assert.equal(quotaExhausted(new Headers({ 'x-ratelimit-remaining': '10' })), false);
  assert.equal(quotaExhausted(new Headers({ ratelimit: 'limit=10, remaining=05, reset=3' })), false);
  assert.equal(quotaExhausted(new Headers()), false);
});

test('backoff grows exponentially, stays within the jitter band and the cap', () => {
  const options = { baseMs: 100, factor: 2, maxDelayMs: 1000, jitter: 0.2 };
  assert.deepEqual(
    [1, 2, 3, 4, 5].map((retry) => backoffDelay(retry, options, () => 0.5)),
    [100, 200, 400, 800, 1000],
  );
  for (let retry = 1; retry <= 6; retry++) {
    const expected = Math.min(1000, 100 * 2 ** (retry - 1));
    const low = backoffDelay(retry, options, () => 0);
    const high = backoffDelay(retry, options, () => 0.999999);
    assert.ok(low >= expected * 0.8 - 1 && high <= Math.min(1000, expected * 1.2 + 1), `retry ${retry}: ${low}..${high}`);
  }
  const first = backoffDelay(1);
  assert.ok(first >= 800 && first <= 1200, `the default first wait is about 1 s, got ${first}`);
  assert.equal(
    backoffDelay(5, {}, () => 0.5),
    16_000,
    'the defaults give 1, 2, 4, 8, 16 s',
  );
});

test('sleep is cut short by an abort', async () => {
  const controller = new AbortController();
  const started = Date.now();
  const sleeping = sleep(10_000, controller.signal);
  controller.abort(new Error('stop'));
  await assert.rejects(sleeping, /stop/);
  assert.ok(Date.now() - started < 1000);
});

test('Link headers are parsed per RFC 8288, commas in URLs and quotes included', () => {
  const links = parseLinkHeader(
    '<https://api.x/items?page=2&filter=a,b>; rel="next", <https://api.x/items?page=9>; rel="last"; title="the, last", <https://api.x/items?page=1>; rel="first prev"',
  );
  assert.deepEqual(
    links.map((link) => [link.url, link.rel]),
    [
      ['https://api.x/items?page=2&filter=a,b', ['next']],
      ['https://api.x/items?page=9', ['last']],
      ['https://api.x/items?page=1', ['first', 'prev']],
    ],
  );
  assert.equal(links[1]!.params.title, 'the, last');
  assert.deepEqual(parseLinkHeader('<https://a/b>;rel=next'), [{ url: 'https://a/b', rel: ['next'], params: { rel: 'next' } }]);
  assert.deepEqual(parseLinkHeader(''), []);
  assert.deepEqual(parseLinkHeader(null), []);
});
