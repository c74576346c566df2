/** dpath 2 semantics as the CDK relies on them: globs, int-like segments, walk order, delete and new. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dpathDelete, dpathGet, dpathValues } from '../../../src/dpath/dpath.js';
import { dpathNew } from '../../../src/dpath/dpath-new.js';
import { fnmatchcase } from '../../../src/dpath/glob.js';

describe('fnmatchcase', () => {
  const cases: [string, string, boolean][] = [
    ['data', 'data', true],
    ['data', 'd*', true],
    ['data', 'd?ta', true],
    ['data', 'd[abc]ta', true],
    ['data', 'd[!a]ta', false],
    ['d[a]ta', 'd[a]ta', false],
    ['d[ta', 'd[ta', true],
    ['Data', 'data', false],
    ['a.b', 'a*', true],
  ];
  for (const [name, pattern, expected] of cases) test(`${name} ~ ${pattern}`, () => assert.equal(fnmatchcase(name, pattern), expected));
});

describe('dpath.get', () => {
  const doc = { data: [{ id: 1 }, { id: 2 }], '007': 'x', '7': 'seven', nested: { a: { b: 1 } } };
  test('a plain path, list indexes as text or numbers', () => {
    assert.deepEqual(dpathGet(doc, ['data', '1'], []), { id: 2 });
    assert.deepEqual(dpathGet(doc, ['data', 1], []), { id: 2 });
    assert.deepEqual(dpathGet(doc, ['missing'], []), []);
    assert.deepEqual(dpathGet(doc, ['data', '5'], 'none'), 'none');
  });
  test('int-like segments are compared as integers, so "007" finds the key "7"', () => {
    assert.equal(dpathGet(doc, ['007'], null), 'seven');
  });
  test('a glob matching one node returns it; more than one fails', () => {
    assert.deepEqual(dpathGet(doc, ['nest*', 'a'], null), { b: 1 });
    assert.throws(() => dpathGet(doc, ['data', '?'], null), /must match only one leaf/);
  });
  test('** matches any depth', () => assert.equal(dpathGet(doc, ['**', 'b'], null), 1));
});

describe('dpath.values', () => {
  test('matches at one depth in document order', () => {
    const doc = { data: [{ list: { data2: [{ id: 1 }, { id: 2 }] } }, { list: { data2: [{ id: 3 }, { id: 4 }] } }] };
    assert.deepEqual(dpathValues(doc, ['data', '*', 'list', 'data2', '*']), [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }]);
  });
});

describe('dpath.delete', () => {
  test('removes a key; a middle list item becomes null, the last one is removed', () => {
    const record: Record<string, unknown> = { a: 1, l: ['x', 'y', 'z'] };
    assert.equal(dpathDelete(record, ['a']), 1);
    dpathDelete(record, ['l', '0']);
    dpathDelete(record, ['l', '2']);
    assert.deepEqual(record, { l: [null, 'y'] });
  });
  test('a glob removes every match; nothing matched removes nothing', () => {
    const record = { a: { x: 1, y: 2 }, b: { x: 3 } };
    assert.equal(dpathDelete(record, ['*', 'x']), 2);
    assert.deepEqual(record, { a: { y: 2 }, b: {} });
    assert.equal(dpathDelete(record, ['zzz']), 0);
  });
  test('with a filter, every leaf the filter accepts goes, whatever the glob (dpath)', () => {
    const record = { a: '', b: { c: '', d: 'keep' }, e: 'x' };
    dpathDelete(record, ['a'], (value) => value === '');
    assert.deepEqual(record, { b: { d: 'keep' }, e: 'x' });
  });
});

describe('dpath.new', () => {
  test('creates objects and lists on the way, extends lists with nulls', () => {
    const record: Record<string, unknown> = { list: ['value'] };
    dpathNew(record, ['a', 'b'], 1);
    dpathNew(record, ['list', '5'], 'new');
    dpathNew(record, ['c', '1', 'd'], 2);
    assert.deepEqual(record, { list: ['value', null, null, null, null, 'new'], a: { b: 1 }, c: [null, { d: 2 }] });
  });
  test('a path through a value that is not a container fails', () => {
    assert.throws(() => dpathNew({ a: 'text' }, ['a', 'b'], 1), /Path/);
  });
});
