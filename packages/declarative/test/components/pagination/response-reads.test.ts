// Records are transformed in place unless the paginator's templates may read the records' part of
// the response: the static check, and a read where the paginator reads a field a transformation
// removes (the paginator must still see the response as the API sent it).
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { read } from '@tributary/cdk/testing';
import type { DefaultPaginator } from '../../../src/components/component-types.js';
import { DeclarativeSource } from '../../../src/index.js';
import { paginatorMayReadRecords } from '../../../src/pagination/response-reads.js';

function cursorPaginator(cursorValue: string, stopCondition?: string): DefaultPaginator {
  const strategy = { type: 'CursorPagination', cursor_value: cursorValue, ...(stopCondition ? { stop_condition: stopCondition } : {}) };
  return { type: 'DefaultPaginator', pagination_strategy: strategy } as unknown as DefaultPaginator;
}

describe('paginatorMayReadRecords', () => {
  test('members other than the records are safe to read', () => {
    assert.equal(paginatorMayReadRecords(cursorPaginator('{{ response.next }}', '{{ response.next is none }}'), ['data']), false);
    assert.equal(paginatorMayReadRecords(cursorPaginator("{{ response['meta']['cursor'] }}"), ['data']), false);
    assert.equal(paginatorMayReadRecords(cursorPaginator("{{ response.get('next') }}"), ['data']), false);
    assert.equal(paginatorMayReadRecords(cursorPaginator("{{ headers['link']['next']['url'] }}"), ['data']), false);
    assert.equal(paginatorMayReadRecords(undefined, ['data']), false);
  });

  test('the records member, the whole response, a method or a path the check cannot follow count as reads', () => {
    assert.equal(paginatorMayReadRecords(cursorPaginator('{{ response.data[-1].id }}'), ['data']), true);
    assert.equal(paginatorMayReadRecords(cursorPaginator("{{ response['data'] | length }}"), ['data']), true);
    assert.equal(paginatorMayReadRecords(cursorPaginator("{{ response.get('data') }}"), ['data']), true);
    assert.equal(paginatorMayReadRecords(cursorPaginator('{{ response | tojson }}'), ['data']), true);
    assert.equal(paginatorMayReadRecords(cursorPaginator('{{ response.items() | list }}'), ['data']), true);
    assert.equal(paginatorMayReadRecords(cursorPaginator('{{ response.next }}'), []), true);
    assert.equal(paginatorMayReadRecords(cursorPaginator('{{ response.next }}'), ['*', 'rows']), true);
    assert.equal(paginatorMayReadRecords(cursorPaginator('{{ response.next }}'), ["{{ parameters['path'] }}"]), true);
  });
});

test('a paginator that reads a field the transformations remove still sees it', async () => {
  const pages: Record<string, unknown> = {
    '': { data: [{ id: 1 }, { id: 2 }] },
    '2': { data: [{ id: 3 }] },
    '3': { data: [] },
  };
  const seen: string[] = [];
  const server = createServer((request, response) => {
    const after = new URL(request.url ?? '/', 'http://localhost').searchParams.get('after') ?? '';
    seen.push(after);
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(pages[after] ?? { data: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const manifest = {
      version: '6.44.0',
      type: 'DeclarativeSource',
      check: { type: 'CheckStream', stream_names: ['items'] },
      streams: [
        {
          type: 'DeclarativeStream',
          name: 'items',
          retriever: {
            type: 'SimpleRetriever',
            requester: { type: 'HttpRequester', url_base: "{{ config['base'] }}", path: '/items', http_method: 'GET' },
            record_selector: { type: 'RecordSelector', extractor: { type: 'DpathExtractor', field_path: ['data'] } },
            paginator: {
              type: 'DefaultPaginator',
              page_token_option: { type: 'RequestOption', inject_into: 'request_parameter', field_name: 'after' },
              pagination_strategy: {
                type: 'CursorPagination',
                cursor_value: '{{ response.data[-1].id }}',
                stop_condition: '{{ not response.data }}',
              },
            },
          },
          transformations: [
            { type: 'AddFields', fields: [{ path: ['key'], value: "{{ record['id'] * 10 }}" }] },
            { type: 'RemoveFields', field_pointers: [['id']] },
          ],
          schema_loader: { type: 'InlineSchemaLoader', schema: { type: 'object', properties: {} } },
        },
      ],
      spec: { type: 'Spec', connection_specification: { type: 'object', properties: { base: { type: 'string' } } } },
    };
    const port = (server.address() as AddressInfo).port;
    const result = await read(new DeclarativeSource(manifest), { config: { base: `http://127.0.0.1:${port}` }, streams: ['items'] });
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.deepEqual(result.recordsOf('items'), [{ key: 10 }, { key: 20 }, { key: 30 }]);
    assert.deepEqual(seen, ['', '2', '3']);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
