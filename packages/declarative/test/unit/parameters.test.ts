/** Default types and `$parameters`, exactly as the CDK's ManifestComponentTransformer propagates them. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { propagateTypesAndParameters } from '../../src/manifest/parameters.js';

type Tree = Record<string, unknown>;

describe('types and $parameters', () => {
  test('a component without type gets the default type of the field it stands in', () => {
    const result = propagateTypesAndParameters({
      type: 'DeclarativeSource',
      streams: [{ retriever: { requester: { url_base: 'x' }, record_selector: { extractor: { field_path: [] } }, paginator: {} } }],
    });
    const stream = (result.streams as Tree[])[0];
    const retriever = stream.retriever as Tree;
    assert.equal(stream.type, 'DeclarativeStream');
    assert.equal(retriever.type, 'SimpleRetriever');
    assert.equal((retriever.requester as Tree).type, 'HttpRequester');
    assert.equal(((retriever.record_selector as Tree).extractor as Tree).type, 'DpathExtractor');
    assert.equal((retriever.paginator as Tree).type, 'NoPagination');
  });

  test('with a class_name instead, the custom component type is filled in', () => {
    const result = propagateTypesAndParameters({
      type: 'DeclarativeStream',
      retriever: {
        type: 'SimpleRetriever',
        record_selector: { type: 'RecordSelector', extractor: { class_name: 'source_x.components.X' } },
      },
    });
    assert.equal((((result.retriever as Tree).record_selector as Tree).extractor as Tree).type, 'CustomRecordExtractor');
  });

  test("parameters flow to children, the child's own parameters win, and they become fields where the field is empty", () => {
    const result = propagateTypesAndParameters({
      type: 'DeclarativeStream',
      $parameters: { name: 'users', path: '/users', primary_key: 'id', page: 1 },
      primary_key: [],
      retriever: {
        type: 'SimpleRetriever',
        $parameters: { page: 2 },
        requester: { type: 'HttpRequester', path: '/own', url_base: 'x' },
      },
    });
    assert.equal(result.name, 'users');
    assert.equal(result.primary_key, 'id', "an empty (falsy) field takes the parameter, as Python's `or` does");
    const retriever = result.retriever as Tree;
    assert.deepEqual(retriever.$parameters, { name: 'users', path: '/users', primary_key: 'id', page: 2 });
    const requester = retriever.requester as Tree;
    assert.equal(requester.path, '/own', 'a field written on the component wins over the parameter');
    assert.equal(requester.name, 'users');
    assert.equal(requester.page, 2);
  });

  test('a parameter is not handed down into the field of the same name, and JSON schemas are left alone', () => {
    const result = propagateTypesAndParameters({
      type: 'DeclarativeStream',
      $parameters: { name: 'users', schema_loader: 'x' },
      schema_loader: { type: 'InlineSchemaLoader', schema: { type: 'object', properties: { id: { type: 'integer' } } } },
    });
    const loader = result.schema_loader as Tree;
    assert.equal(loader.schema_loader, undefined);
    assert.deepEqual(loader.schema, { type: 'object', properties: { id: { type: 'integer' } } });
    assert.deepEqual(loader.$parameters, { name: 'users' });
  });

  test('a mapping without a type is not a component: only its direct children that have one are visited', () => {
    const result = propagateTypesAndParameters({
      type: 'HttpRequester',
      $parameters: { name: 'users' },
      request_parameters: { plain: 'value', nested: { type: 'QueryProperties', property_list: ['a'] } },
    });
    const parameters = result.request_parameters as Tree;
    assert.equal(parameters.name, undefined);
    assert.equal((parameters.nested as Tree).name, 'users');
  });

  test("with useParentParameters the parent's parameter wins, as for dynamic streams", () => {
    const result = propagateTypesAndParameters(
      { type: 'DeclarativeStream', $parameters: { a: 'parent' }, retriever: { type: 'SimpleRetriever', $parameters: { a: 'child' } } },
      { useParentParameters: true },
    );
    assert.equal((result.retriever as Tree).a, 'parent');
  });

  test('the input is not modified', () => {
    const input = { type: 'DeclarativeStream', $parameters: { name: 'a' }, retriever: { requester: { url_base: 'x' } } };
    const copy = structuredClone(input);
    propagateTypesAndParameters(input);
    assert.deepEqual(input, copy);
  });
});
