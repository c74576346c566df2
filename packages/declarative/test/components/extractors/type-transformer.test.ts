/** Schema normalisation with the Python CDK's TypeTransformer rules (default_convert). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TypeTransformer } from '../../../src/extractors/type-transformer.js';

function normalize(schema: Record<string, unknown>, value: unknown) {
  const warnings: string[] = [];
  const record: Record<string, unknown> = { value };
  new TypeTransformer({ type: 'object', properties: { value: schema } }, (w) => warnings.push(w)).transform(record);
  return { value: record.value, warnings };
}

describe('default_convert', () => {
  const cases: [string, Record<string, unknown>, unknown, unknown][] = [
    ['int to string', { type: 'string' }, 12, '12'],
    ['bool to string is Python str()', { type: 'string' }, true, 'True'],
    ['object to string is its Python repr', { type: 'string' }, { a: 1, b: [true, null] }, "{'a': 1, 'b': [True, None]}"],
    ['None to string is "None"', { type: 'string' }, null, 'None'],
    ['None kept when the type allows null', { type: ['string', 'null'] }, null, null],
    ['string to integer', { type: 'integer' }, ' 42 ', 42],
    ['"1_000" is an integer for Python', { type: 'integer' }, '1_000', 1000],
    ['"1.5" is not an integer: kept', { type: 'integer' }, '1.5', '1.5'],
    ['float to integer truncates', { type: 'integer' }, -1.9, -1],
    ['string to number', { type: 'number' }, '1e3', 1000],
    ['bool to number', { type: 'number' }, true, 1],
    ['"abc" to number: kept', { type: 'number' }, 'abc', 'abc'],
    ['yes/no strings to boolean', { type: 'boolean' }, ' Yes ', true],
    ['other strings to boolean: kept', { type: 'boolean' }, 'maybe', 'maybe'],
    ['numbers to boolean with bool()', { type: 'boolean' }, 2, true],
    ['None to boolean is False (bool(None))', { type: 'boolean' }, null, false],
    ['a scalar becomes a list when items are simple types', { type: 'array', items: { type: ['string', 'null'] } }, 'x', ['x']],
    ['no items: a scalar is wrapped', { type: 'array' }, 3, [3]],
    [
      'items type given as one string: not wrapped (the CDK makes a set of its characters)',
      { type: 'array', items: { type: 'string' } },
      'x',
      'x',
    ],
    ['two types besides null: left alone', { type: ['string', 'integer'] }, 1.5, 1.5],
  ];
  for (const [name, schema, input, expected] of cases) test(name, () => assert.deepEqual(normalize(schema, input).value, expected));
});

describe('the walk', () => {
  test('nested properties and items are converted, the root is not', () => {
    const schema = {
      type: 'object',
      definitions: { num: { type: 'number' } },
      properties: {
        obj: { type: 'object', properties: { n: { $ref: '#/definitions/num' } } },
        list: { type: 'array', items: { type: 'object', properties: { i: { type: 'integer' } } } },
      },
    };
    const record: Record<string, unknown> = { obj: { n: '2.5' }, list: [{ i: '7' }, { i: 'x' }], other: 1 };
    const warnings: string[] = [];
    new TypeTransformer(schema, (w) => warnings.push(w)).transform(record);
    assert.deepEqual(record, { obj: { n: 2.5 }, list: [{ i: 7 }, { i: 'x' }], other: 1 });
    assert.deepEqual(warnings, ["Failed to transform value from type 'string' to type 'integer' at path: 'list.1.i'"]);
  });
  test('a value that stays of the wrong type is reported with its structure', () => {
    const { warnings } = normalize({ type: ['integer', 'null'] }, { a: 'x' });
    assert.deepEqual(warnings, ["Failed to transform value from type '{'a': 'string'}' to type '['integer', 'null']' at path: 'value'"]);
  });
});
