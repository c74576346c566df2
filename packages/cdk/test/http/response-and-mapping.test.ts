import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultResolution, resolveResponse } from '../../src/http/error-mapping.js';
import { errorMessageFromBody } from '../../src/http/http-error.js';
import { HttpResponse, InvalidBodyError } from '../../src/http/http-response.js';
import { describeNetworkError, isRetryableNetworkError, RequestTimeoutError } from '../../src/http/network-errors.js';
import { extractRecords } from '../../src/streams/http/record-extractor.js';

function response(status: number, body = '', headers: Record<string, string> = {}): HttpResponse {
  return new HttpResponse({ status, url: 'https://api.example/items', body, headers });
}

test('json(), text() and jsonLines() parse once and hand every caller the same value', async () => {
  const res = response(200, '{"data":[{"id":1}]}', { 'content-type': 'application/json' });
  const first = await res.json();
  assert.equal(await res.json(), first, 'the same parsed object');
  assert.equal(await res.text(), '{"data":[{"id":1}]}');
  assert.equal(res.format, 'json');
  const lines = response(200, '{"id":1}\n\n{"id":2}\n', { 'content-type': 'application/x-ndjson' });
  assert.equal(lines.format, 'jsonl');
  assert.equal(await lines.jsonLines(), await lines.jsonLines());
  assert.deepEqual(await lines.jsonLines(), [{ id: 1 }, { id: 2 }]);
});

test('an invalid JSON body fails with InvalidBodyError, eagerly for a JSON content type only', async () => {
  const bad = response(200, '{"data":[{"id":1}', { 'content-type': 'application/json; charset=utf-8' });
  assert.throws(() => bad.parseEagerly(), InvalidBodyError);
  await assert.rejects(bad.json(), /not valid JSON/);
  const text = response(200, 'hello', { 'content-type': 'text/plain' });
  text.parseEagerly();
  await assert.rejects(text.json(), InvalidBodyError);
  const vendor = response(200, '{"a":1}', { 'content-type': 'application/vnd.api+json' });
  assert.equal(vendor.format, 'json');
  const empty = new HttpResponse({ status: 204, url: 'https://x/', body: '' });
  assert.equal(await empty.json(), null);
  const emptyOk = response(200, '', { 'content-type': 'application/json' });
  assert.throws(() => emptyOk.parseEagerly(), /body is empty/);
  const forced = new HttpResponse({ status: 200, url: 'https://x/', body: '[1', format: 'json' });
  assert.throws(() => forced.parseEagerly(), InvalidBodyError);
});

test('the default error mapping follows the Python CDK', () => {
  const cases: Array<[number, string, string | undefined]> = [
    [200, 'success', undefined],
    [204, 'success', undefined],
    [400, 'fail', 'system_error'],
    [401, 'fail', 'config_error'],
    [403, 'fail', 'config_error'],
    [404, 'fail', 'system_error'],
    [405, 'fail', 'system_error'],
    [408, 'retry', 'transient_error'],
    [429, 'rate_limited', 'transient_error'],
    [500, 'retry', 'transient_error'],
    [502, 'retry', 'transient_error'],
    [503, 'retry', 'transient_error'],
    [504, 'retry', 'transient_error'],
    [509, 'retry', 'transient_error'],
    [409, 'retry', 'system_error'],
    [422, 'retry', 'system_error'],
  ];
  for (const [status, action, failureType] of cases) {
    const resolution = defaultResolution(response(status));
    assert.equal(resolution.action, action, `${status}`);
    assert.equal(resolution.failureType, failureType, `${status}`);
  }
  const githubLimit = defaultResolution(response(403, '', { 'x-ratelimit-remaining': '0' }));
  assert.equal(githubLimit.action, 'rate_limited');
});

test('error rules match by status, class and condition, in order, before the defaults', async () => {
  const rules = [
    { status: 404, action: 'ignore' as const },
    { status: '4xx' as const, when: async (r: HttpResponse) => (await r.text()).includes('slow down'), action: 'retry' as const },
    { status: [418, 451], action: 'fail' as const, failureType: 'config_error' as const, message: 'Not for this account' },
  ];
  assert.equal((await resolveResponse(response(404), rules)).action, 'ignore');
  assert.equal((await resolveResponse(response(400, 'please slow down'), rules)).action, 'retry');
  assert.equal((await resolveResponse(response(400, 'bad'), rules)).action, 'fail');
  const teapot = await resolveResponse(response(418), rules);
  assert.deepEqual(teapot, { action: 'fail', failureType: 'config_error', message: 'Not for this account' });
  assert.equal((await resolveResponse(response(500), rules)).action, 'retry');
});

test('errorMessageFromBody finds the message keys the Python CDK looks for, nested too', () => {
  assert.equal(errorMessageFromBody({ message: 'boom' }), 'boom');
  assert.equal(errorMessageFromBody({ errors: [{ detail: 'a' }, { message: 'b' }] }), 'a, b');
  assert.equal(errorMessageFromBody({ error: { message: 'nested' } }), 'nested');
  assert.equal(errorMessageFromBody({ status: 'x' }), undefined);
  assert.equal(errorMessageFromBody(null), undefined);
});

test('extractRecords takes a JSON path, a whole array, a single object, or JSON lines', async () => {
  const json = (body: unknown) => response(200, JSON.stringify(body), { 'content-type': 'application/json' });
  assert.deepEqual((await extractRecords(json({ data: { items: [{ id: 1 }, { id: 2 }] } }), 'data.items')).records, [{ id: 1 }, { id: 2 }]);
  assert.deepEqual((await extractRecords(json([{ id: 1 }]))).records, [{ id: 1 }]);
  assert.deepEqual((await extractRecords(json({ id: 7 }))).records, [{ id: 7 }]);
  assert.deepEqual(await extractRecords(json({ data: null }), 'data'), { records: [], pathMissing: false });
  assert.deepEqual(await extractRecords(json({ other: [] }), 'data'), { records: [], pathMissing: true });
  await assert.rejects(extractRecords(json({ data: 'text' }), 'data'), /found string/);
  const lines = response(200, '{"id":1}\n{"id":2}\n', { 'content-type': 'application/jsonl' });
  assert.deepEqual((await extractRecords(lines)).records, [{ id: 1 }, { id: 2 }]);
  const wrapped = response(200, '{"row":{"id":1}}\n{"row":{"id":2}}', { 'content-type': 'application/x-ndjson' });
  assert.deepEqual((await extractRecords(wrapped, 'row')).records, [{ id: 1 }, { id: 2 }]);
  await assert.rejects(extractRecords(response(200, '<html>', { 'content-type': 'text/html' })), /responseFormat/);
});

test('network failures (reset, refused, DNS, timeouts, a cut body) are retryable; a malformed request is not', () => {
  const wrapped = (code: string, message: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });
  for (const code of ['ECONNRESET', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']) {
    assert.equal(isRetryableNetworkError(wrapped(code, `${code.toLowerCase()} happened`)), true, code);
  }
  assert.equal(describeNetworkError(wrapped('ENOTFOUND', 'getaddrinfo ENOTFOUND api.invalid')), 'getaddrinfo ENOTFOUND api.invalid');
  assert.equal(describeNetworkError(wrapped('ECONNRESET', 'other side closed')), 'ECONNRESET: other side closed');
  assert.equal(isRetryableNetworkError(new TypeError('terminated', { cause: new Error('other side closed') })), true);
  assert.equal(isRetryableNetworkError(new RequestTimeoutError(100)), true);
  assert.equal(describeNetworkError(new Error('aborted', { cause: new RequestTimeoutError(100) })), 'no complete response within 100 ms');
  assert.equal(isRetryableNetworkError(new TypeError('Headers.append: "a\nb" is an invalid header value.')), false);
});
