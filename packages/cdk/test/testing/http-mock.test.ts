/** HTTP mocks on undici's MockAgent: declared requests and responses, strict verification. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HttpClient } from '../../src/index.js';
import { mockHttp, read } from '../../src/testing/index.js';
import { HttpExampleSource } from './http-example-source.js';

const BASE = 'https://api.example.com/v1';
const config = { base_url: BASE, api_token: 'token-abc', api_key: 'key-123', page_size: 2 };

test('declared requests are matched on method, URL, query, headers and body, and answered in sequence', async (t) => {
  const http = mockHttp();
  t.after(() => http.close());
  http
    .expect({
      url: `${BASE}/items`,
      query: { page: 1, per_page: 2 },
      headers: { Authorization: 'Bearer token-abc', 'user-agent': /tributary/ },
    })
    .respond({ json: { data: [{ id: 1 }, { id: 2 }] } });
  http.expect(`GET ${BASE}/items?page=2&per_page=2`).respond({ json: { data: [{ id: 3 }] }, headers: { 'x-page': '2' } });
  http
    .expect({ method: 'POST', url: `${BASE}/search`, body: { limit: 10, query: 'status:open' } })
    .respond({ json: { data: [{ id: 9 }] } });
  const reports = http.expect({ url: /\/reports\?/, query: { kind: 'daily', api_key: 'key-123' } }).respond({ json: { data: [] } });

  const result = await read(new HttpExampleSource(), { config, streams: ['items', 'search', 'reports'] });
  await http.done();
  assert.equal(result.exitCode, 0, result.describeErrors());
  assert.deepEqual(
    result.recordsOf<{ id: number }>('items').map((item) => item.id),
    [1, 2, 3],
  );
  assert.deepEqual(result.recordsOf('search'), [{ id: 9 }]);
  assert.equal(reports.calls.length, 1);
  assert.equal(http.requests.length, 4);
  assert.equal(http.requests.find((request) => request.method === 'POST')?.headers['content-type'], 'application/json');
});

test('an unexpected request fails the stream at once (no retries) and verify() says why nothing matched', async (t) => {
  const http = mockHttp();
  t.after(() => http.close());
  http.expect({ url: `${BASE}/items`, query: { page: 1, per_page: 2 } }).respond({ json: { data: [{ id: 1 }, { id: 2 }] } });
  http.expect({ url: `${BASE}/items`, query: { page: 3, per_page: 2 } }).respond({ json: { data: [] } });
  const started = Date.now();
  const result = await read(new HttpExampleSource(), { config, streams: ['items'] });
  assert.ok(Date.now() - started < 5000, 'no backoff');
  assert.equal(result.exitCode, 1);
  assert.match(
    result.errors[0]?.message ?? '',
    /Tributary HTTP mock: no expected request matches GET https:\/\/api\.example\.com\/v1\/items\?page=2&per_page=2/,
  );
  assert.equal(http.unexpected.length, 1);
  await http.close();
  assert.throws(
    () => http.verify(),
    (error: Error) => {
      assert.match(error.message, /The HTTP mock saw 2 problems/);
      assert.match(error.message, /unexpected request GET https:\/\/api\.example\.com\/v1\/items\?page=2&per_page=2/);
      assert.match(
        error.message,
        /not GET https:\/\/api\.example\.com\/v1\/items query \{"page":3,"per_page":2\}: query parameter page is "2", expected 3/,
      );
      assert.match(
        error.message,
        /expected GET https:\/\/api\.example\.com\/v1\/items query \{"page":3,"per_page":2\} 1 more time; it never came/,
      );
      return true;
    },
  );
});

test('mismatch reasons: method, URL, missing and extra query parameters, headers, bodies', async (t) => {
  const http = mockHttp();
  t.after(() => http.close());
  http.expect({ method: 'PUT', url: `${BASE}/a` }).respond({ status: 204 });
  http.expect({ url: `${BASE}/b` }).respond({ status: 204 });
  http.expect({ url: `${BASE}/a`, query: { x: 1 } }).respond({ status: 204 });
  http.expect({ url: `${BASE}/a`, query: 'any', headers: { 'x-id': 'abc' } }).respond({ status: 204 });
  http.expect({ method: 'POST', url: `${BASE}/a`, query: 'any', body: new URLSearchParams({ a: '1' }) }).respond({ status: 204 });
  const client = new HttpClient({ dispatcher: http.dispatcher, retry: { maxRetries: 0 } });
  await assert.rejects(client.send({ url: `${BASE}/a?y=2`, headers: { 'x-id': 'xyz' } }), /HTTP 400/);
  const { reasons } = http.unexpected[0]!;
  assert.deepEqual(reasons, [
    'not PUT https://api.example.com/v1/a: method GET, expected PUT',
    'not GET https://api.example.com/v1/b: URL https://api.example.com/v1/a, expected https://api.example.com/v1/b',
    'not GET https://api.example.com/v1/a query {"x":1}: query parameter x is missing',
    'not GET https://api.example.com/v1/a: header x-id is "xyz", expected abc',
    'not POST https://api.example.com/v1/a: method GET, expected POST',
  ]);
  await assert.rejects(client.send({ url: `${BASE}/b?z=1` }), /HTTP 400/);
  assert.match(http.unexpected[1]!.reasons.join('\n'), /not GET https:\/\/api\.example\.com\/v1\/b: unexpected query parameter z/);
  // The form body matches whatever the order of its fields.
  const response = await client.send({ method: 'POST', url: `${BASE}/a`, body: new URLSearchParams({ a: '1' }) });
  assert.equal(response.status, 204);
});

test('persist() answers any number of times; ordered mocks insist on the declared order', async (t) => {
  const http = mockHttp({ ordered: true });
  t.after(() => http.close());
  http.expect(`${BASE}/first`).respond({ json: { n: 1 } });
  http
    .expect(`${BASE}/second`)
    .respond({ json: { n: 2 } })
    .persist();
  const client = new HttpClient({ retry: { maxRetries: 0 } });
  await assert.rejects(client.send({ url: `${BASE}/second` }), /HTTP 400/);
  assert.deepEqual(await (await client.send({ url: `${BASE}/first` })).json(), { n: 1 });
  for (let i = 0; i < 3; i++) assert.deepEqual(await (await client.send({ url: `${BASE}/second` })).json(), { n: 2 });
  await assert.rejects(client.send({ url: `${BASE}/first` }), /HTTP 400/);
  assert.match(
    http.unexpected[1]!.reasons.join(),
    /matches GET https:\/\/api\.example\.com\/v1\/first, but its 1 response was already sent/,
  );
  assert.equal(http.unexpected.length, 2);
  assert.match(
    http.unexpected[0]!.reasons.join(),
    /URL https:\/\/api\.example\.com\/v1\/second, expected https:\/\/api\.example\.com\/v1\/first/,
  );
});

test('one mock at a time; closing restores the default dispatcher', async () => {
  const first = mockHttp();
  assert.throws(() => mockHttp(), /Another HTTP mock or fixture is active/);
  await first.close();
  await first.close();
  const second = mockHttp();
  second.expect(`${BASE}/x`).respond({ body: 'plain text', headers: { 'content-type': 'text/plain' } });
  const response = await new HttpClient().send({ url: `${BASE}/x` });
  assert.equal(await response.text(), 'plain text');
  await second.done();
});
