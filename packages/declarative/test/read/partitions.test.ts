/**
 * Partition routers through a real read, many partitions each: ListPartitionRouter,
 * SubstreamPartitionRouter (partition_field, parent_key, request_option, extra_fields, a
 * paginated parent), CartesianProductStreamSlicer and GroupingPartitionRouter. A full refresh
 * ends with the Python CDK's `__ab_no_cursor_state_message` state.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  binRecords,
  binStates,
  definition,
  manifest,
  page,
  readManifest,
  readWithBin,
  requestLines,
  stream,
  useApi,
  yaml,
} from './mock-api.js';

const api = useApi();
const REGIONS = Array.from({ length: 30 }, (_, index) => `r${index + 1}`);
const config = () => ({ base_url: api.url, regions: REGIONS });
const NO_CURSOR_STATE = { __ab_no_cursor_state_message: true };

async function readStreams(streams: string, names?: string[]) {
  const result = await readManifest(manifest(streams, { check: names?.slice(0, 1) }), { config: config(), streams: names });
  assert.equal(result.exitCode, 0, result.describeErrors());
  return result;
}

describe('ListPartitionRouter', () => {
  test('one request per value (values from config), the value in the path and the query; records in partition order', async () => {
    api.server.on(
      '/regions',
      page(({ url }) => [{ id: url.searchParams.get('region') }]),
    );
    const retriever = yaml`
      partition_router:
        type: ListPartitionRouter
        cursor_field: region
        values: "{{ config.regions }}"
        request_option: {type: RequestOption, inject_into: request_parameter, field_name: region}
    `;
    const result = await readStreams(stream('items', '/regions', { retriever }));
    assert.deepEqual(
      result.recordsOf('items').map((record) => record.id),
      REGIONS,
    );
    assert.deepEqual(
      requestLines(api.server.requests),
      REGIONS.map((region) => `GET /regions?region=${region}`),
    );
    assert.deepEqual(result.statesOf('items'), [NO_CURSOR_STATE]);
    assert.deepEqual(result.statusesOf('items'), ['STARTED', 'RUNNING', 'COMPLETE']);
  });

  test('the partition is in the path through stream_partition, and in AddFields through stream_slice', async () => {
    for (const region of ['eu', 'us'])
      api.server.on(
        `/regions/${region}/items`,
        page(() => [{ id: 1 }, { id: 2 }]),
      );
    const retriever = 'partition_router: {type: ListPartitionRouter, cursor_field: region, values: [eu, us]}';
    const transformations = yaml`
      transformations:
        - type: AddFields
          fields: [{type: AddedFieldDefinition, path: [region], value: "{{ stream_slice.region }}"}]
    `;
    const result = await readStreams(
      stream('items', '"/regions/{{ stream_partition.region }}/items"', { retriever, stream: transformations }),
    );
    assert.deepEqual(result.recordsOf('items'), [
      { id: 1, region: 'eu' },
      { id: 2, region: 'eu' },
      { id: 1, region: 'us' },
      { id: 2, region: 'us' },
    ]);
  });
});

describe('SubstreamPartitionRouter', () => {
  const parents = Array.from({ length: 25 }, (_, index) => ({ id: index + 1, name: `p${index + 1}`, owner: { login: `u${index + 1}` } }));

  /** 25 parents, 10 a page (offset pagination). */
  function parentApi(): void {
    api.server.on(
      '/parents',
      page(({ url }) => {
        const offset = Number(url.searchParams.get('offset') ?? 0);
        return parents.slice(offset, offset + 10);
      }),
    );
  }

  const parentDefinition = definition(
    'parents_stream',
    stream('parents', '/parents', {
      retriever: yaml`
        paginator:
          type: DefaultPaginator
          page_token_option: {type: RequestOption, inject_into: request_parameter, field_name: offset}
          pagination_strategy: {type: OffsetIncrement, page_size: 10}
      `,
    }),
  );

  /** The child stream, its router's one ParentStreamConfig having `parentConfig`. */
  function children(parentConfig: string, path = '"/parents/{{ stream_partition.parent_id }}/children"', extra = ''): string {
    const router = `partition_router:\n  type: SubstreamPartitionRouter\n  parent_stream_configs:\n    - type: ParentStreamConfig\n      stream: {$ref: "#/definitions/parents_stream"}\n${parentConfig.replace(/^/gm, '      ')}`;
    return manifest(stream('children', path, { retriever: router, stream: extra }), { definitions: parentDefinition });
  }

  test("one partition per parent record, over the parent's pages; partition_field from parent_key; many partitions", async () => {
    parentApi();
    for (const parent of parents)
      api.server.on(
        `/parents/${parent.id}/children`,
        page(() => [{ id: `c${parent.id}a` }, { id: `c${parent.id}b` }]),
      );
    const result = await readManifest(children('parent_key: id\npartition_field: parent_id'), { config: config(), streams: ['children'] });
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.equal(result.recordsOf('children').length, 50);
    assert.deepEqual(result.recordsOf('children').slice(0, 3), [{ id: 'c1a' }, { id: 'c1b' }, { id: 'c2a' }]);
    const lines = requestLines(api.server.requests);
    assert.deepEqual(
      lines.filter((line) => line.startsWith('GET /parents?') || line === 'GET /parents'),
      ['GET /parents', 'GET /parents?offset=10', 'GET /parents?offset=20'],
    );
    assert.equal(lines.filter((line) => line.endsWith('/children')).length, 25);
    assert.deepEqual(result.recordsOf('parents'), [], 'the parent is not emitted when it is not in the catalog');
    assert.deepEqual(result.statesOf('children'), [NO_CURSOR_STATE]);
  });

  test('two child streams of one parent share its cached responses', async () => {
    parentApi();
    api.server.on(
      '/children',
      page(({ url }) => [{ id: url.searchParams.get('p') }]),
    );
    const child = (name: string) =>
      stream(name, '/children', {
        retriever: `partition_router:\n  type: SubstreamPartitionRouter\n  parent_stream_configs:\n    - {type: ParentStreamConfig, stream: {$ref: "#/definitions/parents_stream"}, parent_key: id, partition_field: p, request_option: {type: RequestOption, inject_into: request_parameter, field_name: p}}`,
      });
    const text = manifest(`${child('first')}\n${child('second')}`, { definitions: parentDefinition });
    const result = await readManifest(text, { config: config() });
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.equal(result.recordsOf('first').length, 25);
    assert.equal(result.recordsOf('second').length, 25);
    assert.equal(api.server.requestsTo('/parents').length, 3);
    assert.equal(api.server.requestsTo('/children').length, 50, 'children are not cached');
  });

  test('a nested parent_key, request_option into the query, extra_fields in templates (stream_slice.extra_fields)', async () => {
    parentApi();
    api.server.on(
      '/children',
      page(({ url }) => [{ id: url.searchParams.get('owner') }]),
    );
    const parentConfig = yaml`
      parent_key: owner/login
      partition_field: owner
      request_option: {type: RequestOption, inject_into: request_parameter, field_name: owner}
      extra_fields: [[name], [owner, login], [missing]]
    `;
    const transformations = yaml`
      transformations:
        - type: AddFields
          fields:
            - {type: AddedFieldDefinition, path: [parent_name], value: "{{ stream_slice.extra_fields['name'] }}"}
            - {type: AddedFieldDefinition, path: [partition], value: "{{ stream_partition.owner }}"}
            - {type: AddedFieldDefinition, path: [login], value: "{{ stream_slice.extra_fields['owner.login'] }}"}
    `;
    const result = await readManifest(children(parentConfig, '/children', transformations), { config: config(), streams: ['children'] });
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.equal(result.recordsOf('children').length, 25);
    assert.deepEqual(result.recordsOf('children')[24], { id: 'u25', parent_name: 'p25', partition: 'u25', login: 'u25' });
    assert.deepEqual(
      requestLines(api.server.requests).filter((line) => line.startsWith('GET /children')),
      parents.map((parent) => `GET /children?owner=${parent.owner.login}`),
    );
  });

  test('the real bin reads parent and child in one run, each parent record once per stream', async () => {
    parentApi();
    for (const parent of parents)
      api.server.on(
        `/parents/${parent.id}/children`,
        page(() => [{ id: parent.id * 100 }]),
      );
    const text = children('parent_key: id\npartition_field: parent_id').replace(
      'streams:\n',
      `streams:\n${stream('parents', '/parents', { retriever: 'paginator: {type: DefaultPaginator, page_token_option: {type: RequestOption, inject_into: request_parameter, field_name: offset}, pagination_strategy: {type: OffsetIncrement, page_size: 10}}' }).replace(/^/gm, '  ')}\n`,
    );
    const result = await readWithBin(text, { config: config() });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(binRecords(result, 'parents').length, 25);
    assert.deepEqual(
      binRecords(result, 'children').map((record) => record.id),
      parents.map((parent) => parent.id * 100),
    );
    assert.deepEqual(binStates(result), [NO_CURSOR_STATE, NO_CURSOR_STATE]);
    assert.equal(api.server.requestsTo('/parents').length, 3, "the parent's pages are read once: the child gets them from the cache");
  });
});

describe('CartesianProductStreamSlicer and GroupingPartitionRouter', () => {
  test('a list of routers reads every combination, the first router varying slowest, options of both', async () => {
    api.server.on(
      '/combo',
      page(({ url }) => [{ id: `${url.searchParams.get('region')}-${url.searchParams.get('kind')}` }]),
    );
    const retriever = yaml`
      partition_router:
        - {type: ListPartitionRouter, cursor_field: region, values: [eu, us, ap], request_option: {type: RequestOption, inject_into: request_parameter, field_name: region}}
        - {type: ListPartitionRouter, cursor_field: kind, values: [a, b], request_option: {type: RequestOption, inject_into: request_parameter, field_name: kind}}
    `;
    const result = await readStreams(stream('items', '/combo', { retriever }));
    assert.deepEqual(
      result.recordsOf('items').map((record) => record.id),
      ['eu-a', 'eu-b', 'us-a', 'us-b', 'ap-a', 'ap-b'],
    );
  });

  test('GroupingPartitionRouter sends the values in groups of group_size (duplicates dropped), as lists in templates', async () => {
    api.server.on(
      '/grouped',
      page(({ url }) => [{ id: url.searchParams.get('ids') }]),
    );
    const retriever = yaml`
      partition_router:
        type: GroupingPartitionRouter
        group_size: 4
        underlying_partition_router: {type: ListPartitionRouter, cursor_field: rid, values: [a, b, c, a, d, e, f, g, h, i]}
    `;
    const requester = 'request_parameters: {ids: "{{ stream_partition.rid | join(\',\') }}"}';
    const result = await readStreams(stream('items', '/grouped', { retriever, requester }));
    assert.deepEqual(
      result.recordsOf('items').map((record) => record.id),
      ['a,b,c,d', 'e,f,g,h', 'i'],
    );
    assert.equal(api.server.requests.length, 3);
  });
});
