/** Schema inference, record types from schemas, and the JSON Schema helpers. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordTypeName, recordTypesModule, schemaToTypeScript } from '../../src/index.js';
import { compileValidator, draft07Problems, findRefs, inferSchema } from '../../src/testing/index.js';

test('inferSchema: types per place, nested objects and arrays, integer widened to number, formats, nullable', () => {
  const schema = inferSchema([
    { id: 1, price: 2, name: 'a', at: '2024-01-01T00:00:00Z', day: '2024-01-01', tags: ['x'], owner: { id: 7 }, note: null },
    {
      id: 2,
      price: 2.5,
      name: 'b',
      at: '2024-01-02T10:00:00.123+02:00',
      day: '2024-01-02',
      tags: [],
      owner: { id: 8, email: 'e' },
      extra: true,
    },
  ]);
  assert.deepEqual(schema, {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    additionalProperties: true,
    properties: {
      at: { type: ['null', 'string'], format: 'date-time' },
      day: { type: ['null', 'string'], format: 'date' },
      extra: { type: ['null', 'boolean'] },
      id: { type: ['null', 'integer'] },
      name: { type: ['null', 'string'] },
      note: { type: 'null' },
      owner: { type: ['null', 'object'], properties: { email: { type: ['null', 'string'] }, id: { type: ['null', 'integer'] } } },
      price: { type: ['null', 'number'] },
      tags: { type: ['null', 'array'], items: { type: 'string' } },
    },
  });
  const observed = inferSchema(
    [
      { id: 1, name: 'x' },
      { id: 2, name: null, mixed: 'text' },
      { id: 3, mixed: 4 },
    ],
    { nullable: 'observed', formats: false },
  );
  assert.deepEqual(observed.properties, {
    id: { type: 'integer' },
    mixed: { type: ['integer', 'string'] },
    name: { type: ['null', 'string'] },
  });
  // What it infers accepts what it was inferred from, and is valid draft-07.
  assert.deepEqual(draft07Problems(schema), []);
  assert.deepEqual(inferSchema([]).type, 'object');
});

test('schemaToTypeScript: required and optional properties, nullable unions, enums, arrays, nested objects, docs', () => {
  const code = schemaToTypeScript(
    {
      type: 'object',
      required: ['id', 'kind'],
      additionalProperties: true,
      properties: {
        id: { type: 'integer', description: 'The id' },
        kind: { type: 'string', enum: ['a', 'b'] },
        tags: { type: ['null', 'array'], items: { type: ['string', 'null'] } },
        owner: { type: ['null', 'object'], properties: { email: { type: 'string' } } },
        'weird-key': { type: 'boolean' },
        any: {},
        choice: { anyOf: [{ type: 'string' }, { type: 'number' }] },
      },
    },
    'ThingRecord',
  );
  assert.equal(
    code,
    [
      'export interface ThingRecord {',
      '  /** The id */',
      '  id: number;',
      '  kind: "a" | "b";',
      '  tags?: null | (string | null)[];',
      '  owner?: null | {',
      '    email?: string;',
      '  };',
      "  'weird-key'?: boolean;",
      '  any?: unknown;',
      '  choice?: string | number;',
      '  [key: string]: unknown;',
      '}',
      '',
    ].join('\n'),
  );
  assert.equal(schemaToTypeScript({ type: ['null', 'string'] }, 'Maybe'), 'export type Maybe = null | string;\n');
  assert.equal(recordTypeName('user_events'), 'UserEventsRecord');
  assert.equal(recordTypeName('2fa-codes'), '_2faCodesRecord');
  const module = recordTypesModule([{ name: 'users', json_schema: { type: 'object', properties: { id: { type: 'integer' } } } }]);
  assert.match(module, /do not edit by hand/);
  assert.match(module, /export interface UsersRecord \{\n {2}id\?: number;\n\}/);
});

test('schema helpers: draft-07 problems, refs left, record validation with path, reason and value', () => {
  assert.deepEqual(draft07Problems({ type: 'object', properties: { a: { type: 'strin' } } }, 'schema').length > 0, true);
  assert.match(draft07Problems({ $schema: 'https://json-schema.org/draft/2020-12/schema' })[0] ?? '', /Airbyte expects draft-07/);
  assert.deepEqual(draft07Problems({ type: 'object', airbyte_secret: false, order: 1 }), []);
  assert.deepEqual(findRefs({ a: { $ref: 'x.json' }, b: [{ $ref: '#/d' }] }), ['/a ($ref: "x.json")', '/b/0 ($ref: "#/d")']);
  const validate = compileValidator({
    type: 'object',
    additionalProperties: false,
    required: ['id'],
    properties: {
      id: { type: 'integer' },
      at: { type: 'string', format: 'date-time' },
      geo: { type: 'object', properties: { lat: { type: 'number' } } },
    },
  });
  assert.deepEqual(validate({ id: 1, at: '2024-01-01T00:00:00Z', geo: { lat: 1.5 } }), []);
  assert.deepEqual(validate({ at: 'yesterday', geo: { lat: 'north' }, x: 1 }), [
    "(record) must have required property 'id'",
    '(record) has a property not in the schema: "x"',
    '/at must match format "date-time" (got "yesterday")',
    '/geo/lat must be number (got "north")',
  ]);
  assert.deepEqual(compileValidator({ type: 'string', format: 'date-time' }, { formats: false })('yesterday'), []);
});

test('inferSchema keeps fields named like built-in object members, __proto__ included', () => {
  const schema = inferSchema([JSON.parse('{"constructor": "c", "toString": 1, "__proto__": {"depth": 2}, "valueOf": true}')]);
  const properties = schema.properties as Record<string, unknown>;
  assert.deepEqual(Object.keys(properties), ['__proto__', 'constructor', 'toString', 'valueOf']);
  assert.deepEqual(Object.getOwnPropertyDescriptor(properties, '__proto__')?.value, {
    type: ['null', 'object'],
    properties: { depth: { type: ['null', 'integer'] } },
  });
});
