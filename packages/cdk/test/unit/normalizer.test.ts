import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { JsonSchema } from '../../src/protocol/json-schema.js';
import { compileNormalizer, compileNormalizerWithClosures, type NormalizationWarning } from '../../src/schema/normalizer.js';

type Compile = typeof compileNormalizer;
const IMPLEMENTATIONS: Array<[string, Compile]> = [
  ['generated code', compileNormalizer],
  ['closures', compileNormalizerWithClosures],
];

/** Normalises `{ v: value }` against `{ v: schema }` and returns the value and the warnings. */
function normalizeOne(compile: Compile, schema: JsonSchema, value: unknown): { value: unknown; warnings: NormalizationWarning[] } {
  const warnings: NormalizationWarning[] = [];
  const record: Record<string, unknown> = { v: value };
  compile({ type: 'object', properties: { v: schema } }, (warning) => warnings.push(warning))(record);
  return { value: record.v, warnings };
}

/** Each row: input, expected output (`KEPT` = the same value, reported as not convertible). */
const KEPT = Symbol('kept and reported');
type Row = [input: unknown, expected: unknown];

function checkRows(compile: Compile, schema: JsonSchema, rows: Row[]): void {
  for (const [input, expected] of rows) {
    const { value, warnings } = normalizeOne(compile, schema, input);
    const label = `${JSON.stringify(schema)} ← ${show(input)}`;
    if (expected === KEPT) {
      assert.ok(Object.is(value, input), `${label}: expected the value to be kept, got ${show(value)}`);
      assert.equal(warnings.length, 1, `${label}: expected one warning`);
      assert.ok(Object.is(warnings[0].value, input), label);
      assert.equal(warnings[0].path, 'v', label);
    } else {
      assert.deepStrictEqual(value, expected, label);
      assert.deepStrictEqual(warnings, [], `${label}: expected no warning`);
    }
  }
}

function show(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Date) return `Date(${value.getTime()})`;
  try {
    return String(JSON.stringify(value) ?? value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

const cyclic: Record<string, unknown> = { a: 1 };
cyclic.self = cyclic;
const date = new Date('2024-01-02T03:04:05.678Z');

for (const [name, compile] of IMPLEMENTATIONS) {
  describe(`normaliser (${name})`, () => {
    test('string ← numbers, BigInts, booleans, Dates, objects and arrays', () => {
      checkRows(compile, { type: 'string' }, [
        ['already', 'already'],
        ['', ''],
        [1.5, '1.5'],
        [1, '1'],
        [-0, '0'],
        [1e21, '1e+21'],
        [Number.NaN, 'NaN'],
        [Number.POSITIVE_INFINITY, 'Infinity'],
        [10n, '10'],
        [true, 'true'],
        [false, 'false'],
        [date, '2024-01-02T03:04:05.678Z'],
        [{ a: 1, b: [true, null] }, '{"a":1,"b":[true,null]}'],
        [[1, 'x'], '[1,"x"]'],
        [{}, '{}'],
        [null, KEPT],
        [new Date(Number.NaN), KEPT],
        [cyclic, KEPT],
        [{ big: 1n }, KEPT],
        [Symbol.iterator, KEPT],
      ]);
    });

    test('number ← decimal strings, booleans and exact BigInts; never NaN or Infinity', () => {
      checkRows(compile, { type: 'number' }, [
        [1.5, 1.5],
        [7, 7],
        ['1.5', 1.5],
        [' 2.5 ', 2.5],
        ['\t-3\n', -3],
        ['+4', 4],
        ['1e3', 1000],
        ['1E-2', 0.01],
        ['.5', 0.5],
        ['5.', 5],
        ['-0', 0],
        ['0.1', 0.1],
        ['93.12', 93.12],
        ['123456789012345678901234567890', 1.2345678901234568e29],
        [true, 1],
        [false, 0],
        [7n, 7],
        ['abc', KEPT],
        ['', KEPT],
        ['   ', KEPT],
        ['.', KEPT],
        ['1.2.3', KEPT],
        ['0x10', KEPT],
        ['0b1', KEPT],
        ['Infinity', KEPT],
        ['NaN', KEPT],
        ['1e400', KEPT],
        ['1_000', KEPT],
        ['12px', KEPT],
        [Number.NaN, KEPT],
        [Number.NEGATIVE_INFINITY, KEPT],
        [2n ** 60n + 1n, KEPT],
        [null, KEPT],
        [{}, KEPT],
        [[1], KEPT],
        [date, KEPT],
      ]);
      // -0 from a string becomes +0, so no conversion ever yields -0.
      assert.ok(Object.is(normalizeOne(compile, { type: 'number' }, '-0').value, 0));
    });

    test('integer ← digit strings, finite numbers (truncated like Python int()), booleans and exact BigInts', () => {
      checkRows(compile, { type: 'integer' }, [
        [42, 42],
        [1e300, 1e300],
        ['42', 42],
        [' -7 ', -7],
        ['+3', 3],
        ['007', 7],
        ['9007199254740991', 9007199254740991],
        [1.9, 1],
        [-1.9, -1],
        [0.5, 0],
        [true, 1],
        [false, 0],
        [5n, 5],
        ['1.5', KEPT],
        ['1.0', KEPT],
        ['1e3', KEPT],
        ['9007199254740993', KEPT],
        ['abc', KEPT],
        ['', KEPT],
        ['-', KEPT],
        [Number.NaN, KEPT],
        [Number.POSITIVE_INFINITY, KEPT],
        [2n ** 64n, KEPT],
        [null, KEPT],
        [{}, KEPT],
        [[1], KEPT],
      ]);
      assert.ok(Object.is(normalizeOne(compile, { type: 'integer' }, -0.5).value, 0), '-0.5 truncates to +0');
      assert.ok(Object.is(normalizeOne(compile, { type: 'integer' }, '-0').value, 0), "'-0' becomes +0");
    });

    test('boolean ← the strtobool words (any case, trimmed) and the numbers 1 and 0', () => {
      const rows: Row[] = [
        [true, true],
        [false, false],
      ];
      for (const word of ['y', 'yes', 't', 'true', 'on', '1', 'TRUE', 'Yes', ' on ', '\ttrue\n']) rows.push([word, true]);
      for (const word of ['n', 'no', 'f', 'false', 'off', '0', 'FALSE', 'No', ' off ', 'F']) rows.push([word, false]);
      rows.push([1, true], [0, false], [-0, false], [1n, true], [0n, false]);
      for (const kept of ['', 'maybe', 'truthy', 'ye s', 2, 0.5, -1, Number.NaN, 2n, null, [], {}, [true], date]) rows.push([kept, KEPT]);
      checkRows(compile, { type: 'boolean' }, rows);
    });

    test("null is kept when 'null' is a type, reported otherwise; type ['null'] converts nothing", () => {
      checkRows(compile, { type: ['integer', 'null'] }, [
        [null, null],
        ['5', 5],
        [2.5, 2],
        ['x', KEPT],
      ]);
      checkRows(compile, { type: ['null', 'string'] }, [
        [null, null],
        [5, '5'],
      ]);
      for (const type of ['string', 'number', 'integer', 'boolean', 'object', 'array'] as const) {
        checkRows(compile, { type }, [[null, KEPT]]);
      }
      checkRows(compile, { type: 'null' }, [
        [null, null],
        ['null', KEPT],
        [0, KEPT],
      ]);
      checkRows(compile, { type: ['null'] }, [
        [null, null],
        ['', KEPT],
      ]);
    });

    test('type lists with several non-null types never convert, and report values matching none', () => {
      checkRows(compile, { type: ['string', 'integer'] }, [
        ['5', '5'],
        [5, 5],
        [true, KEPT],
        [1.5, KEPT],
        [{}, KEPT],
      ]);
      checkRows(compile, { type: ['number', 'boolean', 'null'] }, [
        ['1', KEPT],
        [null, null],
        [false, false],
      ]);
      const { warnings } = normalizeOne(compile, { type: ['integer', 'null'] }, {});
      assert.deepStrictEqual(warnings, [{ path: 'v', value: {}, expected: 'integer|null' }]);
    });

    test('array ← a scalar is wrapped when items are absent or scalar-typed, then the item is normalised', () => {
      checkRows(compile, { type: 'array' }, [
        ['a', ['a']],
        [5, [5]],
        [false, [false]],
        [3n, [3n]],
        [
          [1, 'x'],
          [1, 'x'],
        ],
        [{ a: 1 }, KEPT],
        [null, KEPT],
        [date, KEPT],
      ]);
      checkRows(compile, { type: 'array', items: { type: 'integer' } }, [
        ['5', [5]],
        [7, [7]],
        [
          ['1', 2.9, true],
          [1, 2, 1],
        ],
      ]);
      checkRows(compile, { type: 'array', items: { type: ['string', 'null'] } }, [[5, ['5']]]);
      checkRows(compile, { type: 'array', items: { description: 'no type' } }, [[5, [5]]]);
      checkRows(compile, { type: 'array', items: { type: 'object' } }, [['a', KEPT]]);
      checkRows(compile, { type: 'array', items: { type: ['array', 'null'] } }, [['a', KEPT]]);
      checkRows(compile, { type: 'array', items: [{ type: 'integer' }] }, [['a', KEPT]]);
      checkRows(compile, { type: ['array', 'null'] }, [
        ['a', ['a']],
        [null, null],
      ]);
      // A wrapped value that cannot become an item is reported at the item path.
      const { value, warnings } = normalizeOne(compile, { type: 'array', items: { type: 'integer' } }, 'abc');
      assert.deepStrictEqual(value, ['abc']);
      assert.deepStrictEqual(warnings, [{ path: 'v[]', value: 'abc', expected: 'integer' }]);
    });

    test('object: nothing is converted into one; Dates and arrays are not objects', () => {
      checkRows(compile, { type: 'object' }, [
        [{ a: 1 }, { a: 1 }],
        ['{"a":1}', KEPT],
        [[1], KEPT],
        [date, KEPT],
        [1, KEPT],
      ]);
    });

    test('nested objects, arrays of objects, nested arrays and tuples are normalised with their paths', () => {
      const schema: JsonSchema = {
        type: 'object',
        properties: {
          address: {
            type: 'object',
            properties: { geo: { type: ['object', 'null'], properties: { lat: { type: 'number' }, lng: { type: 'number' } } } },
          },
          orders: {
            type: 'array',
            items: { type: 'object', properties: { qty: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } } } },
          },
          matrix: { type: 'array', items: { type: 'array', items: { type: 'number' } } },
          pair: { type: 'array', items: [{ type: 'integer' }, { type: 'boolean' }] },
          untyped: { properties: { n: { type: 'integer' } }, items: { type: 'integer' } },
        },
      };
      const warnings: NormalizationWarning[] = [];
      const record = {
        address: { geo: { lat: '1.5', lng: 'west', alt: '3' } },
        orders: [{ qty: '2', tags: 'a' }, { qty: 'many', tags: [1, true] }, 'not an order'],
        matrix: [['1', 2], '3', [[4]]],
        pair: ['7', 'yes', 'extra'],
        untyped: { n: '4' },
      };
      compile(schema, (warning) => warnings.push(warning))(record);
      assert.deepStrictEqual(record, {
        address: { geo: { lat: 1.5, lng: 'west', alt: '3' } },
        orders: [{ qty: 2, tags: ['a'] }, { qty: 'many', tags: ['1', 'true'] }, 'not an order'],
        matrix: [[1, 2], [3], [[4]]],
        pair: [7, true, 'extra'],
        untyped: { n: 4 },
      });
      assert.deepStrictEqual(warnings, [
        { path: 'address.geo.lng', value: 'west', expected: 'number' },
        { path: 'orders[].qty', value: 'many', expected: 'integer' },
        { path: 'orders[]', value: 'not an order', expected: 'object' },
        { path: 'matrix[][]', value: [4], expected: 'number' },
      ]);
      const items = { untyped: [1, '2'] };
      compile(schema, () => {})(items);
      assert.deepStrictEqual(items, { untyped: [1, 2] }, 'properties and items apply whatever the declared type');
    });

    test('failures are reported once per path across many records, with the first value seen', () => {
      const warnings: NormalizationWarning[] = [];
      const normalize = compile(
        {
          type: 'object',
          properties: {
            n: { type: 'integer' },
            tags: { type: 'array', items: { type: 'integer' } },
            meta: { type: 'object', properties: { flag: { type: 'boolean' } } },
          },
        },
        (warning) => warnings.push(warning),
      );
      for (let i = 0; i < 1000; i++) {
        const record = { n: `bad${i}`, tags: ['x', `y${i}`, String(i)], meta: { flag: i % 2 === 0 ? 'maybe' : 'yes' } };
        normalize(record);
        assert.equal(record.tags[2], i, 'convertible values are still converted after a warning');
      }
      assert.deepStrictEqual(warnings, [
        { path: 'n', value: 'bad0', expected: 'integer' },
        { path: 'tags[]', value: 'x', expected: 'integer' },
        { path: 'meta.flag', value: 'maybe', expected: 'boolean' },
      ]);
      // A second normaliser has its own memory of reported paths.
      const again: NormalizationWarning[] = [];
      compile({ properties: { n: { type: 'integer' } } }, (warning) => again.push(warning))({ n: 'bad' });
      assert.equal(again.length, 1);
    });

    test('fields the schema does not walk are left untouched, and no key is ever added or removed', () => {
      const inheritedName: JsonSchema = { type: 'string' };
      const schema: JsonSchema = {
        type: 'object',
        additionalProperties: { type: 'integer' },
        patternProperties: { '^x': { type: 'integer' } },
        properties: {
          a: { type: 'integer' },
          union: { anyOf: [{ type: 'integer' }, { type: 'string' }] },
          one: { oneOf: [{ type: 'integer' }] },
          all: { allOf: [{ type: 'integer' }] },
          nested: { type: 'object', anyOf: [{ properties: { deep: { type: 'integer' } } }] },
          missing: { type: 'integer' },
          undef: { type: 'integer' },
          toString: inheritedName,
          constructor: inheritedName,
        },
      };
      const record: Record<string, unknown> = {
        extra: '1',
        xyz: '2',
        a: '3',
        union: '4',
        one: '5',
        all: '6',
        nested: { deep: '7' },
        undef: undefined,
      };
      const warnings: NormalizationWarning[] = [];
      compile(schema, (warning) => warnings.push(warning))(record);
      assert.deepStrictEqual(Object.keys(record), ['extra', 'xyz', 'a', 'union', 'one', 'all', 'nested', 'undef']);
      assert.deepStrictEqual(record, {
        extra: '1',
        xyz: '2',
        a: 3,
        union: '4',
        one: '5',
        all: '6',
        nested: { deep: '7' },
        undef: undefined,
      });
      assert.deepStrictEqual(warnings, [], 'absent and undefined values are not failures');
      assert.equal(Object.hasOwn(record, 'toString'), false, 'inherited names are not read from the prototype');
      assert.equal(Object.hasOwn(record, 'constructor'), false);
    });

    test('an empty or type-free schema gives a no-op; unknown types and odd keywords are ignored', () => {
      for (const schema of [{}, { type: 'object' }, { properties: {} }, { properties: { a: {} } }] as JsonSchema[]) {
        const record = { a: '1', b: 2 };
        compile(schema, () => assert.fail('no warning expected'))(record);
        assert.deepStrictEqual(record, { a: '1', b: 2 });
      }
      const odd = {
        properties: {
          a: { type: 'strng' },
          b: { type: [] },
          c: { type: ['integer', 42] },
          d: { type: 'integer', properties: null, items: 'x' },
          e: true,
          f: null,
          g: { items: true },
        },
      } as unknown as JsonSchema;
      const record = { a: 1, b: 2, c: '3', d: '4', e: '5', f: '6', g: ['7'] };
      compile(odd, () => assert.fail('no warning expected'))(record);
      assert.deepStrictEqual(record, { a: 1, b: 2, c: '3', d: 4, e: '5', f: '6', g: ['7'] });
    });

    test('never throws on hostile records: non-objects, frozen, cyclic, proxies, getters, prototype keys', () => {
      const warnings: NormalizationWarning[] = [];
      const properties: Record<string, JsonSchema> = {
        n: { type: 'integer' },
        s: { type: 'string' },
        o: { type: 'object', properties: { n: { type: 'integer' }, self: { type: 'object', properties: { n: { type: 'integer' } } } } },
      };
      Object.defineProperty(properties, '__proto__', { value: { type: 'integer' }, enumerable: true, writable: true, configurable: true });
      properties.list = { type: 'array', items: { type: 'integer' } };
      const schema: JsonSchema = { type: 'object', properties };
      const normalize = compile(schema, (warning) => warnings.push(warning));
      for (const value of [undefined, null, 0, 'x', true, 1n, Symbol('s'), () => 1, [], ['1'], new Date()]) {
        normalize(value as unknown as Record<string, unknown>);
      }
      const frozen = Object.freeze({ n: '1', o: Object.freeze({ n: '2' }) });
      normalize(frozen);
      assert.deepStrictEqual(frozen, { n: '1', o: { n: '2' } });

      const loop: Record<string, unknown> = { n: '1', s: 2 };
      loop.o = loop;
      normalize(loop);
      assert.equal(loop.n, 1);
      assert.equal(loop.s, '2');

      const bare = Object.assign(Object.create(null), { n: '5', s: 1n, list: '3' });
      normalize(bare);
      assert.deepStrictEqual({ ...bare }, { n: 5, s: '1', list: [3] });

      const own = JSON.parse('{"__proto__": "9", "n": 1}');
      normalize(own);
      assert.equal(Object.getOwnPropertyDescriptor(own, '__proto__')?.value, 9);
      assert.equal(Object.getPrototypeOf(own), Object.prototype);

      const plain: Record<string, unknown> = { n: 1 };
      normalize(plain);
      assert.deepStrictEqual(Object.keys(plain), ['n'], 'an inherited __proto__ is not read');

      const sparse = { list: ['1'] };
      sparse.list[2] = '3';
      normalize(sparse);
      assert.deepStrictEqual([sparse.list[0], sparse.list[2], sparse.list.length, 1 in sparse.list], [1, 3, 3, false], 'holes stay holes');

      const weird = { n: Symbol('x'), s: () => 1, list: [Number.NaN, {}, null, 2n] };
      normalize(weird);
      assert.equal(typeof weird.n, 'symbol');
      assert.equal(typeof weird.s, 'function');
      assert.deepStrictEqual(weird.list, [Number.NaN, {}, null, 2]);

      const trap = new Proxy(
        {},
        {
          get() {
            throw new Error('trap');
          },
        },
      );
      normalize(trap);
      normalize({ o: trap, n: '1' });
      const getter = {
        n: '1',
        get s(): string {
          throw new Error('getter');
        },
      };
      normalize(getter);
      assert.equal(getter.n, 1, 'fields before the throwing getter are normalised');
      const crashes = warnings.filter((warning) => warning.path === '');
      assert.equal(crashes.length, 1, 'an exception while walking is reported once');
      assert.match(String(crashes[0].value), /trap/);
      assert.match(crashes[0].expected, /without throwing/);
    });

    test('an exception thrown by onFirstFailure is ignored', () => {
      const normalize = compile({ properties: { n: { type: 'integer' }, m: { type: 'integer' } } }, () => {
        throw new Error('sink failed');
      });
      const record = { n: 'x', m: '2' };
      normalize(record);
      assert.deepStrictEqual(record, { n: 'x', m: 2 });
    });

    test('property names cannot inject code, and unusual names work', () => {
      const names = [
        '"); throw new Error("injected"); ("',
        "'); throw new Error('injected'); ('",
        ['`$', '{process.exit(1)}`'].join(''),
        'back\\slash\\',
        'new\nline',
        'sep\u2028arator\u2029',
        'lone\ud800surrogate',
        '*/ throw 1; /*',
        '',
        '0',
        '42',
        'constructor',
        'hasOwnProperty',
        'valueOf',
        'o',
        'x',
        'v1',
        'FAIL',
        'crash',
      ];
      const schema: JsonSchema = { properties: Object.fromEntries(names.map((name) => [name, { type: 'integer' }])) };
      const record: Record<string, unknown> = Object.fromEntries(names.map((name, index) => [name, String(index)]));
      const warnings: NormalizationWarning[] = [];
      compile(schema, (warning) => warnings.push(warning))(record);
      assert.deepStrictEqual(record, Object.fromEntries(names.map((name, index) => [name, index])));
      assert.deepStrictEqual(warnings, []);
    });

    test('cyclic and very deep schemas compile; levels past 64 are left alone', () => {
      const node: JsonSchema = { type: 'object', properties: { n: { type: 'integer' } } };
      (node.properties as Record<string, JsonSchema>).child = node;
      const record = { n: '1', child: { n: '2', child: { n: '3' } } };
      compile(node, () => {})(record);
      assert.equal(record.n, 1, 'the root level is normalised');
      assert.equal(record.child.n, '2', 'the walk stops where the schema repeats itself');

      /** `levels` nested `d` properties, the last one an integer; returns the innermost record too. */
      const nested = (levels: number) => {
        let schema: JsonSchema = { type: 'integer' };
        for (let i = 0; i < levels; i++) schema = { type: 'object', properties: { d: schema } };
        const innermost: Record<string, unknown> = { d: '5' };
        let record = innermost;
        for (let i = 1; i < levels; i++) record = { d: record };
        return { schema, record, innermost };
      };
      for (const [levels, expected] of [
        [10, 5],
        [64, 5],
        [65, '5'],
        [2000, '5'],
      ] as const) {
        const { schema, record, innermost } = nested(levels);
        compile(schema, () => {})(record);
        assert.equal(innermost.d, expected, `${levels} levels`);
      }
    });
  });
}

test('falls back to closures when code generation is not allowed', () => {
  const original = globalThis.Function;
  globalThis.Function = function disallowed() {
    throw new EvalError('Code generation from strings disallowed for this context');
  } as unknown as FunctionConstructor;
  let normalize: (record: Record<string, unknown>) => void;
  try {
    normalize = compileNormalizer({ properties: { n: { type: 'integer' } } }, () => {});
  } finally {
    globalThis.Function = original;
  }
  const record = { n: '12' };
  normalize(record);
  assert.deepStrictEqual(record, { n: 12 });
});

// ---------------------------------------------------------------------------------------------
// Property-based tests: generated schemas and records, checked against a small independent
// oracle of the rules, for both implementations.

const KEYS = ['a', 'b', 'c', 'constructor', 'x y', '"q"'];
const TYPE_NAMES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'] as const;
type TypeName = (typeof TYPE_NAMES)[number];

const typeArb = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 1 },
  { arbitrary: fc.constantFrom(...TYPE_NAMES), weight: 4 },
  { arbitrary: fc.constantFrom(...TYPE_NAMES).map((type) => [type, 'null']), weight: 2 },
  { arbitrary: fc.uniqueArray(fc.constantFrom(...TYPE_NAMES), { minLength: 1, maxLength: 3 }), weight: 1 },
);

const { schema: schemaArb } = fc.letrec<{ schema: JsonSchema }>((tie) => ({
  schema: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ type: typeArb }, { requiredKeys: [] }),
    fc.record(
      {
        type: typeArb,
        properties: fc.dictionary(fc.constantFrom(...KEYS), tie('schema'), { maxKeys: 4, noNullPrototype: true }),
        items: fc.oneof(tie('schema'), fc.array(tie('schema'), { maxLength: 2 })),
      },
      { requiredKeys: [] },
    ),
  ) as fc.Arbitrary<JsonSchema>,
}));

const TRICKY_STRINGS = [
  ...['1', '1.5', ' 42 ', '-0', '+7', '007', '1e3', '.5', '5.', '-.5e-2', '9007199254740993', '123456789012345678'],
  ...['true', 'No', ' on ', 'y', 'F', '0', 'abc', '', ' ', '.', '-', '0x10', 'NaN', 'Infinity', '1e400', '1_000', '1:2', '1/2', '\u0663'],
];
const TRICKY_NUMBERS = [
  1.9,
  -1.9,
  0.5,
  -0.5,
  2.5,
  -0,
  0,
  1,
  1e21,
  2 ** 53 + 2,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];
const scalarArb = fc.oneof(
  { arbitrary: fc.constantFrom(...TRICKY_STRINGS), weight: 4 },
  { arbitrary: fc.constantFrom(...TRICKY_NUMBERS), weight: 2 },
  { arbitrary: fc.string({ maxLength: 6 }), weight: 1 },
  { arbitrary: fc.integer(), weight: 1 },
  { arbitrary: fc.double(), weight: 1 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constantFrom(null, undefined, 0n, 1n, 2n, 2n ** 60n), weight: 1 },
  { arbitrary: fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), weight: 1 },
  { arbitrary: fc.date({ noInvalidDate: false }), weight: 1 },
);
const { value: valueArb } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalarArb,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 4, noNullPrototype: true }),
  ),
}));

/** Values shaped after the schema most of the time, so nested properties and items get exercised. */
function valueFor(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const shaped: fc.Arbitrary<unknown>[] = [];
  if (depth < 4 && isRecord(schema.properties) && Object.keys(schema.properties).length > 0) {
    const properties = schema.properties as Record<string, JsonSchema>;
    const model = Object.fromEntries(Object.keys(properties).map((key) => [key, valueFor(properties[key], depth + 1)]));
    shaped.push(
      fc
        .tuple(
          fc.record(model, { requiredKeys: [] }),
          fc.dictionary(fc.constantFrom('extra', 'more'), valueArb, { maxKeys: 2, noNullPrototype: true }),
        )
        .map(([known, extra]) => ({ ...extra, ...known })),
    );
  }
  if (depth < 4 && isRecord(schema.items)) shaped.push(fc.array(valueFor(schema.items, depth + 1), { maxLength: 3 }));
  if (depth < 4 && Array.isArray(schema.items)) shaped.push(fc.tuple(...schema.items.map((item) => valueFor(item, depth + 1))));
  return fc.oneof(
    { arbitrary: scalarArb, weight: 3 },
    { arbitrary: valueArb, weight: 1 },
    ...shaped.map((arbitrary) => ({ arbitrary, weight: 3 })),
  );
}

const caseArb = schemaArb
  .map((schema): JsonSchema => {
    const hasProperties = isRecord(schema.properties) && Object.keys(schema.properties).length > 0;
    return { ...schema, properties: hasProperties ? schema.properties : { a: schema } };
  })
  .chain((schema) => fc.tuple(fc.constant(schema), valueFor({ properties: schema.properties }, 0).filter(isRecord)));

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function declaredTypes(type: unknown): TypeName[] | null {
  const list = Array.isArray(type) ? type : type === undefined ? [] : [type];
  return list.length > 0 ? (list as TypeName[]) : null;
}

function matches(type: TypeName, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    case 'object':
      return isRecord(value) && !(value instanceof Date);
    case 'array':
      return Array.isArray(value);
  }
}

const isScalar = (value: unknown) => ['string', 'number', 'boolean', 'bigint'].includes(typeof value);

/** Is `after` a correct conversion of `before` to `type`? (Written independently of the implementation.) */
function isConversion(type: TypeName, before: unknown, after: unknown): boolean {
  if (!matches(type, after)) return false;
  switch (type) {
    case 'string':
      if (before instanceof Date) return after === before.toISOString();
      return typeof before === 'object' ? after === JSON.stringify(before) : after === String(before);
    case 'number':
    case 'integer': {
      if (Object.is(after, -0)) return false;
      if (typeof before === 'boolean') return after === (before ? 1 : 0);
      if (typeof before === 'bigint') return BigInt(after as number) === before;
      if (typeof before === 'number') return type === 'integer' && after === Math.trunc(before);
      if (typeof before !== 'string') return false;
      const pattern = type === 'integer' ? /^\s*[+-]?\d+\s*$/ : /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
      return pattern.test(before) && after === Number(before) && (type === 'number' || Number.isSafeInteger(after));
    }
    case 'boolean': {
      if (typeof before === 'string') {
        const word = before.trim().toLowerCase();
        if (['y', 'yes', 't', 'true', 'on', '1'].includes(word)) return after === true;
        if (['n', 'no', 'f', 'false', 'off', '0'].includes(word)) return after === false;
        return false;
      }
      const number = typeof before === 'number' || typeof before === 'bigint' ? Number(before) : Number.NaN;
      return number === 1 ? after === true : number === 0 ? after === false : false;
    }
    default:
      return false;
  }
}

/**
 * Walks `schema` over a copy taken before normalising (`before`) and the record after it (`after`);
 * asserts every value is either the original or its conversion to the single declared type, that
 * nothing else changed, and collects the paths where a value still does not match its type.
 */
function checkNormalized(schema: unknown, before: unknown, after: unknown, path: string, failures: Set<string>): void {
  if (before === undefined || !isRecord(schema)) {
    assert.deepStrictEqual(comparable(after), comparable(before), `${path}: left alone`);
    return;
  }
  const types = declaredTypes(schema.type);
  const nonNull = types?.filter((type) => type !== 'null') ?? [];
  const target = nonNull.length === 1 ? nonNull[0] : null;
  if (types && !types.some((type) => matches(type, before))) {
    if (target === 'array' && Array.isArray(after) && !Array.isArray(before)) {
      assert.ok(isScalar(before), `${path}: only scalars are wrapped`);
      const items = schema.items;
      const itemTypes = isRecord(items) ? (declaredTypes(items.type) ?? []) : ['object'];
      assert.ok(
        items === undefined || itemTypes.every((type) => type !== 'object' && type !== 'array'),
        `${path}: wrapped for scalar items only`,
      );
      assert.equal(after.length, 1);
      checkNormalized(Array.isArray(schema.items) ? undefined : (schema.items ?? {}), before, after[0], `${path}[]`, failures);
      return;
    }
    const changed = isScalar(before) || before === null ? !Object.is(before, after) : !isRecord(after) && !Array.isArray(after);
    if (changed) {
      assert.ok(
        target !== null && isConversion(target, before, after),
        `${path}: ${show(before)} → ${show(after)} is no conversion to ${target}`,
      );
      return;
    }
    failures.add(path);
  }
  // `properties` and `items` only apply where the declared type allows an object or an array.
  const walksProperties = types === null || types.includes('object');
  const walksItems = types === null || types.includes('array');
  if (walksProperties && isRecord(before) && !(before instanceof Date) && isRecord(schema.properties)) {
    assert.ok(isRecord(after));
    assert.deepStrictEqual(Reflect.ownKeys(after), Reflect.ownKeys(before), `${path}: same keys in the same order`);
    for (const key of Reflect.ownKeys(before) as string[]) {
      const sub = Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
      checkNormalized(sub, before[key], after[key], path === '' ? key : `${path}.${key}`, failures);
    }
  } else if (walksItems && Array.isArray(before) && (isRecord(schema.items) || Array.isArray(schema.items))) {
    assert.ok(Array.isArray(after));
    assert.equal(after.length, before.length);
    before.forEach((item, index) => {
      const sub = Array.isArray(schema.items) ? schema.items[index] : schema.items;
      checkNormalized(sub, item, after[index], `${path}[]`, failures);
    });
  } else {
    assert.deepStrictEqual(comparable(after), comparable(before), `${path}: unchanged`);
  }
}

describe('normaliser properties (fast-check)', () => {
  test('never throws, never removes a key, converts or keeps each value, reports exactly the failing paths', () => {
    fc.assert(
      fc.property(caseArb, ([schema, record]) => {
        const before = structuredClone(record);
        const warnings: NormalizationWarning[] = [];
        compileNormalizer(schema, (warning) => warnings.push(warning))(record);
        const failures = new Set<string>();
        checkNormalized({ properties: schema.properties }, before, record, '', failures);
        const reported = warnings.map((warning) => warning.path);
        assert.equal(new Set(reported).size, reported.length, 'each path is reported once');
        assert.deepStrictEqual(new Set(reported), failures);
      }),
      { numRuns: 1000 },
    );
  });

  test('idempotent: normalising twice equals normalising once, and reports the same paths', () => {
    fc.assert(
      fc.property(caseArb, ([schema, record]) => {
        const first: string[] = [];
        compileNormalizer(schema, (warning) => first.push(warning.path))(record);
        const once = structuredClone(record);
        const second: string[] = [];
        compileNormalizer(schema, (warning) => second.push(warning.path))(record);
        assert.deepStrictEqual(comparable(record), comparable(once));
        assert.deepStrictEqual(second, first);
      }),
      { numRuns: 500 },
    );
  });

  test('generated code and closures give the same records and the same warnings', () => {
    fc.assert(
      fc.property(caseArb, ([schema, record]) => {
        const copy = structuredClone(record);
        const generated: NormalizationWarning[] = [];
        const closures: NormalizationWarning[] = [];
        compileNormalizer(schema, (warning) => generated.push(warning))(record);
        compileNormalizerWithClosures(schema, (warning) => closures.push(warning))(copy);
        assert.deepStrictEqual(comparable(copy), comparable(record));
        assert.deepStrictEqual(comparable(closures), comparable(generated));
      }),
      { numRuns: 500 },
    );
  });

  test('never throws on arbitrary values against arbitrary schemas', () => {
    fc.assert(
      fc.property(
        schemaArb,
        fc.anything({ withBigInt: true, withDate: true, withNullPrototype: true, withSparseArray: true }),
        (schema, value) => {
          const record = { a: value, b: value, c: [value], constructor: value };
          compileNormalizer(
            { properties: { a: schema, b: { properties: { a: schema } }, c: { items: schema }, constructor: schema } },
            () => {},
          )(record);
          compileNormalizerWithClosures({ properties: { a: schema } }, () => {})(record);
          assert.deepStrictEqual(Object.keys(record), ['a', 'b', 'c', 'constructor']);
        },
      ),
      { numRuns: 500 },
    );
  });
});

/**
 * Node 20's deepStrictEqual never finds two Invalid Dates equal (it compares NaN times), so
 * values are compared with each Invalid Date replaced by a marker.
 */
function comparable(value: unknown, seen = new Map<object, unknown>()): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { invalidDate: true } : value;
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return seen.get(value);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (let i = 0; i < value.length; i++) out[i] = i in value ? comparable(value[i], seen) : value[i];
    return out;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  const out: Record<string, unknown> = Object.create(Object.getPrototypeOf(value));
  seen.set(value, out);
  for (const key of Object.keys(value)) out[key] = comparable((value as Record<string, unknown>)[key], seen);
  return out;
}
