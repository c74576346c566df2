/**
 * DefaultPaginator through a real read, many pages each: PageIncrement, OffsetIncrement and
 * CursorPagination (cursor_value over the body, headers and last record; stop_condition;
 * page_size), the page size and token options into each part of a request,
 * inject_on_first_request, and NoPagination.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { binRecords, type Handler, manifest, page, readManifest, readWithBin, requestLines, stream, useApi, yaml } from './mock-api.js';

const api = useApi();
const config = () => ({ base_url: api.url, size: 4 });

/** `count` items with ids 1.. */
function items(count: number, from = 1): Array<{ id: number }> {
  return Array.from({ length: count }, (_, index) => ({ id: from + index }));
}

/** 10 items served `size` at a time from the query's `offset` (or `(page - first) * size`). */
function pagedApi(size: number, pageBase = 1): Handler {
  return page(({ url }) => {
    const q = url.searchParams;
    const start = q.has('offset') ? Number(q.get('offset')) : q.has('page') ? (Number(q.get('page')) - pageBase) * size : 0;
    return items(10).slice(start, start + size);
  });
}

async function readItems(paginator: string, requester = '') {
  const result = await readManifest(manifest(stream('items', '/items', { retriever: paginator, requester })), { config: config() });
  assert.equal(result.exitCode, 0, result.describeErrors());
  return result;
}

function paginator(strategy: string, options = ''): string {
  return `paginator:\n  type: DefaultPaginator\n${options.replace(/^/gm, '  ')}\n  pagination_strategy:\n${strategy.replace(/^/gm, '    ')}`;
}

const ids = (records: Array<Record<string, unknown>>) => records.map((record) => record.id);

describe('PageIncrement', () => {
  test('pages from start_from_page; the first page has no token; a short page ends the pages; the token comes before the size, as in Python', async () => {
    api.server.on('/items', pagedApi(4));
    const result = await readItems(
      paginator(
        'type: PageIncrement\npage_size: 4\nstart_from_page: 1',
        'page_token_option: {type: RequestOption, inject_into: request_parameter, field_name: page}\npage_size_option: {type: RequestOption, inject_into: request_parameter, field_name: per_page}',
      ),
    );
    assert.deepEqual(ids(result.recordsOf('items')), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.deepEqual(requestLines(api.server.requests), [
      'GET /items?per_page=4',
      'GET /items?page=2&per_page=4',
      'GET /items?page=3&per_page=4',
    ]);
  });

  test('inject_on_first_request sends the first page number too (0 by default); a full last page costs one empty page', async () => {
    api.server.on('/items', pagedApi(5, 0));
    const result = await readItems(
      paginator(
        'type: PageIncrement\npage_size: "{{ 5 }}"\ninject_on_first_request: true',
        'page_token_option: {type: RequestOption, inject_into: request_parameter, field_name: page}',
      ),
    );
    assert.deepEqual(ids(result.recordsOf('items')), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.deepEqual(requestLines(api.server.requests), ['GET /items?page=0', 'GET /items?page=1', 'GET /items?page=2']);
  });

  test('without page_size: pages until one is empty; the token in a header', async () => {
    api.server.on(
      '/items',
      page(({ req }) => items(10).slice(Number(req.headers['x-page'] ?? 0) * 3, Number(req.headers['x-page'] ?? 0) * 3 + 3)),
    );
    const result = await readItems(
      paginator('type: PageIncrement', 'page_token_option: {type: RequestOption, inject_into: header, field_name: X-Page}'),
    );
    assert.deepEqual(ids(result.recordsOf('items')), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.deepEqual(
      api.server.requests.map((request) => request.headers['x-page']),
      [undefined, '1', '2', '3', '4'],
    );
  });
});

describe('OffsetIncrement', () => {
  test('offsets count the records read; page_size from config', async () => {
    api.server.on('/items', pagedApi(4));
    const result = await readItems(
      paginator(
        'type: OffsetIncrement\npage_size: "{{ config.size }}"',
        'page_token_option: {type: RequestOption, inject_into: request_parameter, field_name: offset}\npage_size_option: {type: RequestOption, inject_into: request_parameter, field_name: limit}',
      ),
    );
    assert.deepEqual(ids(result.recordsOf('items')), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.deepEqual(requestLines(api.server.requests), [
      'GET /items?limit=4',
      'GET /items?offset=4&limit=4',
      'GET /items?offset=8&limit=4',
    ]);
  });

  test('inject_on_first_request sends offset 0; a record filter does not end the pages early', async () => {
    api.server.on('/items', pagedApi(4));
    const result = await readManifest(
      manifest(
        stream('items', '/items', {
          selector: yaml`
            type: RecordSelector
            extractor: {type: DpathExtractor, field_path: [data]}
            record_filter: {type: RecordFilter, condition: "{{ record.id % 2 == 0 }}"}
          `,
          retriever: paginator(
            'type: OffsetIncrement\npage_size: 4\ninject_on_first_request: true',
            'page_token_option: {type: RequestOption, inject_into: request_parameter, field_name: offset}',
          ),
        }),
      ),
      { config: config() },
    );
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.deepEqual(ids(result.recordsOf('items')), [2, 4, 6, 8, 10]);
    assert.deepEqual(requestLines(api.server.requests), ['GET /items?offset=0', 'GET /items?offset=4', 'GET /items?offset=8']);
  });

  test('token and size into a JSON body of a POST', async () => {
    api.server.on(
      '/items',
      page(({ body }) => {
        const { offset = 0, limit } = JSON.parse(body) as { offset?: number; limit: number };
        return items(10).slice(offset, offset + limit);
      }),
    );
    const result = await readItems(
      paginator(
        'type: OffsetIncrement\npage_size: 6',
        'page_token_option: {type: RequestOption, inject_into: body_json, field_name: offset}\npage_size_option: {type: RequestOption, inject_into: body_json, field_name: limit}',
      ),
      'http_method: POST',
    );
    assert.deepEqual(ids(result.recordsOf('items')), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.deepEqual(
      api.server.requests.map((request) => JSON.parse(request.body)),
      [{ limit: 6 }, { limit: 6, offset: 6 }],
    );
  });
});

describe('CursorPagination', () => {
  test('cursor_value from the body, stop_condition, token in the query; many pages', async () => {
    api.server.on('/items', ({ res, url }) => {
      const index = Number((url.searchParams.get('cursor') ?? 'c0').slice(1));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: items(2, index * 2 + 1), meta: { next: `c${index + 1}`, has_more: index < 11 } }));
    });
    const result = await readItems(
      paginator(
        'type: CursorPagination\ncursor_value: "{{ response.meta.next }}"\nstop_condition: "{{ not response.meta.has_more }}"',
        'page_token_option: {type: RequestOption, inject_into: request_parameter, field_name: cursor}',
      ),
    );
    assert.equal(result.recordsOf('items').length, 24);
    assert.deepEqual(ids(result.recordsOf('items')).slice(-2), [23, 24]);
    assert.equal(api.server.requests.length, 12);
    assert.deepEqual(requestLines(api.server.requests).slice(0, 3), ['GET /items', 'GET /items?cursor=c1', 'GET /items?cursor=c2']);
  });

  test('cursor_value from a header and last_record; page_size with page_size_option; stops on a short page', async () => {
    api.server.on('/items', ({ res, url }) => {
      const after = Number(url.searchParams.get('after') ?? 0);
      const data = items(10)
        .filter((item) => item.id > after)
        .slice(0, Number(url.searchParams.get('size')));
      res.writeHead(200, { 'content-type': 'application/json', 'x-next': String(data.at(-1)?.id ?? '') });
      res.end(JSON.stringify({ data }));
    });
    const result = await readItems(
      paginator(
        'type: CursorPagination\npage_size: 4\ncursor_value: "{{ headers[\'x-next\'] }}"\nstop_condition: "{{ last_page_size < 4 }}"',
        'page_token_option: {type: RequestOption, inject_into: request_parameter, field_name: after}\npage_size_option: {type: RequestOption, inject_into: request_parameter, field_name: size}',
      ),
    );
    assert.deepEqual(ids(result.recordsOf('items')), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.deepEqual(requestLines(api.server.requests), ['GET /items?size=4', 'GET /items?after=4&size=4', 'GET /items?after=8&size=4']);
  });

  test('the Link header (headers.link.next.url) with RequestPath', async () => {
    api.server.on('/items', ({ res, url, server }) => {
      const p = Number(url.searchParams.get('p') ?? 1);
      const link = p < 3 ? `<${server.url}/items?p=${p + 1}>; rel="next"` : '';
      res.writeHead(200, { 'content-type': 'application/json', link });
      res.end(JSON.stringify({ data: items(1, p) }));
    });
    const result = await readItems(
      paginator(
        'type: CursorPagination\ncursor_value: "{{ headers.link.next.url }}"\nstop_condition: "{{ \'next\' not in headers.link }}"',
        'page_token_option: {type: RequestPath}',
      ),
    );
    assert.deepEqual(ids(result.recordsOf('items')), [1, 2, 3]);
    assert.deepEqual(requestLines(api.server.requests), ['GET /items', 'GET /items?p=2', 'GET /items?p=3']);
  });
});

describe('the retriever around the paginator', () => {
  test('ignore_stream_slicer_parameters_on_paginated_requests: later pages carry only the token', async () => {
    api.server.on('/items', pagedApi(4));
    const result = await readManifest(
      manifest(
        stream('items', '/items', {
          retriever: `${paginator('type: OffsetIncrement\npage_size: 4', 'page_token_option: {type: RequestOption, inject_into: request_parameter, field_name: offset}')}
ignore_stream_slicer_parameters_on_paginated_requests: true
partition_router: {type: ListPartitionRouter, cursor_field: region, values: [eu], request_option: {type: RequestOption, inject_into: request_parameter, field_name: region}}`,
        }),
      ),
      { config: config() },
    );
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.deepEqual(requestLines(api.server.requests), ['GET /items?region=eu', 'GET /items?offset=4', 'GET /items?offset=8']);
  });

  test('RESET_PAGINATION (a response filter): the slice is read again from its first page', async () => {
    let resets = 0;
    api.server.on('/items', ({ res, url }) => {
      const offset = Number(url.searchParams.get('offset') ?? 0);
      if (offset === 8 && resets++ === 0) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end('{"error": "cursor expired"}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: items(10).slice(offset, offset + 4) }));
    });
    const result = await readItems(
      paginator(
        'type: OffsetIncrement\npage_size: 4',
        'page_token_option: {type: RequestOption, inject_into: request_parameter, field_name: offset}',
      ),
      'error_handler: {type: DefaultErrorHandler, response_filters: [{type: HttpResponseFilter, action: RESET_PAGINATION, error_message_contains: "cursor expired"}]}',
    );
    assert.deepEqual(requestLines(api.server.requests), [
      'GET /items',
      'GET /items?offset=4',
      'GET /items?offset=8',
      'GET /items',
      'GET /items?offset=4',
      'GET /items?offset=8',
    ]);
    assert.equal(result.recordsOf('items').length, 18, 'the records of the pages read before the reset are already out');
  });
});

describe('NoPagination', () => {
  test('one request, however full the page', async () => {
    api.server.on(
      '/items',
      page(() => items(100)),
    );
    const result = await readItems('paginator: {type: NoPagination}');
    assert.equal(result.recordsOf('items').length, 100);
    assert.deepEqual(requestLines(api.server.requests), ['GET /items']);
  });
});

test('the real bin pages the same way', async () => {
  api.server.on('/items', pagedApi(4));
  const text = manifest(
    stream('items', '/items', {
      retriever: paginator(
        'type: OffsetIncrement\npage_size: 4',
        'page_token_option: {type: RequestOption, inject_into: request_parameter, field_name: offset}',
      ),
    }),
  );
  const result = await readWithBin(text, { config: config() });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(ids(binRecords(result)), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.deepEqual(requestLines(api.server.requests), ['GET /items', 'GET /items?offset=4', 'GET /items?offset=8']);
});
