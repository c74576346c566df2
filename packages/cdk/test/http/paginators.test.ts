import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type FaultServer, reply, sendJson, useFaultServer } from '@tributary/test-support/fault-server';
import { ConnectorError } from '../../src/errors/connector-error.js';
import { HttpStream } from '../../src/streams/http/http-stream.js';
import type { Paginator } from '../../src/streams/http/paginator.js';
import { CursorPaginator, HeaderCursorPaginator } from '../../src/streams/http/paginators/cursor-paginator.js';
import { LinkHeaderPaginator } from '../../src/streams/http/paginators/link-header-paginator.js';
import { NextUrlPaginator } from '../../src/streams/http/paginators/next-url-paginator.js';
import { OffsetPaginator } from '../../src/streams/http/paginators/offset-paginator.js';
import { PageNumberPaginator } from '../../src/streams/http/paginators/page-number-paginator.js';
import { readAll, readUntilFailure } from '../helpers/read-records.js';

let server: FaultServer;
useFaultServer((started) => {
  server = started;
});

const ITEMS = Array.from({ length: 23 }, (_, index) => ({ id: index + 1 }));
const ids = (records: Array<{ id: number }>) => records.map((record) => record.id);
const ALL_IDS = ids(ITEMS);

function streamWith(paginator: Paginator<never> | Paginator<string> | Paginator<number>, path: string, extra: Partial<HttpStream> = {}) {
  class Paged extends HttpStream<{ id: number }> {
    urlBase = `${server.url}/api`;
    recordsPath = 'data';
    retryPolicy = { maxRetries: 1, backoff: { baseMs: 5 } };
    path() {
      return path;
    }
  }
  const stream = new Paged();
  Object.defineProperty(stream, 'paginator', { value: paginator });
  for (const [key, value] of Object.entries(extra)) Object.defineProperty(stream, key, { value });
  return stream;
}

/** The encoded cursor for a position in ITEMS. */
const cursorFor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');
const offsetOf = (cursor: string | null) => (cursor ? Number(Buffer.from(cursor, 'base64url').toString().slice(2)) : 0);

test('PageNumberPaginator stops on a short page', async () => {
  server.on(
    '/api/pages',
    reply.json(({ url }) => {
      const page = Number(url.searchParams.get('page'));
      const size = Number(url.searchParams.get('per_page'));
      return { data: ITEMS.slice((page - 1) * size, page * size) };
    }),
  );
  const records = await readAll(streamWith(new PageNumberPaginator({ pageSizeParam: 'per_page', pageSize: 10 }), 'pages'));
  assert.deepEqual(ids(records), ALL_IDS);
  assert.deepEqual(
    server.requests.map((request) => request.url.search),
    ['?page=1&per_page=10', '?page=2&per_page=10', '?page=3&per_page=10'],
  );
});

test('PageNumberPaginator with totalPagesPath, a zero start page and the stream page size', async () => {
  server.on(
    '/api/pages0',
    reply.json(({ url }) => {
      const page = Number(url.searchParams.get('p'));
      return { data: ITEMS.slice(page * 10, page * 10 + 10), meta: { total_pages: 3 } };
    }),
  );
  const stream = streamWith(
    new PageNumberPaginator({ pageParam: 'p', startPage: 0, totalPagesPath: 'meta.total_pages', pageSizeParam: 'size' }),
    'pages0',
    {
      pageSize: 10,
    },
  );
  assert.deepEqual(ids(await readAll(stream)), ALL_IDS);
  assert.deepEqual(
    server.requests.map((request) => request.url.search),
    ['?p=0&size=10', '?p=1&size=10', '?p=2&size=10'],
  );
});

test('PageNumberPaginator without stopOnPartialPage reads on when the API caps the page size', async () => {
  server.on(
    '/api/capped',
    reply.json(({ url }) => {
      const page = Number(url.searchParams.get('page'));
      return { data: ITEMS.slice((page - 1) * 5, page * 5) }; // asked for 10, gets 5
    }),
  );
  const stream = streamWith(new PageNumberPaginator({ pageSize: 10, pageSizeParam: 'per_page', stopOnPartialPage: false }), 'capped');
  assert.deepEqual(ids(await readAll(stream)), ALL_IDS);
  assert.equal(server.requests.length, 6, 'five pages of records, then the empty page that ends it');
});

test('OffsetPaginator counts the records received, with and without a total', async () => {
  server.on(
    '/api/offset',
    reply.json(({ url }) => {
      const offset = Number(url.searchParams.get('offset'));
      const limit = Number(url.searchParams.get('limit'));
      return { data: ITEMS.slice(offset, offset + limit), total: ITEMS.length };
    }),
  );
  assert.deepEqual(ids(await readAll(streamWith(new OffsetPaginator({ pageSize: 10 }), 'offset'))), ALL_IDS);
  assert.deepEqual(
    server.requests.map((request) => request.url.search),
    ['?offset=0&limit=10', '?offset=10&limit=10', '?offset=20&limit=10'],
  );
  server.requests.length = 0;
  const exact = streamWith(new OffsetPaginator({ offsetParam: 'skip', limitParam: 'take', totalPath: 'total' }), 'offset', {
    pageSize: 23,
  });
  server.on(
    '/api/offset',
    reply.json(({ url }) => {
      const skip = Number(url.searchParams.get('skip'));
      return { data: ITEMS.slice(skip, skip + Number(url.searchParams.get('take'))), total: ITEMS.length };
    }),
  );
  assert.deepEqual(ids(await readAll(exact)), ALL_IDS);
  assert.equal(server.requests.length, 1, 'the total says there is no second page');
  const noSize = await readUntilFailure(streamWith(new OffsetPaginator(), 'offset'));
  assert.match(String(noSize.error), /OffsetPaginator needs a page size/);
});

test('CursorPaginator follows a cursor in the body (a dotted path), and has_more', async () => {
  server.on(
    '/api/cursor',
    reply.json(({ url }) => {
      const offset = offsetOf(url.searchParams.get('cursor'));
      const next = offset + 10 < ITEMS.length ? cursorFor(offset + 10) : null;
      return { data: ITEMS.slice(offset, offset + 10), meta: { next_cursor: next, has_more: next !== null } };
    }),
  );
  assert.deepEqual(ids(await readAll(streamWith(new CursorPaginator({ cursorPath: 'meta.next_cursor' }), 'cursor'))), ALL_IDS);
  assert.deepEqual(
    server.requests.map((request) => request.url.searchParams.get('cursor')),
    [null, cursorFor(10), cursorFor(20)],
  );
  server.requests.length = 0;
  // has_more false wins over a cursor that is still there.
  server.on(
    '/api/cursor',
    reply.json(({ url }) => {
      const offset = offsetOf(url.searchParams.get('after'));
      return { data: ITEMS.slice(offset, offset + 10), meta: { next: cursorFor(offset + 10), has_more: offset + 10 < ITEMS.length } };
    }),
  );
  const stream = streamWith(new CursorPaginator({ cursorPath: 'meta.next', cursorParam: 'after', hasMorePath: 'meta.has_more' }), 'cursor');
  assert.deepEqual(ids(await readAll(stream)), ALL_IDS);
  assert.equal(server.requests.length, 3);
});

test('CursorPaginator can send the cursor and page size in a POST body', async () => {
  server.on(
    '/api/query',
    reply.json(({ body }) => {
      const request = JSON.parse(body) as { filter: string; start_cursor?: string; page_size: number };
      assert.equal(request.filter, 'all');
      const offset = offsetOf(request.start_cursor ?? null);
      const end = offset + request.page_size;
      return { results: ITEMS.slice(offset, end), next_cursor: end < ITEMS.length ? cursorFor(end) : null };
    }),
  );
  class Query extends HttpStream<{ id: number }> {
    urlBase = `${server.url}/api`;
    httpMethod = 'POST' as const;
    recordsPath = 'results';
    pageSize = 8;
    paginator = new CursorPaginator({
      cursorPath: 'next_cursor',
      cursorParam: 'start_cursor',
      injectInto: 'body',
      pageSizeParam: 'page_size',
    });
    path() {
      return 'query';
    }
    requestBodyJson() {
      return { filter: 'all' };
    }
  }
  assert.deepEqual(ids(await readAll(new Query())), ALL_IDS);
  assert.deepEqual(
    server.requests.map((request) => JSON.parse(request.body)),
    [
      { filter: 'all', page_size: 8 },
      { filter: 'all', start_cursor: cursorFor(8), page_size: 8 },
      { filter: 'all', start_cursor: cursorFor(16), page_size: 8 },
    ],
  );
});

test('HeaderCursorPaginator follows a cursor in a response header', async () => {
  server.on('/api/header', ({ res, url }) => {
    const offset = offsetOf(url.searchParams.get('cursor'));
    const headers: Record<string, string> = offset + 10 < ITEMS.length ? { 'X-Next-Cursor': cursorFor(offset + 10) } : {};
    sendJson(res, { data: ITEMS.slice(offset, offset + 10) }, { headers });
  });
  const stream = streamWith(new HeaderCursorPaginator({ header: 'x-next-cursor', pageSizeParam: 'limit', pageSize: 10 }), 'header');
  assert.deepEqual(ids(await readAll(stream)), ALL_IDS);
  assert.deepEqual(
    server.requests.map((request) => request.url.search),
    ['?limit=10', `?cursor=${cursorFor(10)}&limit=10`, `?cursor=${cursorFor(20)}&limit=10`],
  );
});

test('LinkHeaderPaginator follows Link rel="next", relative or absolute; the link keeps its own parameters', async () => {
  server.on('/api/linked', ({ res, url }) => {
    const page = Number(url.searchParams.get('page') ?? 1);
    const size = Number(url.searchParams.get('per_page'));
    const links = [`<${server.url}/api/linked?page=1&per_page=${size}>; rel="first"`];
    if (page * size < ITEMS.length) {
      const next = `/api/linked?per_page=${size}&page=${page + 1}`;
      links.push(page === 1 ? `<${next}>; rel="next"` : `<${server.url}${next}>; rel="next"`);
    }
    sendJson(res, { data: ITEMS.slice((page - 1) * size, page * size) }, { headers: { link: links.join(', ') } });
  });
  const stream = streamWith(new LinkHeaderPaginator({ pageSizeParam: 'per_page', pageSize: 10 }), 'linked');
  assert.deepEqual(ids(await readAll(stream)), ALL_IDS);
  assert.deepEqual(
    server.requests.map((request) => request.url.search),
    ['?per_page=10', '?per_page=10&page=2', '?per_page=10&page=3'],
  );
});

test('NextUrlPaginator follows a next URL in the body', async () => {
  server.on(
    '/api/next',
    reply.json(({ url }) => {
      const offset = Number(url.searchParams.get('from') ?? 0);
      const next = offset + 10 < ITEMS.length ? `next?from=${offset + 10}` : null;
      return { data: ITEMS.slice(offset, offset + 10), links: { next } };
    }),
  );
  assert.deepEqual(ids(await readAll(streamWith(new NextUrlPaginator({ nextUrlPath: 'links.next' }), 'next'))), ALL_IDS);
  assert.deepEqual(
    server.requests.map((request) => request.url.search),
    ['', '?from=10', '?from=20'],
  );
});

test('a repeated cursor fails the stream clearly, with every record read once', async () => {
  server.on(
    '/api/stuck',
    reply.json(({ url }) => {
      const cursor = url.searchParams.get('cursor');
      return cursor === null ? { data: ITEMS.slice(0, 10), next: 'abc' } : { data: ITEMS.slice(10, 20), next: 'abc' };
    }),
  );
  const { records, error } = await readUntilFailure(streamWith(new CursorPaginator({ cursorPath: 'next' }), 'stuck'));
  assert.ok(error instanceof ConnectorError, String(error));
  assert.equal(error.failureType, 'system_error');
  assert.match(error.message, /pagination loop: after page 2 .* the next-page token is "abc", the same as after page 1/);
  assert.deepEqual(ids(records), ALL_IDS.slice(0, 20));
  assert.equal(server.requests.length, 2);
});

test('a next link pointing back at a page already read is a loop', async () => {
  server.on('/api/cycle', ({ res, url }) => {
    const page = Number(url.searchParams.get('page') ?? 1);
    const next = page === 3 ? 2 : page + 1;
    sendJson(res, { data: ITEMS.slice((page - 1) * 5, page * 5) }, { headers: { link: `</api/cycle?page=${next}>; rel="next"` } });
  });
  const { records, error } = await readUntilFailure(streamWith(new LinkHeaderPaginator(), 'cycle'));
  assert.match(String(error), /pagination loop: after page 3/);
  assert.deepEqual(ids(records), ALL_IDS.slice(0, 15));
});

test('an API that ignores the page parameter is caught before its records repeat', async () => {
  server.on('/api/ignores', reply.json({ data: ITEMS.slice(0, 10) }));
  const { records, error } = await readUntilFailure(streamWith(new PageNumberPaginator({ pageSize: 10 }), 'ignores'));
  assert.ok(error instanceof ConnectorError);
  assert.match(error.message, /page 2 .* has exactly the same content as page 1; the API seems to ignore the pagination parameters/);
  assert.deepEqual(ids(records), ALL_IDS.slice(0, 10), 'page 1 once, page 2 never');
  assert.equal(server.requests.length, 2);
});

test('maxPages stops an endless pagination of ever-new pages', async () => {
  server.on(
    '/api/endless',
    reply.json(({ url }) => ({ data: [{ id: Number(url.searchParams.get('page')) }] })),
  );
  const stream = streamWith(new PageNumberPaginator(), 'endless', { maxPages: 5 });
  const { records, error } = await readUntilFailure(stream);
  assert.match(String(error), /more than 5 pages in one slice \(maxPages\)/);
  assert.deepEqual(ids(records), [1, 2, 3, 4, 5]);
});
