/**
 * `check` of a manifest against a real API, as the Python CDK runs it: CheckStream reads the first
 * record of each named stream (one request, however many pages there are), the config's
 * `airbyte_check_stream_names` overrides the names, and a stream that cannot be read fails the
 * check with a FAILED status (exit code 0) naming it. CheckDynamicStream is not supported: it fails
 * with a message saying so.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkManifest, checkWithBin, manifest, page, reply, requestLines, stream, useApi, yaml } from './mock-api.js';

const api = useApi();
const config = (extra: Record<string, unknown> = {}) => ({ base_url: api.url, ...extra });

const paginated = yaml`
  paginator:
    type: DefaultPaginator
    page_token_option: {type: RequestOption, inject_into: request_parameter, field_name: page}
    pagination_strategy: {type: PageIncrement, page_size: 1, start_from_page: 1}
`;
const twoStreams = (check?: string[]) =>
  manifest([stream('users', '/users', { retriever: paginated }), stream('orders', '/orders')].join('\n'), { check });

describe('CheckStream', () => {
  test('succeeds after one request per named stream, even when the stream has more pages', async () => {
    api.server.on(
      '/users',
      page(() => [{ id: 1 }]),
    );
    api.server.on(
      '/orders',
      page(() => [{ id: 2 }]),
    );
    const result = await checkManifest(twoStreams(['users', 'orders']), config());
    assert.equal(result.exitCode, 0);
    assert.deepEqual(result.connectionStatus, { status: 'SUCCEEDED' });
    assert.deepEqual(requestLines(api.server.requests), ['GET /users', 'GET /orders']);
  });

  test('a stream with no records is available', async () => {
    api.server.on(
      '/users',
      page(() => []),
    );
    const result = await checkManifest(twoStreams(['users']), config());
    assert.deepEqual(result.connectionStatus, { status: 'SUCCEEDED' });
  });

  test('a 401 fails the check (exit code 0) with a message naming the stream; later streams are not tried', async () => {
    api.server.on('/users', reply.status(401, { error: 'bad key' }));
    api.server.on(
      '/orders',
      page(() => [{ id: 2 }]),
    );
    const result = await checkManifest(twoStreams(['users', 'orders']), config());
    assert.equal(result.exitCode, 0);
    assert.equal(result.connectionStatus.status, 'FAILED');
    assert.match(result.connectionStatus.message ?? '', /^'Stream users is not available: HTTP Status Code: 401\. Error: Unauthorized/);
    assert.deepEqual(requestLines(api.server.requests), ['GET /users']);
  });

  test("airbyte_check_stream_names in the config replaces the manifest's names", async () => {
    api.server.on(
      '/orders',
      page(() => [{ id: 2 }]),
    );
    const result = await checkManifest(twoStreams(['users']), config({ airbyte_check_stream_names: ['orders'] }));
    assert.deepEqual(result.connectionStatus, { status: 'SUCCEEDED' });
    assert.deepEqual(requestLines(api.server.requests), ['GET /orders']);
  });

  test('a stream name that is not in the manifest fails, listing the streams there are', async () => {
    const result = await checkManifest(twoStreams(['invoices']), config());
    assert.equal(result.connectionStatus.status, 'FAILED');
    assert.equal(result.connectionStatus.message, "invoices is not part of the catalog. Expected one of ['users', 'orders'].");
    assert.equal(api.server.requests.length, 0);
  });

  test('the check reads the first slice of a partitioned, incremental stream', async () => {
    api.server.on(
      '/regions/eu',
      page(() => [{ id: 1 }]),
    );
    const text = manifest(
      stream('events', '"/regions/{{ stream_partition.region }}"', {
        retriever: 'partition_router: {type: ListPartitionRouter, cursor_field: region, values: [eu, us]}',
        stream:
          'incremental_sync: {type: DatetimeBasedCursor, cursor_field: updated_at, datetime_format: "%Y-%m-%d", start_datetime: "2024-01-01", end_datetime: "2024-01-02", step: P1D, cursor_granularity: P1D}',
      }),
    );
    const result = await checkManifest(text, config());
    assert.deepEqual(result.connectionStatus, { status: 'SUCCEEDED' });
    assert.deepEqual(requestLines(api.server.requests), ['GET /regions/eu']);
  });
});

describe('CheckDynamicStream', () => {
  test('is not supported: the check fails saying so', async () => {
    const text = twoStreams().replace(
      /check:\n {2}type: CheckStream\n {2}stream_names: .*\n/,
      'check:\n  type: CheckDynamicStream\n  stream_count: 1\n',
    );
    const result = await checkManifest(text, config());
    assert.equal(result.connectionStatus.status, 'FAILED');
    assert.match(result.connectionStatus.message ?? '', /Checking dynamic streams is not supported by Tributary yet/);
    assert.equal(api.server.requests.length, 0);
  });
});

describe('the real bin', () => {
  test('check prints SUCCEEDED, and FAILED for an API that refuses', async () => {
    api.server.on(
      '/users',
      page(() => [{ id: 1 }]),
      reply.status(403),
    );
    const ok = await checkWithBin(twoStreams(['users']), config());
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(
      ok.messages.filter((message) => message.type === 'CONNECTION_STATUS').map((message) => message.connectionStatus),
      [{ status: 'SUCCEEDED' }],
    );
    const refused = await checkWithBin(twoStreams(['users']), config());
    assert.equal(refused.code, 0, refused.stderr);
    const [status] = refused.messages.flatMap((message) => (message.type === 'CONNECTION_STATUS' ? [message.connectionStatus] : []));
    assert.equal(status.status, 'FAILED');
    assert.match(status.message ?? '', /Stream users is not available: HTTP Status Code: 403/);
  });
});
