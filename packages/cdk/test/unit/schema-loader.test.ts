import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { TempDir } from '@tributary/test-support/temp-dir';
import { SchemaError } from '../../src/schema/schema-error.js';
import { loadStreamSchema } from '../../src/schema/schema-loader.js';

const usersSchema = { type: 'object', properties: { id: { type: 'integer' }, address: { $ref: 'address.json' } } };
const address = { type: 'object', properties: { city: { type: 'string' } } };

function schemasFolder(): string {
  return join(TempDir.withFiles({ 'schemas/users.json': usersSchema, 'schemas/shared/address.json': address }).path, 'schemas');
}

test('loads <schemasDir>/<stream>.json with its refs inlined', () => {
  assert.deepEqual(loadStreamSchema(schemasFolder(), 'users'), { type: 'object', properties: { id: { type: 'integer' }, address } });
});

test('reads the files once per process: later changes on disk are not seen', () => {
  const dir = schemasFolder();
  const first = loadStreamSchema(dir, 'users');
  writeFileSync(join(dir, 'users.json'), JSON.stringify({ type: 'object', properties: { changed: { type: 'string' } } }));
  writeFileSync(join(dir, 'shared', 'address.json'), '{ not json');
  assert.deepEqual(loadStreamSchema(dir, 'users'), first);
  rmSync(dir, { recursive: true });
  assert.deepEqual(loadStreamSchema(dir, 'users'), first);
});

test('each call returns a fresh object: mutating one result does not affect the next', () => {
  const dir = schemasFolder();
  const first = loadStreamSchema(dir, 'users') as { properties: Record<string, { type?: string; properties?: object }> };
  first.properties.id.type = 'string';
  first.properties.address.properties = {};
  first.properties.added = { type: 'boolean' };
  const second = loadStreamSchema(dir, 'users');
  assert.notEqual(second, first);
  assert.deepEqual(second, { type: 'object', properties: { id: { type: 'integer' }, address } });
});

test('the cache is per folder and per stream', () => {
  const one = join(
    TempDir.withFiles({ 'schemas/users.json': { title: 'one' }, 'schemas/orders.json': { title: 'orders' } }).path,
    'schemas',
  );
  const two = join(TempDir.withFiles({ 'schemas/users.json': { title: 'two' } }).path, 'schemas');
  assert.deepEqual(loadStreamSchema(one, 'users'), { title: 'one' });
  assert.deepEqual(loadStreamSchema(two, 'users'), { title: 'two' });
  assert.deepEqual(loadStreamSchema(one, 'orders'), { title: 'orders' });
});

test('a failed load is not cached: fixing the file makes the next call succeed', () => {
  const dir = join(TempDir.withFiles({ 'schemas/other.json': {} }).path, 'schemas');
  assert.throws(
    () => loadStreamSchema(dir, 'users'),
    (error: unknown) =>
      error instanceof SchemaError && error.message.includes("stream 'users'") && error.message.includes('schemas/users.json'),
  );
  writeFileSync(join(dir, 'users.json'), JSON.stringify({ type: 'object' }));
  assert.deepEqual(loadStreamSchema(dir, 'users'), { type: 'object' });
});
