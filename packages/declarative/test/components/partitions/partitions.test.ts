/** Partition routers: the slices, their request options and the parents' state. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ParentStreamConfig as ParentStreamConfigModel } from '../../../src/components/component-types.js';
import type { PlainDict } from '../../../src/interpolation/values/object.js';
import { createPartitionRouter } from '../../../src/partitions/create-partition-router.js';
import { collectSlices, type PartitionRouter } from '../../../src/partitions/partition-router.js';
import type { ParentRecord, ParentStream } from '../../../src/partitions/substream-partition-router.js';
import { makeSlice, plainOf, type StreamSlice } from '../../../src/slices/stream-slice.js';
import { env } from '../helpers.js';

const shape = (slice: StreamSlice) => ({
  partition: plainOf(slice.partition),
  cursor: plainOf(slice.cursorSlice),
  extra: plainOf(slice.extraFields),
});
const slicesOf = async (router: PartitionRouter) => (await collectSlices(router)).map(shape);

function parent(name: string, records: ParentRecord[], state: PlainDict = {}): ParentStream & { given?: PlainDict } {
  const stream: ParentStream & { given?: PlainDict } = {
    name,
    cursorField: 'updated_at',
    async *records() {
      yield* records;
    },
    state: () => state,
    setState: (s) => {
      stream.given = s;
    },
  };
  return stream;
}

const noParents = () => {
  throw new Error('no parents here');
};

describe('ListPartitionRouter', () => {
  test('a partition per value; values and the field may be templates', async () => {
    const router = createPartitionRouter(
      { type: 'ListPartitionRouter', values: '{{ config.repos }}', cursor_field: '{{ parameters.f }}', $parameters: { f: 'repo' } },
      env({ repos: ['a', 'b'] }),
      noParents,
    );
    assert.deepEqual(await slicesOf(router), [
      { partition: { repo: 'a' }, cursor: {}, extra: {} },
      { partition: { repo: 'b' }, cursor: {}, extra: {} },
    ]);
  });
  test('a string of values is iterated character by character, as Python does', async () => {
    const router = createPartitionRouter(
      { type: 'ListPartitionRouter', values: '{{ config.x }}', cursor_field: 'c' },
      env({ x: 'ab' }),
      noParents,
    );
    assert.deepEqual(
      (await slicesOf(router)).map((s) => s.partition.c),
      ['a', 'b'],
    );
  });
  test('the value goes into the request when it is truthy', () => {
    const router = createPartitionRouter(
      {
        type: 'ListPartitionRouter',
        values: ['x', ''],
        cursor_field: 'c',
        request_option: { type: 'RequestOption', inject_into: 'header', field_name: 'X-C' },
      },
      env(),
      noParents,
    );
    assert.deepEqual(router.requestOptions('header', makeSlice({ c: 'x' })), { 'X-C': 'x' });
    assert.deepEqual(router.requestOptions('header', makeSlice({ c: '' })), {});
    assert.deepEqual(router.requestOptions('request_parameter', makeSlice({ c: 'x' })), {});
    assert.equal(router.getStreamState(), null);
  });
});

describe('SubstreamPartitionRouter', () => {
  const config = (extra: Partial<ParentStreamConfigModel> = {}): ParentStreamConfigModel => ({
    type: 'ParentStreamConfig',
    parent_key: 'id',
    partition_field: 'parent_id',
    stream: { type: 'DeclarativeStream', name: 'parents' } as never,
    ...extra,
  });
  const records: ParentRecord[] = [
    { data: { id: 1, meta: { owner: 'o1' } }, partition: { org: 'a' } },
    { data: { name: 'no id' }, partition: null },
    { data: { id: 2 }, partition: null },
  ];

  test('a partition per parent record with the key, with parent_slice and extra_fields', async () => {
    const router = createPartitionRouter(
      { type: 'SubstreamPartitionRouter', parent_stream_configs: [config({ extra_fields: [['meta', 'owner']] })] },
      env(),
      () => parent('parents', records),
    );
    assert.deepEqual(await slicesOf(router), [
      { partition: { parent_id: 1, parent_slice: { org: 'a' } }, cursor: {}, extra: { 'meta.owner': 'o1' } },
      { partition: { parent_id: 2, parent_slice: {} }, cursor: {}, extra: { 'meta.owner': null } },
    ]);
    assert.deepEqual(router.getStreamState(), {});
  });
  test('a nested parent_key with "/", and the value into the JSON body', async () => {
    const router = createPartitionRouter(
      {
        type: 'SubstreamPartitionRouter',
        parent_stream_configs: [
          config({
            parent_key: 'meta/owner',
            request_option: { type: 'RequestOption', inject_into: 'body_json', field_path: ['filter', 'owner'] },
          }),
        ],
      },
      env(),
      () => parent('parents', records),
    );
    const slices = await collectSlices(router);
    assert.deepEqual(
      slices.map((s) => plainOf(s.partition).parent_id),
      ['o1'],
    );
    assert.deepEqual(router.requestOptions('body_json', slices[0]), { filter: { owner: 'o1' } });
  });
  test('incremental_dependency: parents get their state from parent_state, or a migrated child state', () => {
    const p = parent('parents', [], { updated_at: '2024-01-02' });
    const router = createPartitionRouter(
      { type: 'SubstreamPartitionRouter', parent_stream_configs: [config({ incremental_dependency: true })] },
      env(),
      () => p,
    );
    router.setInitialState({ parent_state: { parents: { updated_at: '2024-01-01' } } });
    assert.deepEqual(p.given, { updated_at: '2024-01-01' });
    router.setInitialState({ updated_at: '2023-05-27' });
    assert.deepEqual(p.given, { updated_at: '2023-05-27' });
    router.setInitialState({ states: [], state: { updated_at: '2023-06-01' } });
    assert.deepEqual(p.given, { updated_at: '2023-06-01' });
    assert.deepEqual(router.getStreamState(), { parents: { updated_at: '2024-01-02' } });
  });
});

describe('CartesianProductStreamSlicer and GroupingPartitionRouter', () => {
  test('every combination, the first router slowest; request options merged', async () => {
    const router = createPartitionRouter(
      [
        {
          type: 'ListPartitionRouter',
          values: ['0', '1'],
          cursor_field: 'i',
          request_option: { type: 'RequestOption', inject_into: 'request_parameter', field_name: 'i' },
        },
        {
          type: 'ListPartitionRouter',
          values: ['hello', 'world'],
          cursor_field: 's',
          request_option: { type: 'RequestOption', inject_into: 'request_parameter', field_name: 's' },
        },
      ],
      env(),
      noParents,
    );
    const slices = await collectSlices(router);
    assert.deepEqual(
      slices.map((s) => plainOf(s.partition)),
      [
        { i: '0', s: 'hello' },
        { i: '0', s: 'world' },
        { i: '1', s: 'hello' },
        { i: '1', s: 'world' },
      ],
    );
    assert.deepEqual(router.requestOptions('request_parameter', slices[1]), { s: 'world', i: '0' });
  });
  test('groups of group_size, duplicates skipped, the last group smaller', async () => {
    const router = createPartitionRouter(
      {
        type: 'GroupingPartitionRouter',
        group_size: 2,
        underlying_partition_router: { type: 'ListPartitionRouter', values: ['a', 'b', 'a', 'c'], cursor_field: 'id' },
      },
      env(),
      noParents,
    );
    assert.deepEqual(
      (await slicesOf(router)).map((s) => s.partition),
      [{ id: ['a', 'b'] }, { id: ['c'] }],
    );
  });
  test('grouping refuses request options and group sizes below 1', () => {
    const list = {
      type: 'ListPartitionRouter',
      values: ['a'],
      cursor_field: 'id',
      request_option: { type: 'RequestOption', inject_into: 'header', field_name: 'x' },
    };
    assert.throws(
      () => createPartitionRouter({ type: 'GroupingPartitionRouter', group_size: 2, underlying_partition_router: list }, env(), noParents),
      /Request options are not supported/,
    );
    assert.throws(
      () =>
        createPartitionRouter(
          { type: 'GroupingPartitionRouter', group_size: 0, underlying_partition_router: { ...list, request_option: undefined } },
          env(),
          noParents,
        ),
      /greater than 0/,
    );
  });
});
