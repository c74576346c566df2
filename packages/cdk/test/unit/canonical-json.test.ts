import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { canonicalJson } from '../../src/json/canonical-json.js';

/** The same value with the keys of every object in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).reverse()) {
    Object.defineProperty(out, key, { value: reversedKeys((value as Record<string, unknown>)[key]), enumerable: true, writable: true });
  }
  return out;
}

test('canonicalJson is JSON.stringify with sorted keys: the same JSON value, whatever the key order', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const text = canonicalJson(value);
      assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(value)));
      assert.equal(canonicalJson(reversedKeys(value)), text);
    }),
  );
});

test('keys are sorted at every level, integer-like keys as text', () => {
  assert.equal(
    canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null }, 10: 'x', 9: 'y' }),
    '{"10":"x","9":"y","a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}',
  );
});

test('values without JSON follow JSON.stringify: left out of objects, null in arrays and at the top', () => {
  assert.equal(canonicalJson({ a: undefined, b: () => 1, c: Symbol('s'), d: 1 }), '{"d":1}');
  assert.equal(canonicalJson([undefined, () => 1, Symbol('s'), Number.NaN]), '[null,null,null,null]');
  assert.equal(canonicalJson(undefined), 'null');
  assert.equal(canonicalJson({}), '{}');
});

test('toJSON and boxed primitives as JSON.stringify has them; a __proto__ key is a key', () => {
  const at = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
  assert.equal(
    canonicalJson({ at, n: Object(7), s: Object('t'), ok: Object(true) }),
    `{"at":"${at.toISOString()}","n":7,"ok":true,"s":"t"}`,
  );
  assert.equal(canonicalJson({ z: { toJSON: (key: string) => `key ${key}` } }), '{"z":"key z"}');
  assert.equal(canonicalJson(JSON.parse('{"__proto__": {"b": 2, "a": 1}}')), '{"__proto__":{"a":1,"b":2}}');
});
