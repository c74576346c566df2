import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type FaultServer, reply, useFaultServer } from '@tributary/test-support/fault-server';
import { ConnectorError } from '../../src/errors/connector-error.js';
import { ApiKeyAuthenticator } from '../../src/http/auth/api-key-authenticator.js';
import type { Authenticator } from '../../src/http/authenticator.js';
import type { HttpMethod } from '../../src/http/http-request.js';
import type { HttpResponse } from '../../src/http/http-response.js';
import type { QueryParams } from '../../src/http/url.js';
import { type FormFields, HttpStream } from '../../src/streams/http/http-stream.js';
import type { Paginator } from '../../src/streams/http/paginator.js';
import { PageNumberPaginator } from '../../src/streams/http/paginators/page-number-paginator.js';
import type { HttpRequestOptions, PageInfo } from '../../src/streams/http/request-options.js';
import { MemoryLogger, readAll, readOptions, readUntilFailure } from '../helpers/read-records.js';

let server: FaultServer;
useFaultServer((started) => {
  server = started;
});

const FAST = { maxRetries: 2, backoff: { baseMs: 5, maxDelayMs: 20 } };
const ITEMS = Array.from({ length: 7 }, (_, index) => ({ id: index + 1 }));

/** `/api/v1/items?page=N&per_page=M`, answering `{ data: [...], meta: { page } }`. */
function pagedItems(items: readonly object[] = ITEMS) {
  return reply.json(({ url }) => {
    const page = Number(url.searchParams.get('page') ?? 1);
    const size = Number(url.searchParams.get('per_page') ?? 3);
    return { data: items.slice((page - 1) * size, page * size), meta: { page } };
  });
}

test('members given as class fields work', async () => {
  server.on('/api/v1/items', pagedItems());
  class FieldItems extends HttpStream<{ id: number }> {
    urlBase = `${server.url}/api/v1`;
    pageSize = 3;
    recordsPath = 'data';
    httpMethod = 'GET' as const;
    paginator: Paginator<number> = new PageNumberPaginator({ pageSizeParam: 'per_page' });
    authenticator: Authenticator = new ApiKeyAuthenticator({ key: 'field-key', header: 'X-Api-Key' });
    retryPolicy = FAST;
    requestTimeoutMs = 5000;
    requestParams = (): QueryParams => ({ sort: 'id' });
    requestHeaders = async () => ({ 'X-Style': 'field' });
    path = () => '/items';
  }
  assert.deepEqual(await readAll(new FieldItems()), ITEMS);
  const requests = server.requestsTo('/api/v1/items');
  assert.deepEqual(
    requests.map((request) => request.url.search),
    ['?sort=id&page=1&per_page=3', '?sort=id&page=2&per_page=3', '?sort=id&page=3&per_page=3'],
  );
  assert.equal(requests[0]!.headers['x-api-key'], 'field-key');
  assert.equal(requests[0]!.headers['x-style'], 'field');
});

test('pages are fetched over one kept-alive connection', async () => {
  server.on('/api/v1/items', pagedItems());
  class Items extends HttpStream<{ id: number }> {
    urlBase = `${server.url}/api/v1`;
    pageSize = 2;
    recordsPath = 'data';
    paginator = new PageNumberPaginator({ pageSizeParam: 'per_page' });
    path() {
      return 'items';
    }
  }
  const before = server.connections;
  assert.deepEqual(await readAll(new Items()), ITEMS);
  assert.equal(server.requests.length, 4);
  assert.ok(server.connections - before <= 1, `${server.connections - before} connections for 4 requests`);
});

test('members given as getters and async methods work', async () => {
  server.on('/api/v1/items', pagedItems());
  class GetterItems extends HttpStream<{ id: number }, number> {
    get urlBase() {
      return Promise.resolve(`${server.url}/api/v1/`);
    }
    get pageSize() {
      return 3;
    }
    get recordsPath() {
      return ['data'];
    }
    get httpMethod() {
      return 'GET' as const;
    }
    get paginator() {
      return new PageNumberPaginator({ pageSizeParam: 'per_page' });
    }
    get authenticator() {
      return new ApiKeyAuthenticator({ key: 'getter-key', queryParam: 'key' });
    }
    get retryPolicy() {
      return FAST;
    }
    async requestParams() {
      return { sort: 'id' };
    }
    requestHeaders() {
      return { 'X-Style': 'getter' };
    }
    async path() {
      return 'items';
    }
  }
  assert.deepEqual(await readAll(new GetterItems()), ITEMS);
  const requests = server.requestsTo('/api/v1/items');
  assert.equal(requests.length, 3);
  assert.equal(requests[0]!.url.searchParams.get('key'), 'getter-key');
  assert.equal(requests[2]!.headers['x-style'], 'getter');
});

test("each page's hooks all get one options object: readRecords' options plus nextPageToken", async () => {
  server.on('/items', ({ res, url }) => {
    const page = Number(url.searchParams.get('page') ?? 1);
    res.writeHead(200, { 'content-type': 'application/json', 'x-page': String(page) });
    res.end(JSON.stringify({ rows: ITEMS.slice((page - 1) * 3, page * 3), next: page < 3 ? { page: page + 1 } : null }));
  });
  type Token = { page: number };
  const seen: Array<{ hook: string; options: HttpRequestOptions<Token> }> = [];
  const bodies: unknown[] = [];
  class Spy extends HttpStream<{ id: number }, Token> {
    urlBase = server.url;
    retryPolicy = FAST;
    httpMethod = 'POST' as const;
    path(options: HttpRequestOptions<Token>) {
      seen.push({ hook: 'path', options });
      return 'items';
    }
    requestParams(options: HttpRequestOptions<Token>) {
      seen.push({ hook: 'requestParams', options });
      return { page: options.nextPageToken?.page ?? 1 };
    }
    requestHeaders(options: HttpRequestOptions<Token>) {
      seen.push({ hook: 'requestHeaders', options });
      return {};
    }
    requestBodyJson(options: HttpRequestOptions<Token>) {
      seen.push({ hook: 'requestBodyJson', options });
      return { slice: options.slice };
    }
    async *parseResponse(response: HttpResponse, options: HttpRequestOptions<Token>) {
      seen.push({ hook: 'parseResponse', options });
      const body = await response.json<{ rows: Array<{ id: number }> }>();
      bodies.push(body);
      yield* body.rows;
    }
    async nextPageToken(response: HttpResponse, options: HttpRequestOptions<Token>, page: PageInfo) {
      seen.push({ hook: 'nextPageToken', options });
      const body = await response.json<{ next: Token | null }>();
      assert.equal(body, bodies[bodies.length - 1], 'parseResponse and nextPageToken share the parsed body');
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('x-page'), String(page.number));
      assert.match(response.url, /\/items\?page=\d$/);
      assert.equal(page.recordCount, page.number < 3 ? 3 : 1);
      return body.next;
    }
  }
  const options = readOptions({ slice: { region: 'eu' }, state: { cursor: 'c1' } });
  assert.deepEqual(await readAll(new Spy(), options), ITEMS);
  const hooks = ['path', 'requestParams', 'requestHeaders', 'requestBodyJson', 'parseResponse', 'nextPageToken'];
  assert.equal(seen.length, hooks.length * 3);
  for (let page = 0; page < 3; page++) {
    const group = seen.slice(page * hooks.length, (page + 1) * hooks.length);
    assert.deepEqual(
      group.map((entry) => entry.hook),
      hooks,
    );
    for (const entry of group) assert.equal(entry.options, group[0]!.options, `${entry.hook} of page ${page + 1} gets the same object`);
    const shared = group[0]!.options;
    assert.deepEqual(shared.nextPageToken, page === 0 ? undefined : { page: page + 1 });
    assert.deepEqual(shared.slice, { region: 'eu' });
    assert.deepEqual(shared.state, { cursor: 'c1' });
    assert.equal(shared.logger, options.logger);
    assert.equal(shared.signal, options.signal);
  }
  assert.deepEqual(JSON.parse(server.requests[0]!.body), { slice: { region: 'eu' } });
  assert.equal(server.requests[0]!.headers['content-type'], 'application/json');
});

test('urlBase and path are joined without dropping a segment, in real requests', async () => {
  server.on('/api/v1/users', reply.json([{ id: 'u1' }]));
  for (const [base, path] of [
    [`${server.url}/api/v1`, 'users'],
    [`${server.url}/api/v1`, '/users'],
    [`${server.url}/api/v1/`, '/users'],
  ]) {
    class Users extends HttpStream {
      urlBase = base!;
      path() {
        return path!;
      }
    }
    assert.deepEqual(await readAll(new Users()), [{ id: 'u1' }]);
  }
  assert.deepEqual(
    server.requests.map((request) => request.path),
    ['/api/v1/users', '/api/v1/users', '/api/v1/users'],
  );
});

test('form bodies, raw bodies, a GET body, and the errors for two bodies or a HEAD body', async () => {
  server.on('/search', reply.json({ results: [{ id: 1 }] }));
  class FormSearch extends HttpStream {
    urlBase = server.url;
    httpMethod: HttpMethod = 'POST';
    recordsPath = 'results';
    path() {
      return 'search';
    }
    requestBodyData(): FormFields | string {
      return { q: 'a b&c', limit: 10, skip: undefined };
    }
  }
  assert.deepEqual(await readAll(new FormSearch()), [{ id: 1 }]);
  assert.equal(server.requests[0]!.body, 'q=a+b%26c&limit=10');
  assert.match(String(server.requests[0]!.headers['content-type']), /application\/x-www-form-urlencoded/);

  class RawSearch extends FormSearch {
    requestBodyData() {
      return 'raw text';
    }
    requestHeaders() {
      return { 'Content-Type': 'text/csv' };
    }
  }
  await readAll(new RawSearch());
  assert.equal(server.requests[1]!.body, 'raw text');
  assert.equal(server.requests[1]!.headers['content-type'], 'text/csv');

  class BothBodies extends FormSearch {
    requestBodyJson() {
      return { q: 1 };
    }
  }
  const both = await readUntilFailure(new BothBodies());
  assert.match(String(both.error), /both requestBodyJson and requestBodyData/);

  class HeadWithBody extends FormSearch {
    httpMethod: HttpMethod = 'HEAD';
  }
  const head = await readUntilFailure(new HeadWithBody());
  assert.ok(head.error instanceof ConnectorError);
  assert.match(head.error.message, /HEAD request cannot carry a body/);
  assert.equal(server.requests.length, 2, 'no request was sent for the two broken streams');

  // A GET may carry a body, as search APIs expect (Python's requests sends it too).
  class GetWithBody extends FormSearch {
    httpMethod: HttpMethod = 'GET';
  }
  await readAll(new GetWithBody());
  assert.equal(server.requests[2]!.method, 'GET');
  assert.equal(server.requests[2]!.body, 'q=a+b%26c&limit=10');
});

test('the default parseResponse reads JSON lines bodies, by content type or by responseFormat', async () => {
  server.on('/export.ndjson', reply.text('{"id":1}\n{"id":2}\n\n{"id":3}\n', 'application/x-ndjson'));
  server.on('/export.txt', reply.text('{"id":1}\n{"id":2}', 'text/plain'));
  class Export extends HttpStream {
    urlBase = server.url;
    path() {
      return 'export.ndjson';
    }
  }
  assert.deepEqual(await readAll(new Export()), [{ id: 1 }, { id: 2 }, { id: 3 }]);
  class PlainExport extends Export {
    responseFormat = 'jsonl' as const;
    path() {
      return 'export.txt';
    }
  }
  assert.deepEqual(await readAll(new PlainExport()), [{ id: 1 }, { id: 2 }]);
  assert.match(String(server.requests[1]!.headers.accept), /ndjson/);
});

test('a recordsPath missing from a response gives no records and a warning', async () => {
  server.on('/items', reply.json({ results: [{ id: 1 }] }));
  class Items extends HttpStream {
    urlBase = server.url;
    recordsPath = 'data.items';
    path() {
      return 'items';
    }
  }
  const logger = new MemoryLogger();
  assert.deepEqual(await readAll(new Items(), readOptions({ logger })), []);
  assert.match(logger.text('warn'), /nothing at recordsPath 'data\.items'/);
});

test('parseResponse may return an array, a sync generator or a promise of either', async () => {
  server.on('/items', reply.json({ data: [{ id: 1 }, { id: 2 }] }));
  class Sync extends HttpStream<{ id: number; kind: string }> {
    urlBase = server.url;
    path() {
      return 'items';
    }
    *parseResponse() {
      yield { id: 1, kind: 'sync generator' };
    }
  }
  class ArrayPromise extends HttpStream<{ id: number; kind: string }> {
    urlBase = server.url;
    path() {
      return 'items';
    }
    async parseResponse(response: HttpResponse) {
      const body = await response.json<{ data: Array<{ id: number }> }>();
      return body.data.map((record) => ({ ...record, kind: 'array' }));
    }
  }
  assert.deepEqual(await readAll(new Sync()), [{ id: 1, kind: 'sync generator' }]);
  assert.deepEqual(await readAll(new ArrayPromise()), [
    { id: 1, kind: 'array' },
    { id: 2, kind: 'array' },
  ]);
});

test('each request and response is logged at debug with secrets masked', async () => {
  server.on('/items', reply.json([{ id: 1 }]));
  class Items extends HttpStream {
    urlBase = server.url;
    authenticator = new ApiKeyAuthenticator({ key: 'debug-log-key-123', queryParam: 'api_key' });
    path() {
      return 'items';
    }
  }
  const logger = new MemoryLogger(true);
  await readAll(new Items(), readOptions({ logger }));
  const debug = logger.text('debug');
  assert.match(debug, /HTTP GET http:\/\/127\.0\.0\.1:\d+\/items\?api_key=\*\*\*\* → 200 in \d+ ms, sent 0 bytes, received 10 bytes/);
  assert.doesNotMatch(debug, /debug-log-key-123/);
  assert.equal(server.requests[0]!.url.searchParams.get('api_key'), 'debug-log-key-123');
});
