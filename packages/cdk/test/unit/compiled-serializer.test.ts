import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runInNewContext } from 'node:vm';
import { compileSerializer } from '../../src/output/compiled-serializer.js';
import type { JsonSchema } from '../../src/protocol/json-schema.js';

type Serialize = (data: object) => string;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Asserts `serialize(data)` equals `JSON.stringify(data)` in value (or both throw the same kind of error). */
function assertSameAsStringify(serialize: Serialize, data: unknown, message?: string): void {
  let expected: string | undefined;
  let expectedError: unknown;
  try {
    expected = JSON.stringify(data);
  } catch (error) {
    expectedError = error ?? new Error('thrown nullish');
  }
  if (expectedError !== undefined) {
    assert.throws(
      () => serialize(data as object),
      (error: unknown) => (error as object)?.constructor === (expectedError as object).constructor,
      message,
    );
    return;
  }
  const actual = serialize(data as object);
  if (expected === undefined) {
    assert.equal(actual, undefined, message);
    return;
  }
  assert.equal(typeof actual, 'string', message);
  assert.ok(!LONE_SURROGATE.test(actual), 'output must be well-formed UTF-16 (lone surrogates escaped)');
  assert.deepStrictEqual(JSON.parse(actual), JSON.parse(expected), message);
}

const recordSchema: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: ['null', 'string'] },
    score: { type: 'number' },
    active: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string' } },
    meta: {
      type: ['null', 'object'],
      properties: {
        shard: { type: 'integer' },
        owner: { type: 'object', properties: { id: { type: 'integer' }, login: { type: 'string' } } },
      },
    },
    items: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer' } } } },
    free: { type: 'object' },
    any: {},
  },
};
const serializeRecord = compileSerializer(recordSchema);
const check = (data: unknown, message?: string): void => assertSameAsStringify(serializeRecord, data, message);
const full = () => ({
  id: 1,
  name: 'Ada',
  score: 1.5,
  active: true,
  tags: ['a', 'b'],
  meta: { shard: 3, owner: { id: 7, login: 'ada' } },
  items: [{ sku: 'x', qty: 2 }],
  free: { anything: [1, { deep: true }] },
  any: 'x',
});

describe('compileSerializer: schemas it does not compile', () => {
  for (const [label, schema] of Object.entries<JsonSchema>({
    'empty schema': {},
    'object without properties': { type: 'object' },
    'empty properties': { type: 'object', properties: {} },
    'non-object type': { type: 'string', properties: { a: { type: 'string' } } },
    'properties not an object': { type: 'object', properties: [] as unknown as Record<string, JsonSchema> },
    '__proto__ property': JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"},"a":{"type":"string"}}}'),
  })) {
    test(label, () => {
      const serialize = compileSerializer(schema);
      for (const data of [{ a: 'x', b: 1 }, JSON.parse('{"__proto__":"p","a":"x"}'), [], { a: undefined }]) {
        assert.equal(serialize(data), JSON.stringify(data));
      }
    });
  }
});

describe('compileSerializer: records that match the schema', () => {
  test('output is byte-identical to JSON.stringify when keys come in schema order', () => {
    const record = full();
    assert.equal(serializeRecord(record), JSON.stringify(record));
    const sparse = { id: 2, active: false, items: [] };
    assert.equal(serializeRecord(sparse), JSON.stringify(sparse));
  });

  test('keys in another order: same value, keys in schema order', () => {
    const record = { any: null, meta: { owner: { login: 'x', id: 1 }, shard: 1 }, id: 3, name: null };
    check(record);
    assert.equal(serializeRecord(record), '{"id":3,"name":null,"meta":{"shard":1,"owner":{"id":1,"login":"x"}},"any":null}');
  });

  test('omitted values never break the commas (first, middle, last, all)', () => {
    const omitted = [undefined, () => 1, Symbol('s')];
    for (const gone of omitted) {
      check({ id: gone, name: 'a', score: 1 }, 'first');
      check({ id: 1, name: gone, score: 1 }, 'middle');
      check({ id: 1, name: 'a', score: gone }, 'last');
      check({ id: gone, name: gone }, 'all');
      check({ id: gone, meta: { shard: gone, owner: { id: gone, login: 'l' } } }, 'nested');
    }
    assert.equal(serializeRecord({ id: undefined }), '{}');
    assert.equal(serializeRecord({}), '{}');
  });

  test('numbers: -0, 1e21, 5e-324, NaN, Infinity, unsafe integers', () => {
    for (const n of [-0, 0, 1e21, 1e-7, 5e-324, -5e-324, Number.MAX_VALUE, 0.1 + 0.2, 2 ** 53 + 2, -1, NaN, Infinity, -Infinity]) {
      check({ id: n, score: n, meta: { shard: n } }, String(n));
    }
    assert.equal(serializeRecord({ id: -0, score: 1e21 }), '{"id":0,"score":1e+21}');
  });

  test('strings: escapes, control characters, lone surrogates, emoji, U+2028', () => {
    const strings = [
      '',
      'plain',
      'a"b',
      'back\\slash',
      'tab\tnew\nline\r',
      '\u0000\u001f\u007f',
      '\u2028\u2029',
      'é ü ñ',
      '😀 family 👨‍👩‍👧',
      '\ud800',
      'x\udfffy',
      '\udc00\ud800',
      '</script>',
    ];
    for (const s of strings) check({ name: s, tags: [s], meta: { owner: { login: s } }, any: s }, JSON.stringify(s));
  });

  test('type mismatches at run time fall back per value', () => {
    check({ id: '1', name: 5, score: true, active: 'yes', tags: 'x', meta: [1, 2], items: { sku: 'x' }, free: 3, any: [] });
    check({ id: null, name: { a: 1 }, score: null, active: null, tags: null, meta: null, items: null });
    check({ meta: 'text', items: [null, 1, 'x', [1], undefined, () => 1] });
  });

  test('Dates, boxed primitives, Maps and class instances as values', () => {
    class Point {
      constructor(
        public x: number,
        public y: number,
      ) {}
    }
    check({ id: new Date(0), name: new Date(Number.NaN), score: Object(3), active: Object(false), any: Object('s') });
    check({ meta: new Point(1, 2), free: new Map([[1, 2]]), items: [new Point(3, 4)], tags: [new Date(5)] });
  });

  test('BigInt throws like JSON.stringify, even nested or in arrays', () => {
    check({ id: 1n });
    check({ meta: { owner: { id: 2n } } });
    check({ items: [{ qty: 3n }] });
    assert.throws(() => serializeRecord({ id: 1n }), TypeError);
  });

  test('BigInt.prototype.toJSON is honoured, with the property key', () => {
    const proto = BigInt.prototype as unknown as { toJSON?: (key: string) => unknown };
    proto.toJSON = function (this: bigint, key: string) {
      return `${key}=${this.toString()}`;
    };
    try {
      check({ id: 1n, meta: { owner: { id: 2n } }, items: [{ qty: 3n }], any: [4n] });
      assert.equal(serializeRecord({ id: 5n }), '{"id":"id=5"}');
    } finally {
      delete proto.toJSON;
    }
  });

  test('toJSON: called with the property name or index, result not re-toJSONed, undefined omits', () => {
    const keyEcho = { toJSON: (key: string) => `key:${key}` };
    check({ id: keyEcho, meta: keyEcho, items: [keyEcho, { sku: keyEcho }], any: keyEcho });
    assert.equal(serializeRecord({ meta: keyEcho }), '{"meta":"key:meta"}');
    assert.equal(serializeRecord({ items: [keyEcho] }), '{"items":["key:0"]}');
    const nested = { toJSON: () => ({ toJSON: () => 'inner must not be called', a: { toJSON: (k: string) => k } }) };
    check({ meta: nested, any: nested, items: [nested] });
    check({ id: 1, meta: { toJSON: () => undefined }, items: [{ toJSON: () => undefined }] });
    check({ meta: { shard: 1, toJSON: () => ({ replaced: true }) } });
    const fnWithToJSON = Object.assign(() => 1, { toJSON: () => 'fn' });
    check({ id: fnWithToJSON, any: fnWithToJSON, items: [fnWithToJSON] });
    check({ toJSON: () => ({ whole: 'record' }) });
    check({ toJSON: (key: string) => key.length });
    const arrayWithToJSON = Object.assign([1, 2], { toJSON: (key: string) => `array ${key}` });
    check({ items: arrayWithToJSON, tags: arrayWithToJSON });
  });

  test('toJSON inherited from a polluted Object.prototype applies to every object', () => {
    const proto = Object.prototype as { toJSON?: unknown };
    proto.toJSON = (key: string) => `polluted:${key}`;
    try {
      check(full());
      check({ meta: { shard: 1 } });
    } finally {
      delete proto.toJSON;
    }
  });
});

describe('compileSerializer: objects whose keys the schema does not describe', () => {
  test('extra keys send that object to JSON.stringify whole, at any depth', () => {
    for (const record of [
      { id: 1, extra: 'x', name: 'n' },
      { extra: 1 },
      { name: 'last string', 'quote"key': '\n', '😀': [1] },
      { meta: { shard: 1, owner: { id: 1, login: 'l' }, extra: true } },
    ]) {
      check(record);
      assert.equal(serializeRecord(record), JSON.stringify(record));
    }
    check({ a: undefined, b: () => 1, c: Symbol('s'), id: 1 });
    check({ a: undefined, b: 2 });
    check({ name: 's', b: 2, c: undefined, d: 's' });
    check({ x: { toJSON: (key: string) => `key=${key}` }, y: new Date(0), z: NaN, w: -0, v: 1n });
    check({ x: { toJSON: (key: string) => `key=${key}` }, y: new Date(0), z: NaN, w: -0 });
    check({ 10: 'ten', 2: 'two', id: 1, '\ud800': '\udc00', '': '' });
    check(JSON.parse('{"id":1,"__proto__":{"x":1},"constructor":2,"hasOwnProperty":3}'));
    check({ ...full(), extra: 1 });
    check({ extra: 'first', id: 1 });
    check({ id: 1, meta: { shard: 1, other: [1] } });
    check({ id: 1, meta: { owner: { id: 1, login: 'x', email: 'e' } } });
    check({ items: [{ sku: 'a', qty: 1, note: 'n' }] });
    const sameLength = { id: 1, ix: 2 };
    check(sameLength);
  });

  test('inherited enumerable properties are ignored, as JSON.stringify ignores them', () => {
    const proto = Object.prototype as Record<string, unknown>;
    try {
      // Only names declared by the object's own schema are inherited: nothing else would force
      // the JSON.stringify fallback, so the compiled code itself must skip them.
      for (const [name, data] of [
        ['name', { id: 1 }],
        ['score', { id: 1, name: 'own' }],
        ['login', { meta: { owner: { id: 1 } } }],
        ['name', Object.assign(Object.create(null), { id: 1 })],
      ] as const) {
        proto[name] = 'inherited';
        try {
          check(data);
          assert.equal(serializeRecord(data), JSON.stringify(data));
        } finally {
          delete proto[name];
        }
      }
      proto.name = 'inherited';
      proto.zzz = 'inherited';
      check({ id: 1 });
      check({ meta: { shard: 1 } });
      // With an own undeclared key too, undeclared keys are written: inherited ones must not be.
      check({ id: 1, extra: 2 });
      check({ meta: { shard: 1, extra: 2 } });
      assert.equal(serializeRecord({ id: 1, extra: 2 }), '{"id":1,"extra":2}');
    } finally {
      delete proto.name;
      delete proto.zzz;
    }
    check(Object.assign(Object.create({ name: 'from prototype' }), { id: 1 }));
  });

  test('own non-enumerable properties are skipped, even when they balance an extra key', () => {
    const hidden = Object.defineProperty({ id: 1, extra: 2 } as Record<string, unknown>, 'name', { value: 'hidden', enumerable: false });
    check(hidden);
    assert.deepEqual(JSON.parse(serializeRecord(hidden)), { id: 1, extra: 2 });
    check(Object.defineProperty({ id: 1 }, 'name', { value: 'hidden', enumerable: false }));
    check(Object.defineProperty({}, 'toJSON', { value: () => 'hidden toJSON', enumerable: false }));
  });

  test('getters are read like JSON.stringify reads them', () => {
    check({
      get id() {
        return 42;
      },
      get name() {
        return undefined;
      },
      meta: {
        get owner() {
          return { id: 1, login: 'g' };
        },
      },
    });
  });

  test('non-plain objects: null prototype, class instances, arrays, other realms, proxies', () => {
    check(Object.assign(Object.create(null), { id: 1, name: 'n' }));
    class Row {
      id = 1;
      name = 'row';
    }
    check(new Row());
    check([1, 2, 3]);
    check(runInNewContext('({ id: 1, name: "other realm", meta: { shard: 2 } })'));
    check(new Proxy({ id: 1, name: 'proxied' }, {}));
    check({ meta: new Proxy({ shard: 1, extra: 2 }, {}) });
    check(Object.assign(new Proxy([] as unknown[], {}), { 0: 1 }));
    check({ id: 1, [Symbol('hidden')]: 'symbols are ignored' });
    check(
      (function (this: unknown, ..._args: unknown[]) {
        // biome-ignore lint/complexity/noArguments: an arguments object is a plain-prototype exotic object
        return arguments;
      })(1, 2),
    );
  });

  test('top-level values that are not objects behave like JSON.stringify', () => {
    for (const value of [null, undefined, 1, 'x', true, () => 1, Symbol('s')]) check(value);
    check(1n);
  });

  test('cycles throw TypeError like JSON.stringify', () => {
    const cyclic: Record<string, unknown> = { id: 1 };
    cyclic.meta = { shard: 1, owner: cyclic };
    check(cyclic);
    const viaArray: Record<string, unknown> = { id: 1, items: [] };
    (viaArray.items as unknown[]).push(viaArray);
    check(viaArray);
    assert.throws(() => serializeRecord(cyclic), TypeError);
  });
});

describe('compileSerializer: property names', () => {
  const awkward = [
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
    'isPrototypeOf',
    'toJSON',
    'length',
    '',
    ' ',
    'a"b',
    'back\\slash',
    'line\nbreak',
    '\u2028',
    '\u0000',
    'é',
    '😀',
    '\ud800',
    '0',
    '1',
    '10',
    '2',
    '-1',
    '01',
    '4294967295',
    '1.5',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a property name that looks like a template placeholder.
    '${x}',
    "'",
    '`',
    '*/',
  ];
  const schema: JsonSchema = { type: 'object', properties: Object.fromEntries(awkward.map((name) => [name, { type: 'string' }])) };
  const serialize = compileSerializer(schema);

  test('names that need escaping or exist on Object.prototype', () => {
    const all = Object.fromEntries(awkward.filter((name) => name !== 'toJSON').map((name, i) => [name, `v${i}`]));
    assertSameAsStringify(serialize, all);
    assert.equal(serialize(all), JSON.stringify(all));
    for (const name of awkward) {
      assertSameAsStringify(serialize, { [name]: 'only' }, JSON.stringify(name));
      assertSameAsStringify(serialize, { [name]: 'x', other: 'y' }, JSON.stringify(name));
    }
    assertSameAsStringify(serialize, {});
    assertSameAsStringify(serialize, { toJSON: 'not a function', constructor: 'c' });
    assertSameAsStringify(serialize, { toJSON: () => 'a function' });
  });

  test('inherited Object.prototype members are not mistaken for properties', () => {
    assert.equal(serialize({}), '{}');
    assert.equal(serialize({ length: 'l' }), '{"length":"l"}');
    assertSameAsStringify(serialize, Object.create(null));
  });

  test('integer-like names are written in JavaScript property order', () => {
    const reversed = compileSerializer({ type: 'object', properties: { b: {}, 2: {}, a: {}, 1: {} } });
    const data = { b: 1, 2: 2, a: 3, 1: 4 };
    assert.equal(reversed(data), JSON.stringify(data));
  });

  test('an own __proto__ key in data is an extra key', () => {
    const data = JSON.parse('{"id":1,"__proto__":{"x":1}}');
    check(data);
    assert.equal(serializeRecord(data), JSON.stringify(data));
  });
});

describe('compileSerializer: schema shapes', () => {
  test('more than 32 properties (several presence masks) in any order', () => {
    const names = Array.from({ length: 70 }, (_, i) => `field_${i}`);
    const serialize = compileSerializer({ type: 'object', properties: Object.fromEntries(names.map((n) => [n, { type: 'integer' }])) });
    const ordered = Object.fromEntries(names.map((n, i) => [n, i]));
    assert.equal(serialize(ordered), JSON.stringify(ordered));
    const reversed = Object.fromEntries([...names].reverse().map((n, i) => [n, i]));
    assertSameAsStringify(serialize, reversed);
    const sparse = Object.fromEntries(names.filter((_, i) => i % 3 === 0).map((n) => [n, n]));
    assert.equal(serialize(sparse), JSON.stringify(sparse));
    assertSameAsStringify(serialize, { ...reversed, field_70: 1 });
  });

  test('objects written by several chunk functions (more than 64 properties)', () => {
    const names = Array.from({ length: 150 }, (_, i) => `p${i}`);
    const type = (i: number): JsonSchema => ({ type: i % 3 === 0 ? 'string' : i % 3 === 1 ? 'integer' : ['null', 'boolean'] });
    const serialize = compileSerializer({ type: 'object', properties: Object.fromEntries(names.map((n, i) => [n, type(i)])) });
    const value = (i: number): unknown => (i % 3 === 0 ? `s${i}` : i % 3 === 1 ? i : i % 2 === 0 ? null : true);
    const pick = (keep: (i: number) => boolean) => Object.fromEntries(names.flatMap((n, i) => (keep(i) ? [[n, value(i)]] : [])));
    for (const keep of [
      () => true,
      (i: number) => i >= 64 && i < 128,
      (i: number) => i >= 128,
      (i: number) => i === 63 || i === 64,
      (i: number) => i % 7 === 0,
      (i: number) => i % 3 === 0,
      () => false,
    ]) {
      const record = pick(keep);
      assert.equal(serialize(record), JSON.stringify(record));
      assertSameAsStringify(serialize, Object.fromEntries(Object.entries(record).reverse()));
    }
    assertSameAsStringify(serialize, { ...pick(() => true), p63: undefined, p64: () => 1, p0: undefined });
    assertSameAsStringify(serialize, { ...pick(() => true), p150: 'undeclared' });
  });

  test('very deep schemas and data', () => {
    let schema: JsonSchema = { type: 'object', properties: { leaf: { type: 'string' } } };
    let data: Record<string, unknown> = { leaf: 'bottom' };
    for (let i = 0; i < 200; i++) {
      schema = { type: 'object', properties: { n: { type: 'integer' }, child: schema } };
      data = { n: i, child: data };
    }
    const serialize = compileSerializer(schema);
    assert.equal(serialize(data), JSON.stringify(data));
    let deepArray: unknown = 'x';
    for (let i = 0; i < 5000; i++) deepArray = [deepArray];
    assertSameAsStringify(serialize, { n: 1, child: { child: deepArray } });
  });

  test('recursive (cyclic) schemas compile and stay exact', () => {
    const node: JsonSchema = { type: 'object', properties: { name: { type: 'string' } } };
    node.properties!.children = { type: 'array', items: node };
    node.properties!.parent = node;
    const serialize = compileSerializer(node);
    const tree = {
      name: 'root',
      children: [
        { name: 'a', children: [] },
        { name: 'b', parent: { name: 'p' } },
      ],
    };
    assert.equal(serialize(tree), JSON.stringify(tree));
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.parent = cyclic;
    assertSameAsStringify(serialize, cyclic);
  });

  test('shared sub-schemas and arrays of objects', () => {
    const address: JsonSchema = { type: 'object', properties: { city: { type: 'string' }, zip: { type: ['string', 'integer'] } } };
    const serialize = compileSerializer({
      type: 'object',
      properties: {
        home: address,
        work: address,
        past: { type: 'array', items: address },
        matrix: { type: 'array', items: { type: 'array' } },
      },
    });
    const data = {
      home: { city: 'A', zip: 1 },
      work: { city: 'B', zip: '2' },
      past: [{ city: 'C' }, null, undefined, 5],
      matrix: [[1], []],
    };
    assert.equal(serialize(data), JSON.stringify(data));
    // biome-ignore lint/suspicious/noSparseArray: holes serialize as null
    assertSameAsStringify(serialize, { past: [, { city: 'D' }, , () => 1] });
  });
});
