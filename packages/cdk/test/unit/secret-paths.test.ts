import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectSecrets, secretFields } from '../../src/config/secret-paths.js';
import type { JsonSchema } from '../../src/protocol/json-schema.js';

test('finds top-level and nested secrets by their spec path', () => {
  const spec: JsonSchema = {
    type: 'object',
    properties: {
      host: { type: 'string' },
      password: { type: 'string', airbyte_secret: true },
      tunnel: {
        type: 'object',
        properties: { user: { type: 'string' }, ssh_key: { type: 'string', airbyte_secret: true } },
      },
    },
  };
  const config = { host: 'db.example.com', password: 'pw-1', tunnel: { user: 'me', ssh_key: 'KEY-2' } };
  assert.deepEqual(collectSecrets(spec, config), ['pw-1', 'KEY-2']);
});

test('finds secrets in whichever oneOf branch the user picked', () => {
  const spec: JsonSchema = {
    type: 'object',
    properties: {
      credentials: {
        oneOf: [
          {
            properties: {
              auth_type: { const: 'oauth' },
              client_id: { type: 'string' },
              client_secret: { type: 'string', airbyte_secret: true },
            },
          },
          { properties: { auth_type: { const: 'token' }, api_token: { type: 'string', airbyte_secret: true } } },
        ],
      },
    },
  };
  assert.deepEqual(collectSecrets(spec, { credentials: { auth_type: 'oauth', client_id: 'id', client_secret: 'cs-1' } }), ['cs-1']);
  assert.deepEqual(collectSecrets(spec, { credentials: { auth_type: 'token', api_token: 'tok-2' } }), ['tok-2']);
});

test('follows anyOf and allOf branches too', () => {
  const spec: JsonSchema = {
    anyOf: [{ properties: { a: { airbyte_secret: true } } }],
    allOf: [{ properties: { b: { airbyte_secret: true } } }],
  };
  assert.deepEqual(collectSecrets(spec, { a: 'A', b: 'B', c: 'C' }), ['A', 'B']);
});

test('follows array items', () => {
  const spec: JsonSchema = {
    properties: {
      accounts: {
        type: 'array',
        items: { type: 'object', properties: { name: { type: 'string' }, token: { type: 'string', airbyte_secret: true } } },
      },
    },
  };
  const config = { accounts: [{ name: 'one', token: 't1' }, { name: 'two' }, { name: 'three', token: 't3' }] };
  assert.deepEqual(collectSecrets(spec, config), ['t1', 't3']);
  assert.deepEqual(
    secretFields(spec, config).map(({ path, keys }) => ({ path, keys })),
    [
      { path: 'accounts[0].token', keys: ['accounts', 0, 'token'] },
      { path: 'accounts[2].token', keys: ['accounts', 2, 'token'] },
    ],
  );
});

test('a secret that is an array or object contributes all of its leaves', () => {
  const spec: JsonSchema = {
    properties: { keys: { type: 'array', airbyte_secret: true }, bundle: { type: 'object', airbyte_secret: true } },
  };
  assert.deepEqual(collectSecrets(spec, { keys: ['k1', 'k2'], bundle: { a: 's1', b: { c: 42 } } }), ['k1', 'k2', 's1', 42]);
});

test('missing and null values are skipped', () => {
  const spec: JsonSchema = {
    properties: {
      password: { type: 'string', airbyte_secret: true },
      nested: { properties: { token: { type: 'string', airbyte_secret: true } } },
    },
  };
  assert.deepEqual(collectSecrets(spec, {}), []);
  assert.deepEqual(collectSecrets(spec, { password: null, nested: {} }), []);
  assert.deepEqual(collectSecrets(spec, { nested: null }), []);
  assert.deepEqual(collectSecrets(spec, undefined), []);
});

test('numbers are collected as they are', () => {
  const spec: JsonSchema = { properties: { pin: { type: 'integer', airbyte_secret: true } } };
  assert.deepEqual(collectSecrets(spec, { pin: 1234 }), [1234]);
});

test('a config that does not match the spec shape does not throw', () => {
  const spec: JsonSchema = { properties: { nested: { properties: { token: { airbyte_secret: true } } } } };
  assert.deepEqual(collectSecrets(spec, { nested: 'a string' }), []);
  assert.deepEqual(collectSecrets(spec, 'not an object'), []);
  assert.deepEqual(collectSecrets(spec, [1, 2]), []);
});
