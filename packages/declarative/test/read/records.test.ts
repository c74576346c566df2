/**
 * Records through a real read: RecordSelector with DpathExtractor (wildcards, interpolated paths),
 * RecordFilter, schema normalisation; each decoder on a real response body (JSON, JSON lines,
 * XML, CSV, gzip, zip); and the transformations, applied in order.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { binRecords, type Handler, manifest, readManifest, readWithBin, type StreamParts, stream, useApi, yaml } from './mock-api.js';

const api = useApi();
const config = () => ({ base_url: api.url, min_id: 2 });

function body(content: string | Uint8Array, contentType: string): Handler {
  return ({ res }) => {
    res.writeHead(200, { 'content-type': contentType });
    res.end(content);
  };
}

async function readRecords(parts: StreamParts, path = '/records') {
  const result = await readManifest(manifest(stream('records', path, parts)), { config: config() });
  assert.equal(result.exitCode, 0, result.describeErrors());
  return result.recordsOf('records');
}

function selector(fieldPath: string, extra = ''): string {
  return `type: RecordSelector\nextractor: {type: DpathExtractor, field_path: ${fieldPath}}\n${extra}`;
}

describe('RecordSelector and DpathExtractor', () => {
  test('a wildcard path takes the records of every group', async () => {
    const groups = { groups: [{ members: [{ id: 1 }, { id: 2 }] }, { members: [{ id: 3 }] }, { members: [] }] };
    api.server.on('/records', body(JSON.stringify(groups), 'application/json'));
    assert.deepEqual(await readRecords({ selector: selector('[groups, "*", members, "*"]') }), [{ id: 1 }, { id: 2 }, { id: 3 }]);
  });

  test('a wildcard over an object takes its values; a path from $parameters; a missing path gives no record', async () => {
    api.server.on('/records', body(JSON.stringify({ by_id: { a: { id: 1 }, b: { id: 2 } } }), 'application/json'));
    assert.deepEqual(await readRecords({ selector: selector('[by_id, "*"]') }), [{ id: 1 }, { id: 2 }]);
    const parts = { selector: selector('["{{ parameters.root }}"]'), retriever: '$parameters: {root: by_id}' };
    assert.deepEqual(await readRecords(parts), [{ a: { id: 1 }, b: { id: 2 } }]);
    assert.deepEqual(await readRecords({ selector: selector('[nothing, here]') }), []);
  });

  test('an empty path takes the whole body: a list is many records, an object one', async () => {
    api.server.on('/list', body('[{"id": 1}, {"id": 2}]', 'application/json'));
    api.server.on('/object', body('{"id": 9}', 'application/json'));
    assert.deepEqual(await readRecords({ selector: selector('[]') }, '/list'), [{ id: 1 }, { id: 2 }]);
    assert.deepEqual(await readRecords({ selector: selector('[]') }, '/object'), [{ id: 9 }]);
  });

  test('RecordFilter keeps the records whose condition holds (record, config)', async () => {
    api.server.on('/records', body(JSON.stringify({ data: [1, 2, 3, 4].map((id) => ({ id, on: id !== 3 })) }), 'application/json'));
    const filter = 'record_filter: {type: RecordFilter, condition: "{{ record.on and record.id >= config.min_id }}"}';
    assert.deepEqual(await readRecords({ selector: selector('[data]', filter) }), [
      { id: 2, on: true },
      { id: 4, on: true },
    ]);
  });

  test('schema_normalization Default converts values to the schema types', async () => {
    api.server.on(
      '/records',
      body(JSON.stringify({ data: [{ id: '5', price: '1.5', name: 7, ok: 'x', keep: 'as is' }] }), 'application/json'),
    );
    const text = manifest(stream('records', '/records', { selector: selector('[data]', 'schema_normalization: Default') })).replace(
      'properties: {}',
      'properties: {id: {type: integer}, price: {type: number}, name: {type: string}, ok: {type: boolean}}',
    );
    const result = await readManifest(text, { config: config() });
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.deepEqual(result.recordsOf('records'), [{ id: 5, price: 1.5, name: '7', ok: 'x', keep: 'as is' }]);
  });
});

describe('decoders through a read', () => {
  test('JsonlDecoder: one record per line', async () => {
    api.server.on('/records', body('{"id": 1}\n{"id": 2}\n\n{"id": 3}\n', 'application/jsonl'));
    assert.deepEqual(await readRecords({ selector: selector('[]'), retriever: 'decoder: {type: JsonlDecoder}' }), [
      { id: 1 },
      { id: 2 },
      { id: 3 },
    ]);
  });

  test('XmlDecoder: elements as dicts of text, repeated elements as a list', async () => {
    const xml = '<?xml version="1.0"?><root><item id="a"><n>1</n></item><item id="b"><n>2</n></item></root>';
    api.server.on('/records', body(xml, 'application/xml'));
    assert.deepEqual(await readRecords({ selector: selector('[root, item]'), retriever: 'decoder: {type: XmlDecoder}' }), [
      { '@id': 'a', n: '1' },
      { '@id': 'b', n: '2' },
    ]);
  });

  test('CsvDecoder: the header names the fields, a custom delimiter', async () => {
    api.server.on('/records', body('id;name\n1;a\n2;"b;c"\n', 'text/csv'));
    assert.deepEqual(await readRecords({ selector: selector('[]'), retriever: 'decoder: {type: CsvDecoder, delimiter: ";"}' }), [
      { id: '1', name: 'a' },
      { id: '2', name: 'b;c' },
    ]);
  });

  test('GzipDecoder: a gzip body (by its content type) through the inner JSON lines decoder', async () => {
    api.server.on('/records', body(gzipSync('{"id": 1}\n{"id": 2}\n'), 'application/gzip'));
    const retriever = 'decoder: {type: GzipDecoder, decoder: {type: JsonlDecoder}}';
    assert.deepEqual(await readRecords({ selector: selector('[]'), retriever }), [{ id: 1 }, { id: 2 }]);
  });

  test('GzipDecoder: an uncompressed body (no gzip content type) goes to the inner decoder as it is', async () => {
    api.server.on('/records', body('{"data": [{"id": 4}]}', 'application/json'));
    const retriever = 'decoder: {type: GzipDecoder, decoder: {type: JsonDecoder}}';
    assert.deepEqual(await readRecords({ selector: selector('[data]'), retriever }), [{ id: 4 }]);
  });

  test('ZipfileDecoder: every file of the archive, in order, through the inner decoder', async () => {
    const zip = zipSync({ 'a.csv': strToU8('id,v\n1,x\n'), 'b.csv': strToU8('id,v\n2,y\n3,z\n') });
    api.server.on('/records', body(zip, 'application/zip'));
    const retriever = 'decoder: {type: ZipfileDecoder, decoder: {type: CsvDecoder}}';
    assert.deepEqual(await readRecords({ selector: selector('[]'), retriever }), [
      { id: '1', v: 'x' },
      { id: '2', v: 'y' },
      { id: '3', v: 'z' },
    ]);
  });

  test('a body that is not JSON gives no record and no error, as in Python (its JsonDecoder yields {})', async () => {
    api.server.on('/records', body('<html>oops</html>', 'text/html'));
    const result = await readManifest(manifest(stream('records', '/records')), { config: config() });
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.deepEqual(result.recordsOf('records'), []);
    assert.deepEqual(result.statusesOf('records').at(-1), 'COMPLETE');
  });
});

describe('transformations through a read', () => {
  const data = {
    data: [{ id: 1, Name: 'Ann', 'Last Name': 'Lee', FirstName: 'A', secret: 's', meta: { a: 1, b: { c: 2 } }, tags: ['x', 'y'] }],
  };

  async function transform(transformations: string) {
    api.server.on('/records', body(JSON.stringify(data), 'application/json'));
    const [record] = await readRecords({ stream: `transformations:\n${transformations.replace(/^/gm, '  ')}` });
    return record;
  }

  test('AddFields: templates over the record and config, value_type keeps the type asked for, nested paths', async () => {
    const record = await transform(yaml`
      - type: AddFields
        fields:
          - {type: AddedFieldDefinition, path: [id_text], value: "{{ record.id }}", value_type: string}
          - {type: AddedFieldDefinition, path: [id_plain], value: "{{ record.id }}"}
          - {type: AddedFieldDefinition, path: [added, min], value: "{{ config.min_id }}", value_type: integer}
          - {type: AddedFieldDefinition, path: [ratio], value: "{{ record.id / 2 }}", value_type: number}
          - {type: AddedFieldDefinition, path: [flag], value: "{{ record.id == 1 }}", value_type: boolean}
    `);
    assert.equal(record.id_text, '1');
    assert.equal(record.id_plain, 1);
    assert.deepEqual(record.added, { min: 2 });
    assert.equal(record.ratio, 0.5);
    assert.equal(record.flag, true);
  });

  test('RemoveFields, then KeysToLower: fields removed by pointer, then every key lower-cased', async () => {
    const record = await transform(yaml`
      - {type: RemoveFields, field_pointers: [[secret], [meta, b], [tags]]}
      - {type: KeysToLower}
    `);
    assert.deepEqual(record, { id: 1, name: 'Ann', 'last name': 'Lee', firstname: 'A', meta: { a: 1 } });
  });

  test('KeysToSnakeCase and KeysReplace', async () => {
    const snake = await transform('- {type: RemoveFields, field_pointers: [[meta], [tags], [secret]]}\n- {type: KeysToSnakeCase}');
    assert.deepEqual(snake, { id: 1, name: 'Ann', last_name: 'Lee', first_name: 'A' });
    const replaced = await transform(
      '- {type: RemoveFields, field_pointers: [[meta], [tags], [secret]]}\n- {type: KeysReplace, old: " ", new: "_"}',
    );
    assert.deepEqual(replaced, { id: 1, Name: 'Ann', Last_Name: 'Lee', FirstName: 'A' });
  });

  test("FlattenFields (lists too) and DpathFlattenFields (the object's fields moved up)", async () => {
    const plain = await transform(
      '- {type: RemoveFields, field_pointers: [[Name], [Last Name], [FirstName], [secret], [tags]]}\n- {type: FlattenFields}',
    );
    assert.deepEqual(plain, { id: 1, a: 1, c: 2 });
    // Python's flattening prefixes every key met after the first list (its force_with_parent_name never resets).
    const flat = await transform(
      '- {type: RemoveFields, field_pointers: [[Name], [Last Name], [FirstName], [secret]]}\n- {type: FlattenFields}',
    );
    assert.deepEqual(flat, { id: 1, 'meta.a': 1, 'meta.b.c': 2, 'tags.0': 'x', 'tags.1': 'y' });
    const moved = await transform(
      '- {type: RemoveFields, field_pointers: [[Name], [Last Name], [FirstName], [secret], [tags]]}\n- {type: DpathFlattenFields, field_path: [meta], delete_origin_value: true}',
    );
    assert.deepEqual(moved, { id: 1, a: 1, b: { c: 2 } });
  });

  test('AddFields and RemoveFields with conditions', async () => {
    const record = await transform(yaml`
      - type: AddFields
        condition: "{{ record.id == 1 }}"
        fields: [{type: AddedFieldDefinition, path: [first], value: "yes"}]
      - type: AddFields
        condition: "{{ record.id == 2 }}"
        fields: [{type: AddedFieldDefinition, path: [second], value: "yes"}]
      - type: RemoveFields
        field_pointers: [[meta], [tags], [Last Name], [FirstName]]
      - type: RemoveFields
        field_pointers: [["*"]]
        condition: "{{ property == 's' }}"
    `);
    assert.deepEqual(record, { id: 1, Name: 'Ann', first: 'yes' });
  });

  test('transform_before_filtering: the filter sees the transformed record', async () => {
    api.server.on('/records', body(JSON.stringify({ data: [{ id: 1 }, { id: 2 }] }), 'application/json'));
    const transformations =
      'transformations:\n  - {type: AddFields, fields: [{type: AddedFieldDefinition, path: [double], value: "{{ record.id * 2 }}"}]}';
    const filter = 'record_filter: {type: RecordFilter, condition: "{{ record.double == 4 }}"}';
    const after = await readRecords({
      selector: selector('[data]', `${filter}\ntransform_before_filtering: true`),
      stream: transformations,
    });
    assert.deepEqual(after, [{ id: 2, double: 4 }]);
    const before = await readRecords({ selector: selector('[data]', filter), stream: transformations });
    assert.deepEqual(before, [], 'without it the filter runs first, on records that have no `double`');
  });

  test('the real bin applies the same selector and transformations', async () => {
    api.server.on('/records', body(JSON.stringify(data), 'application/json'));
    const text = manifest(
      stream('records', '/records', {
        stream: 'transformations:\n  - {type: RemoveFields, field_pointers: [[meta], [tags], [secret]]}\n  - {type: KeysToSnakeCase}',
      }),
    );
    const result = await readWithBin(text, { config: config() });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(binRecords(result), [{ id: 1, name: 'Ann', last_name: 'Lee', first_name: 'A' }]);
  });
});
