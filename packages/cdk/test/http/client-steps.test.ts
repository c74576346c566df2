/**
 * The steps of HttpClient.send, each on its own, without a server: classifying an attempt,
 * deciding on a retry, and the error of a request that ends without a usable response.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Attempt } from '../../src/http/attempt.js';
import { classifyAttempt } from '../../src/http/classify-attempt.js';
import type { OutgoingRequest } from '../../src/http/credential-scope.js';
import { HttpResponse, type HttpResponseInit, InvalidBodyError } from '../../src/http/http-response.js';
import { RequestTimeoutError } from '../../src/http/network-errors.js';
import { describeDuration, requestFailure } from '../../src/http/request-failure.js';
import { decideRetry, type RetryFacts } from '../../src/http/retry-decision.js';
import { resolveRetryPolicy } from '../../src/http/retry-policy.js';

const sent: OutgoingRequest = { method: 'GET', url: new URL('https://api.example.com/items?api_key=k3y-k3y-k3y'), headers: {} };

function response(init: Partial<HttpResponseInit> & { status: number }): HttpResponse {
  return new HttpResponse({ url: sent.url.toString(), headers: { 'content-type': 'application/json' }, ...init });
}

function attemptWith(result: { response?: HttpResponse; error?: unknown }): Attempt {
  return { ...result, sent };
}

test('classifyAttempt: a 2xx whose JSON parses succeeds; one cut off is retried with its InvalidBodyError', async () => {
  const ok = await classifyAttempt(attemptWith({ response: response({ status: 200, body: '[1]' }) }), undefined);
  assert.equal(ok.resolution.action, 'success');
  assert.equal(ok.error, undefined);
  const cut = await classifyAttempt(attemptWith({ response: response({ status: 200, body: '[1, 2' }) }), undefined);
  assert.equal(cut.resolution.action, 'retry');
  assert.equal(cut.resolution.failureType, 'transient_error');
  assert.ok(cut.error instanceof InvalidBodyError);
});

test('classifyAttempt: statuses through the rules, then the default mapping', async () => {
  const missing = attemptWith({ response: response({ status: 404, body: '{}' }) });
  assert.deepEqual((await classifyAttempt(missing, undefined)).resolution, {
    action: 'fail',
    failureType: 'system_error',
    message: 'The API has no such resource',
  });
  assert.equal((await classifyAttempt(missing, { errorRules: [{ status: 404, action: 'ignore' }] })).resolution.action, 'ignore');
  assert.equal((await classifyAttempt(attemptWith({ response: response({ status: 429 }) }), undefined)).resolution.action, 'rate_limited');
});

test('classifyAttempt: a network failure is retried when a retry may cure it, else it fails', async () => {
  const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
  assert.equal(
    (await classifyAttempt(attemptWith({ error: new TypeError('fetch failed', { cause: reset }) }), undefined)).resolution.action,
    'retry',
  );
  assert.equal((await classifyAttempt(attemptWith({ error: new RequestTimeoutError(5) }), undefined)).resolution.action, 'retry');
  const invalid = await classifyAttempt(attemptWith({ error: new TypeError('Headers.append: invalid header value') }), undefined);
  assert.deepEqual(invalid.resolution, { action: 'fail', failureType: 'system_error', message: 'The request could not be sent' });
});

const policy = resolveRetryPolicy({ maxRetries: 3, maxTimeMs: 60_000, maxServerWaitMs: 20_000, backoff: { baseMs: 1000, jitter: 0 } });
const facts = (extra: Partial<RetryFacts>): RetryFacts => ({
  attempt: 1,
  elapsedMs: 0,
  policy,
  response: undefined,
  rateLimited: false,
  random: () => 0.5,
  ...extra,
});

test('decideRetry: exponential backoff, never sooner than the server asks', () => {
  assert.deepEqual(decideRetry(facts({ attempt: 1 })), { kind: 'wait', waitMs: 1000, asked: undefined });
  assert.deepEqual(decideRetry(facts({ attempt: 3 })), { kind: 'wait', waitMs: 4000, asked: undefined });
  const asked = decideRetry(facts({ response: response({ status: 503, headers: { 'retry-after': '7' } }) }));
  assert.equal(asked.kind === 'wait' && asked.waitMs, 7000);
  assert.equal(asked.kind === 'wait' && asked.asked?.header, 'Retry-After');
});

test('decideRetry: a rate limit reset header counts only on a rate-limited answer', () => {
  const reset = response({ status: 429, headers: { 'x-ratelimit-reset': '9' } });
  assert.deepEqual(decideRetry(facts({ response: reset, rateLimited: false })), { kind: 'wait', waitMs: 1000, asked: undefined });
  const waited = decideRetry(facts({ response: reset, rateLimited: true }));
  assert.equal(waited.kind, 'wait');
  assert.equal(waited.kind === 'wait' ? waited.waitMs : 0, 9000);
  assert.equal(waited.kind === 'wait' ? waited.asked?.header : '', 'x-ratelimit-reset');
});

test('decideRetry: no retry past the attempts, past the longest server wait, or past the time for the request', () => {
  assert.deepEqual(decideRetry(facts({ attempt: 4 })), { kind: 'exhausted' });
  const tooLong = response({ status: 503, headers: { 'retry-after': '30' } });
  assert.deepEqual(decideRetry(facts({ response: tooLong })), { kind: 'wait-too-long', waitMs: 30_000, header: 'Retry-After' });
  assert.deepEqual(decideRetry(facts({ attempt: 2, elapsedMs: 58_500 })), { kind: 'out-of-time', waitMs: 2000 });
});

test('requestFailure: the method, the masked URL, the status, the body and why retrying stopped', async () => {
  const answer = response({ status: 503, statusText: 'Service Unavailable', body: '{"message": "down for maintenance"}' });
  const attempt = {
    ...attemptWith({ response: answer }),
    resolution: { action: 'retry' as const, failureType: 'transient_error' as const, message: 'The API is unavailable' },
  };
  const failed = { attempt, prepared: sent, attempts: 4, elapsedMs: 7000, policy };
  const exhausted = await requestFailure(failed, { kind: 'exhausted' });
  assert.equal(
    exhausted.message,
    'The API is unavailable, and 4 attempts over 7.0 s did not get through: GET https://api.example.com/items?api_key=****; last answer: HTTP 503 Service Unavailable; the API said: down for maintenance. Response body: {"message": "down for maintenance"}',
  );
  assert.equal(exhausted.failureType, 'transient_error');
  assert.equal(exhausted.status, 503);
  assert.equal(exhausted.attempts, 4);
  const tooLong = await requestFailure(failed, { kind: 'wait-too-long', waitMs: 3_600_000, header: 'Retry-After' });
  assert.match(
    tooLong.message,
    /The server asks to wait 3600 s \(Retry-After\), longer than the 20 s this stream waits at most; try again later$/,
  );
  const failedOnce = await requestFailure({ ...failed, attempt: { ...attempt, resolution: { action: 'fail' } } }, { kind: 'failed' });
  assert.equal(failedOnce.failureType, 'system_error');
  assert.match(failedOnce.message, /^The API answered with an error: GET https:\/\/api\.example\.com\/items\?api_key=\*{4} → HTTP 503/);
});

test('describeDuration: ms below a second, tenths below ten seconds, whole seconds above', () => {
  assert.deepEqual([describeDuration(350.4), describeDuration(1500), describeDuration(42_400)], ['350 ms', '1.5 s', '42 s']);
});
