import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeCursorField, normalizePrimaryKey, type PrimaryKey } from '../../src/streams/primary-key.js';

test("a single field name becomes one single-field key: 'id' → [['id']]", () => {
  assert.deepEqual(normalizePrimaryKey('id'), [['id']]);
});

test("a list of names is a composite key of top-level fields: ['a', 'b'] → [['a'], ['b']]", () => {
  assert.deepEqual(normalizePrimaryKey(['a', 'b']), [['a'], ['b']]);
});

test("a list of paths stays as it is: [['a', 'b']] is the nested field a.b", () => {
  assert.deepEqual(normalizePrimaryKey([['a', 'b']]), [['a', 'b']]);
  assert.deepEqual(normalizePrimaryKey([['tenant'], ['meta', 'id']]), [['tenant'], ['meta', 'id']]);
});

test('no key: undefined, null and an empty list', () => {
  assert.equal(normalizePrimaryKey(undefined), undefined);
  assert.equal(normalizePrimaryKey(null), undefined);
  assert.equal(normalizePrimaryKey([]), undefined);
});

test('the result is a copy: changing it does not change the declared key', () => {
  const declared = [['meta', 'id']];
  const normalized = normalizePrimaryKey(declared)!;
  normalized[0].push('extra');
  assert.deepEqual(declared, [['meta', 'id']]);
});

test('anything else is a TypeError', () => {
  for (const bad of [42, { id: true }, [1], [['a', 2]]]) {
    assert.throws(() => normalizePrimaryKey(bad as unknown as PrimaryKey), TypeError, JSON.stringify(bad));
  }
});

test('cursor fields: a name becomes a one-element path, a path is copied, none is []', () => {
  assert.deepEqual(normalizeCursorField('updated_at'), ['updated_at']);
  const path = ['meta', 'updated_at'];
  const normalized = normalizeCursorField(path);
  assert.deepEqual(normalized, path);
  assert.notEqual(normalized, path);
  assert.deepEqual(normalizeCursorField(undefined), []);
  assert.deepEqual(normalizeCursorField(null), []);
});
