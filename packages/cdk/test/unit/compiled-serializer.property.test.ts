import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { compileSerializer } from '../../src/output/compiled-serializer.js';
import type { JsonSchema } from '../../src/protocol/json-schema.js';

// Property-based proof that compileSerializer(schema)(data) is always valid JSON equal in value
// to JSON.stringify(data): random schemas, and random data that sometimes matches the schema and
// sometimes breaks it (extra, missing, reordered keys, wrong types, undefined, NaN, BigInt, Dates,
// toJSON, getters, non-enumerable and inherited keys, unusual prototypes, awkward unicode).

type Serialize = (data: object) => string;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function assertSameAsStringify(serialize: Serialize, data: unknown): void {
  let expected: string | undefined;
  let expectedError: unknown;
  try {
    expected = JSON.stringify(data);
  } catch (error) {
    expectedError = error;
  }
  if (expectedError !== undefined) {
    assert.throws(
      () => serialize(data as object),
      (error: unknown) => (error as object).constructor === (expectedError as object).constructor,
    );
    return;
  }
  const actual = serialize(data as object);
  if (expected === undefined) {
    assert.equal(actual, undefined);
    return;
  }
  assert.equal(typeof actual, 'string');
  assert.ok(!LONE_SURROGATE.test(actual), 'output must be well-formed UTF-16 (lone surrogates escaped)');
  assert.deepStrictEqual(JSON.parse(actual), JSON.parse(expected));
}

const RUNS = Number(process.env.SERIALIZER_PROPERTY_RUNS ?? 2000);

// ---- strings and keys -------------------------------------------------------------------
const awkwardUnit = fc.constantFrom(
  'a',
  'Z',
  '0',
  ' ',
  '"',
  '\\',
  '/',
  '\n',
  '\t',
  '\u0000',
  '\u001f',
  '\u007f',
  '\u2028',
  'é',
  '€',
  '😀',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
);
const stringArb = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: awkwardUnit, maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);
const keyArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'id',
      'name',
      'a',
      'b',
      'value',
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
      'length',
      '0',
      '1',
      '10',
      '-1',
      '01',
      '',
      'a"b',
      '\\',
      '\n',
      '😀',
      '\ud800',
      '__proto__',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: awkwardUnit, maxLength: 4 }) },
);

// ---- values that are not described by any schema -----------------------------------------
const numberArb = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-0, 0, NaN, Infinity, -Infinity, 1e21, 5e-324, 2 ** 53 + 2, 0.1));
const jsonishArb: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    numberArb,
    stringArb,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(keyArb, tie('value'), { maxKeys: 3 }),
  ),
})).value;
const oddValueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(undefined),
  fc.constant(() => 'fn'),
  fc.constant(Symbol('s')),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
  fc.date({ noInvalidDate: false }),
  fc.constant(new Map([[1, 2]])),
  fc.constant(Object(5)),
  fc.constant(Object('boxed')),
  stringArb.map((s) => ({ toJSON: (key: string) => `${key}|${s}` })),
  fc.constant({ toJSON: () => undefined }),
  fc.constant(Object.assign(() => 0, { toJSON: () => 'fn with toJSON' })),
);
const scalarArb = fc.oneof(numberArb, stringArb, fc.boolean(), fc.constant(null));
const anythingArb = fc.oneof({ weight: 4, arbitrary: jsonishArb }, { weight: 1, arbitrary: oddValueArb });

// ---- random schemas ----------------------------------------------------------------------
const typeNameArb = fc.constantFrom('string', 'number', 'integer', 'boolean', 'null', 'object', 'array');
const schemaArbs = fc.letrec<{ node: JsonSchema; object: JsonSchema }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(typeNameArb, fc.uniqueArray(typeNameArb, { minLength: 1, maxLength: 3 })).map((type): JsonSchema => ({ type })),
    fc.constant<JsonSchema>({}),
    tie('object'),
    fc.record({ type: fc.constantFrom<JsonSchema['type']>('array', ['null', 'array']), items: tie('node') }) as fc.Arbitrary<JsonSchema>,
  ),
  object: fc
    .tuple(
      fc.uniqueArray(fc.tuple(keyArb, tie('node')), { maxLength: 6, selector: ([key]) => key }),
      fc.constantFrom<JsonSchema['type'] | undefined>('object', ['object', 'null'], undefined),
    )
    .map(([entries, type]): JsonSchema => {
      const properties: Record<string, JsonSchema> = {};
      for (const [key, schema] of entries)
        Object.defineProperty(properties, key, { value: schema, enumerable: true, writable: true, configurable: true });
      return type === undefined ? { properties } : { type, properties };
    }),
}));

// ---- data for a schema -------------------------------------------------------------------
interface DataOptions {
  /** Also produce values that break the schema (wrong types, extra keys, odd objects, reordering). */
  violations: boolean;
}

const types = (schema: JsonSchema): string[] => (Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type]);

function valueFor(schema: JsonSchema, options: DataOptions, depth: number): fc.Arbitrary<unknown> {
  const candidates: fc.Arbitrary<unknown>[] = [];
  for (const type of types(schema)) {
    if (type === 'string') candidates.push(stringArb);
    if (type === 'number') candidates.push(numberArb);
    if (type === 'integer') candidates.push(fc.oneof(fc.integer(), fc.constantFrom(-0, 2 ** 60, -(2 ** 60), NaN)));
    if (type === 'boolean') candidates.push(fc.boolean());
    if (type === 'null') candidates.push(fc.constant(null));
    if (type === 'array' && schema.items && !Array.isArray(schema.items) && depth < 4) {
      candidates.push(fc.array(valueFor(schema.items, options, depth + 1), { maxLength: 3 }));
    }
  }
  if (schema.properties && depth < 4 && (types(schema).length === 0 || types(schema).includes('object')))
    candidates.push(objectFor(schema, options, depth + 1));
  // Past the depth limit a declared object is replaced: by anything, or (when records must match
  // the schema exactly) by a scalar, so that no undeclared keys appear in compiled positions.
  if (candidates.length === 0) candidates.push(options.violations ? anythingArb : scalarArb);
  const matching = fc.oneof(...candidates);
  if (!options.violations) return matching;
  return fc.oneof({ weight: 6, arbitrary: matching }, { weight: 1, arbitrary: anythingArb });
}

type Decoration = 'plain' | 'nullProto' | 'classInstance' | 'hideOne' | 'getters' | 'toJSON' | 'symbolKey' | 'ownToJSONValue';
const decorationArb = fc.oneof(
  { weight: 20, arbitrary: fc.constant<Decoration>('plain') },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Decoration>('nullProto', 'classInstance', 'hideOne', 'getters', 'toJSON', 'symbolKey', 'ownToJSONValue'),
  },
);

class Instance {}

function objectFor(schema: JsonSchema, options: DataOptions, depth: number): fc.Arbitrary<object> {
  const properties = schema.properties ?? {};
  const names = Object.keys(properties);
  const entryArbs = names.map((name) =>
    fc.option(
      valueFor(properties[name], options, depth).map((value) => [name, value] as const),
      { freq: 4, nil: undefined },
    ),
  );
  const extraArb = options.violations
    ? fc.oneof(
        { weight: 5, arbitrary: fc.constant([]) },
        { weight: 1, arbitrary: fc.array(fc.tuple(keyArb, anythingArb), { minLength: 1, maxLength: 2 }) },
      )
    : fc.constant([]);
  const shuffleArb = options.violations
    ? fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat() })
    : fc.constant(0);
  const decorateArb = options.violations ? decorationArb : fc.constant<Decoration>('plain');
  return fc.tuple(fc.tuple(...entryArbs), extraArb, shuffleArb, decorateArb).map(([maybeEntries, extras, seed, decoration]) => {
    let entries: (readonly [string, unknown])[] = [...maybeEntries.filter((entry) => entry !== undefined), ...extras];
    if (seed !== 0) entries = shuffle(entries, seed);
    return build(entries, decoration);
  });
}

function shuffle<T>(items: T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function build(entries: (readonly [string, unknown])[], decoration: Decoration): object {
  const target: Record<string, unknown> =
    decoration === 'nullProto' ? Object.create(null) : decoration === 'classInstance' ? (new Instance() as Record<string, unknown>) : {};
  for (const [key, value] of entries) Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  const first = entries[0]?.[0];
  if (decoration === 'hideOne' && first !== undefined) Object.defineProperty(target, first, { enumerable: false });
  if (decoration === 'getters' && first !== undefined) {
    const value = target[first];
    Object.defineProperty(target, first, { get: () => value, enumerable: true });
  }
  if (decoration === 'toJSON') Object.defineProperty(target, 'toJSON', { value: (key: string) => ({ key, size: entries.length }) });
  if (decoration === 'symbolKey') (target as Record<symbol, unknown>)[Symbol('s')] = 1;
  if (decoration === 'ownToJSONValue') target.toJSON = 'not callable';
  return target;
}

const schemaAndData = (options: DataOptions) =>
  schemaArbs.object.chain((schema) =>
    fc.tuple(fc.constant(schema), fc.array(objectFor(schema, options, 0), { minLength: 1, maxLength: 4 })),
  );

describe('compileSerializer property tests (fast-check)', () => {
  test(`random schemas, records that match or break them: equal in value to JSON.stringify (${RUNS} schemas)`, () => {
    fc.assert(
      fc.property(schemaAndData({ violations: true }), ([schema, records]) => {
        const serialize = compileSerializer(schema);
        for (const record of records) assertSameAsStringify(serialize, record);
      }),
      { numRuns: RUNS },
    );
  });

  test(`random schemas, matching records built in schema order: byte-identical to JSON.stringify (${RUNS} schemas)`, () => {
    fc.assert(
      fc.property(schemaAndData({ violations: false }), ([schema, records]) => {
        const serialize = compileSerializer(schema);
        for (const record of records) {
          let expected: string | undefined;
          try {
            expected = JSON.stringify(record);
          } catch {
            assert.throws(() => serialize(record));
            continue;
          }
          assert.equal(serialize(record), expected);
        }
      }),
      { numRuns: RUNS },
    );
  });

  test(`random values of any kind as records (${RUNS} values)`, () => {
    const serialize = compileSerializer({
      type: 'object',
      properties: { id: { type: 'integer' }, a: { type: 'string' }, b: { properties: { c: {} } } },
    });
    fc.assert(
      fc.property(fc.oneof(anythingArb, fc.object({ maxDepth: 3 }), fc.dictionary(keyArb, anythingArb, { maxKeys: 4 })), (data) => {
        assertSameAsStringify(serialize, data);
      }),
      { numRuns: RUNS },
    );
  });

  // One serializer over many records, so V8 optimizes the generated code and then meets data
  // that breaks its assumptions (deoptimization paths must stay exact too).
  test(`one hot serializer over ${RUNS * 5} mixed records`, () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        uid: { type: 'string' },
        score: { type: ['null', 'number'] },
        ok: { type: 'boolean' },
        tags: { type: 'array', items: { type: 'string' } },
        meta: {
          type: 'object',
          properties: {
            shard: { type: 'integer' },
            owner: { type: 'object', properties: { id: { type: 'integer' }, login: { type: 'string' } } },
          },
        },
        lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer' } } } },
      },
    };
    const serialize = compileSerializer(schema);
    fc.assert(
      fc.property(objectFor(schema, { violations: true }, 0), (record) => {
        assertSameAsStringify(serialize, record);
      }),
      { numRuns: RUNS * 5 },
    );
  });
});
