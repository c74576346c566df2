/** Pagination strategies and DefaultPaginator, token by token as the CDK computes them. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DefaultPaginator as DefaultPaginatorModel } from '../../../src/components/component-types.js';
import type { PyValue } from '../../../src/interpolation/values/object.js';
import { createPaginator } from '../../../src/pagination/create-paginator.js';
import type { PageOutcome } from '../../../src/pagination/page-outcome.js';
import { headersForTemplates, parseLinks } from '../../../src/pagination/page-outcome.js';
import { makeSlice } from '../../../src/slices/stream-slice.js';
import { env } from '../helpers.js';

const outcome = (lastPageSize: number, decoded: unknown = {}, extra: Partial<PageOutcome> = {}): PageOutcome => ({
  response: { status: 200, headers: [], decoded },
  lastPageSize,
  lastRecord: lastPageSize > 0 ? { id: lastPageSize } : null,
  ...extra,
});

const paginator = (strategy: Record<string, unknown>, extra: Partial<DefaultPaginatorModel> = {}, config = {}) =>
  createPaginator({ type: 'DefaultPaginator', pagination_strategy: strategy as never, ...extra }, env(config));

describe('PageIncrement', () => {
  test('counts pages from start_from_page; a short or empty page ends them', () => {
    const p = paginator({ type: 'PageIncrement', page_size: 2 });
    assert.equal(p.initialToken(), null);
    assert.deepEqual(p.nextPageToken(outcome(2), null), { next_page_token: 1 });
    assert.deepEqual(p.nextPageToken(outcome(2), 1), { next_page_token: 2 });
    assert.equal(p.nextPageToken(outcome(1), 2), null);
    assert.equal(p.nextPageToken(outcome(0), 2), null);
  });
  test('start_from_page and inject_on_first_request', () => {
    const p = paginator({ type: 'PageIncrement', page_size: 2, start_from_page: 1, inject_on_first_request: true });
    assert.equal(p.initialToken(), 1);
    assert.deepEqual(p.nextPageToken(outcome(2), 1), { next_page_token: 2 });
  });
  test('without a page size only an empty page ends the pages; a template page size must be an int', () => {
    assert.deepEqual(paginator({ type: 'PageIncrement' }).nextPageToken(outcome(1), null), { next_page_token: 1 });
    assert.equal(paginator({ type: 'PageIncrement', page_size: '{{ config.size }}' }, {}, { size: 5 }).pageSize(), 5);
    assert.throws(() => paginator({ type: 'PageIncrement', page_size: '{{ config.size }}' }, {}, { size: 'x' }), /Expected <class 'int'>/);
  });
  test('a token that is not an integer fails', () => {
    assert.throws(() => paginator({ type: 'PageIncrement', page_size: 2 }).nextPageToken(outcome(2), 'abc'), /was not an integer/);
  });
});

describe('OffsetIncrement', () => {
  test('the offset grows by the records the extractor gave (before filtering)', () => {
    const p = paginator({ type: 'OffsetIncrement', page_size: 2 });
    assert.deepEqual(p.nextPageToken(outcome(1, {}, { extractedCount: 2 }), null), { next_page_token: 2 });
    assert.deepEqual(p.nextPageToken(outcome(2, {}, { extractedCount: 2 }), 2), { next_page_token: 4 });
    assert.equal(p.nextPageToken(outcome(1, {}, { extractedCount: 1 }), 4), null);
  });
  test('page_size from the response; inject_on_first_request starts at 0', () => {
    const p = paginator({ type: 'OffsetIncrement', page_size: '{{ response.limit }}', inject_on_first_request: true });
    assert.equal(p.initialToken(), 0);
    assert.deepEqual(p.nextPageToken(outcome(3, { limit: 3 }), 0), { next_page_token: 3 });
    assert.equal(p.nextPageToken(outcome(2, { limit: 3 }), 3), null);
  });
});

describe('CursorPagination', () => {
  test('the token from the response; stop_condition ends the pages', () => {
    const p = paginator({ type: 'CursorPagination', cursor_value: '{{ response.next }}', stop_condition: '{{ not response.has_more }}' });
    assert.deepEqual(p.nextPageToken(outcome(2, { next: 'abc', has_more: true }), null), { next_page_token: 'abc' });
    assert.equal(p.nextPageToken(outcome(2, { next: 'abc', has_more: false }), null), null);
  });
  test('an empty token ends the pages; last_record, last_page_size and page_size are in the context', () => {
    const p = paginator({
      type: 'CursorPagination',
      cursor_value: '{{ last_record.id if last_page_size == page_size else "" }}',
      page_size: 2,
    });
    assert.deepEqual(p.nextPageToken(outcome(2), null), { next_page_token: 2 });
    assert.equal(p.nextPageToken(outcome(1), null), null);
  });
  test("headers: as sent, with link parsed into requests' links", () => {
    const p = paginator({ type: 'CursorPagination', cursor_value: "{{ headers['link']['next']['url'] }}|{{ headers['X-Cursor'] }}" });
    const response = {
      status: 200,
      headers: [
        ['Link', '<https://api/x?page=2>; rel="next", <https://api/x?page=9>; rel="last"'],
        ['X-Cursor', 'c1'],
      ] as [string, string][],
      decoded: {},
    };
    assert.deepEqual(p.nextPageToken({ response, lastPageSize: 1, lastRecord: null }, null), {
      next_page_token: 'https://api/x?page=2|c1',
    });
  });
  test('parse_header_links keys by rel, else by URL', () => {
    assert.deepEqual(parseLinks('<a>; rel=next; title="t"'), { next: { url: 'a', rel: 'next', title: 't' } });
    assert.deepEqual(parseLinks('<b>'), { b: { url: 'b' } });
    assert.deepEqual(
      headersForTemplates([
        ['A', '1'],
        ['a', '2'],
      ]),
      { A: '1, 2', link: {} },
    );
  });
});

describe('DefaultPaginator request options', () => {
  const model = (tokenOption: Record<string, unknown>, sizeOption?: Record<string, unknown>): Partial<DefaultPaginatorModel> => ({
    page_token_option: tokenOption as never,
    ...(sizeOption ? { page_size_option: sizeOption as never } : {}),
  });
  test('token and size into the query; nothing for the token on the first page', () => {
    const p = paginator(
      { type: 'OffsetIncrement', page_size: 10 },
      model(
        { type: 'RequestOption', inject_into: 'request_parameter', field_name: 'offset' },
        { type: 'RequestOption', inject_into: 'request_parameter', field_name: 'limit' },
      ),
    );
    assert.deepEqual(p.requestOptions('request_parameter', null), { limit: 10 });
    assert.deepEqual(p.requestOptions('request_parameter', { next_page_token: 20 }), { offset: 20, limit: 10 });
    assert.deepEqual(p.requestOptions('header', { next_page_token: 20 }), {});
  });
  test('headers, form and nested JSON bodies; field names may be templates', () => {
    const header = paginator(
      { type: 'CursorPagination', cursor_value: 'x' },
      model({ type: 'RequestOption', inject_into: 'header', field_name: '{{ config.h }}' }),
      { h: 'X-Page' },
    );
    assert.deepEqual(header.requestOptions('header', { next_page_token: 'abc' }), { 'X-Page': 'abc' });
    const json = paginator(
      { type: 'CursorPagination', cursor_value: 'x' },
      model({ type: 'RequestOption', inject_into: 'body_json', field_path: ['page', 'cursor'] }),
    );
    assert.deepEqual(json.requestOptions('body_json', { next_page_token: 'abc' }), { page: { cursor: 'abc' } });
  });
  test('RequestPath: the token is the next path', () => {
    const p = paginator({ type: 'CursorPagination', cursor_value: '{{ response.next }}' }, model({ type: 'RequestPath' }));
    assert.equal(p.path({ next_page_token: 'https://api/next' }), 'https://api/next');
    assert.equal(p.path(null), null);
    assert.deepEqual(p.requestOptions('request_parameter', { next_page_token: 'x' }), {});
  });
  test('a page size option without a page size, and two options writing one field, are config errors', () => {
    assert.throws(
      () =>
        paginator(
          { type: 'CursorPagination', cursor_value: 'x' },
          model({ type: 'RequestPath' }, { type: 'RequestOption', inject_into: 'header', field_name: 'l' }),
        ),
      /page_size_option cannot be set/,
    );
    assert.throws(
      () =>
        paginator(
          { type: 'PageIncrement', page_size: 5 },
          model(
            { type: 'RequestOption', inject_into: 'request_parameter', field_name: 'p' },
            { type: 'RequestOption', inject_into: 'request_parameter', field_name: 'p' },
          ),
        ),
      /duplicate keys/,
    );
  });
  test('NoPagination has one page', () => {
    const p = createPaginator({ type: 'NoPagination' }, env());
    assert.equal(p.nextPageToken(outcome(100), null), null);
  });
  test("a data feed stops once the last record is out of the cursor's range", () => {
    const p = createPaginator({ type: 'DefaultPaginator', pagination_strategy: { type: 'PageIncrement', page_size: 1 } }, env(), {
      dataFeedCursor: { shouldBeSynced: (record) => (record.id as number) > 1 },
    });
    assert.deepEqual(p.nextPageToken(outcome(2, {}, { lastRecord: { id: 2 }, slice: makeSlice({}) }), null), { next_page_token: 1 });
    assert.equal(p.nextPageToken(outcome(2, {}, { lastRecord: { id: 1 } }), null as PyValue), null);
  });
});
