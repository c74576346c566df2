import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeKeyPath, keyPathSegments, valueAtKeyPath } from '../../src/json/key-path.js';

test('valueAtKeyPath reads dotted paths, array indexes and keys with dots given as segments', () => {
  const body = { data: { items: [{ id: 1 }, { id: 2 }], 'v2.items': [3] }, links: [{ href: 'h' }] };
  assert.deepEqual(valueAtKeyPath(body, 'data.items.1'), { id: 2 });
  assert.equal(valueAtKeyPath(body, 'links.0.href'), 'h');
  assert.deepEqual(valueAtKeyPath(body, ['data', 'v2.items']), [3]);
  assert.equal(valueAtKeyPath(body, 'data.missing.deeper'), undefined);
  assert.equal(valueAtKeyPath(body, 'links.first'), undefined);
  assert.equal(valueAtKeyPath(body, ''), body);
  assert.equal(valueAtKeyPath(body, []), body);
  assert.equal(valueAtKeyPath('text', 'length'), undefined);
});

test('only data counts: inherited members and array properties are not values', () => {
  const record = JSON.parse('{"id": 1, "__proto__": {"id": 2}, "items": [5, 6]}');
  assert.equal(valueAtKeyPath(record, 'constructor'), undefined);
  assert.equal(valueAtKeyPath(record, ['toString']), undefined);
  assert.deepEqual(valueAtKeyPath(record, '__proto__'), { id: 2 });
  assert.equal(valueAtKeyPath(record, '__proto__.id'), 2);
  assert.equal(valueAtKeyPath(record, 'items.length'), undefined);
  assert.equal(valueAtKeyPath(record, 'items.map'), undefined);
  assert.equal(valueAtKeyPath(record, 'items.1'), 6);
  assert.equal(valueAtKeyPath({ constructor: 'mine' }, 'constructor'), 'mine');
});

test('segments and descriptions', () => {
  assert.deepEqual(keyPathSegments('a.b.0'), ['a', 'b', '0']);
  assert.deepEqual(keyPathSegments(''), []);
  assert.deepEqual(keyPathSegments(['a.b']), ['a.b']);
  assert.equal(describeKeyPath(['a', 'b.c']), 'a.b.c');
  assert.equal(describeKeyPath('x.y'), 'x.y');
});
