/** Record transformations, case by case as the CDK's unit tests exercise them. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AddFields as AddFieldsModel } from '../../../src/components/component-types.js';
import { makeSlice } from '../../../src/slices/stream-slice.js';
import { AddFields } from '../../../src/transformations/add-fields.js';
import { createTransformation } from '../../../src/transformations/create-transformations.js';
import { snakeCaseKey } from '../../../src/transformations/keys-to-snake-case.js';
import { env } from '../helpers.js';

type Rec = Record<string, unknown>;
const run = (model: { type: string; [k: string]: unknown }, record: Rec, config: Rec = {}, slice = makeSlice({})) => {
  createTransformation(model, env(config)).transform(record, slice);
  return record;
};

describe('AddFields', () => {
  const add = (fields: AddFieldsModel['fields'], record: Rec, extra: Partial<AddFieldsModel> = {}) =>
    run({ type: 'AddFields', fields, ...extra }, record, { shop: 's1' }, makeSlice({ id: 9 }, { start_date: '2024-01-01' }));
  const field = (path: string[], value: string, valueType?: 'string' | 'number' | 'integer' | 'boolean') =>
    ({ type: 'AddedFieldDefinition', path, value, ...(valueType ? { value_type: valueType } : {}) }) as AddFieldsModel['fields'][number];

  test('constants, nested paths, config, record, slice and its aliases', () => {
    const record = add(
      [
        field(['k'], 'v'),
        field(['nested', 'deep'], '{{ config.shop }}'),
        field(['copy'], "{{ record['a'] }}"),
        field(['start'], '{{ stream_interval.start_date }}'),
        field(['pid'], '{{ stream_partition.id }}'),
        field(['four'], '{{ 2 * 2 }}'),
      ],
      { a: [1, 2] },
    );
    assert.deepEqual(record, { a: [1, 2], k: 'v', nested: { deep: 's1' }, copy: [1, 2], start: '2024-01-01', pid: 9, four: 4 });
  });
  test('value_type keeps only that Python type after literal_eval, else the text', () => {
    const record = add(
      [field(['n'], '10', 'number'), field(['i'], '10', 'integer'), field(['s'], '10', 'string'), field(['b'], 'True', 'boolean')],
      {},
    );
    assert.deepEqual(record, { n: '10', i: 10, s: '10', b: true });
  });
  test('a condition sees the value and the path', () => {
    const record = add(
      [field(['x'], '{{ record.a }}'), field(['y'], '')],
      { a: 1 },
      { condition: "{{ value is not none and value != '' and path[0] != 'skip' }}" },
    );
    assert.deepEqual(record, { a: 1, x: 1 });
  });
  test('a later field sees the earlier one', () => {
    assert.deepEqual(add([field(['a'], '1'), field(['b'], '{{ record.a + 1 }}')], {}), { a: 1, b: 2 });
  });
  test('an empty path is a config error', () => {
    assert.throws(() => new AddFields({ type: 'AddFields', fields: [field([], 'x')] }, env()), /non-zero-length path/);
  });
});

describe('RemoveFields', () => {
  test('pointers, nested pointers, wildcards, list items and missing fields', () => {
    const record = run(
      { type: 'RemoveFields', field_pointers: [['a'], ['b', 'c'], ['*', 'x'], ['l', '0'], ['missing', 'field']] },
      { a: 1, b: { c: 2, d: 3 }, e: { x: 1, y: 2 }, l: ['p', 'q'] },
    );
    assert.deepEqual(record, { b: { d: 3 }, e: { y: 2 }, l: [null, 'q'] });
  });
  test('a condition removes every leaf for which it holds', () => {
    const record = run(
      { type: 'RemoveFields', field_pointers: [['**']], condition: "{{ property|string == '' }}" },
      { a: '', b: { c: '', d: 'x' } },
    );
    assert.deepEqual(record, { b: { d: 'x' } });
  });
});

describe('keys', () => {
  test('KeysToLower', () =>
    assert.deepEqual(run({ type: 'KeysToLower' }, { FirstName: 1, nested: { A: 1 } }), { firstname: 1, nested: { A: 1 } }));
  const snakeCases: [string, string][] = [
    ['FirstName', 'first_name'],
    ['firstName', 'first_name'],
    ['HTTPResponse', 'httpresponse'],
    ['Created At', 'created_at'],
    ['123Number', '_123_number'],
    ['__private', '_private'],
    ['trailing!!', 'trailing_'],
    ['Żółw Ćma', 'zolw_cma'],
    ['a-b-c', 'a_b_c'],
    ['!!', ''],
  ];
  for (const [key, expected] of snakeCases) test(`KeysToSnakeCase ${key}`, () => assert.equal(snakeCaseKey(key), expected));
  test('KeysToSnakeCase goes into nested objects', () => {
    assert.deepEqual(run({ type: 'KeysToSnakeCase' }, { OuterKey: { InnerKey: 1 }, List: [{ A: 1 }] }), {
      outer_key: { inner_key: 1 },
      list: [{ A: 1 }],
    });
  });
  test('KeysReplace with templates, in nested objects', () => {
    const record = run({ type: 'KeysReplace', old: '{{ config.old }}', new: '_' }, { 'a b': 1, 'c d': { 'e f': 2 } }, { old: ' ' });
    assert.deepEqual(record, { a_b: 1, c_d: { e_f: 2 } });
  });
});

describe('FlattenFields', () => {
  test('nested objects and lists become top-level keys (the CDK tests)', () => {
    assert.deepEqual(run({ type: 'FlattenFields' }, { id: 1, nested: { id: 2, x: 'a' }, list: [1, { y: 2 }] }), {
      'list.1.y': 2,
      'list.0': 1,
      'nested.x': 'a',
      'nested.id': 2,
      id: 1,
    });
  });
  test('flatten_lists: false keeps lists', () => {
    assert.deepEqual(run({ type: 'FlattenFields', flatten_lists: false }, { a: { b: 1 }, l: [1] }), { l: [1], b: 1 });
  });
});

describe('DpathFlattenFields', () => {
  test('merges the object at the path, keeps or deletes the original', () => {
    assert.deepEqual(run({ type: 'DpathFlattenFields', field_path: ['f'] }, { id: 1, f: { a: 1 } }), { id: 1, f: { a: 1 }, a: 1 });
    assert.deepEqual(run({ type: 'DpathFlattenFields', field_path: ['f'], delete_origin_value: true }, { id: 1, f: { a: 1 } }), {
      id: 1,
      a: 1,
    });
  });
  test('a conflicting key leaves the record alone', () => {
    assert.deepEqual(run({ type: 'DpathFlattenFields', field_path: ['f'] }, { a: 0, f: { a: 1 } }), { a: 0, f: { a: 1 } });
  });
  test('replace_record, wildcard paths and key prefixes/suffixes', () => {
    assert.deepEqual(run({ type: 'DpathFlattenFields', field_path: ['f'], replace_record: true }, { id: 1, f: { a: 1 } }), { a: 1 });
    assert.deepEqual(run({ type: 'DpathFlattenFields', field_path: ['l', '*'] }, { l: [{ a: 1 }, { b: 2 }] }), {
      l: [{ a: 1 }, { b: 2 }],
      a: 1,
    });
    const keyed = run(
      { type: 'DpathFlattenFields', field_path: ['f'], key_transformation: { type: 'KeyTransformation', prefix: 'p_', suffix: '_s' } },
      { f: { a: 1 } },
    );
    assert.deepEqual(keyed, { f: { a: 1 }, p_a_s: 1 });
  });
});
