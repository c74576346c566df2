import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitInternalConfig } from '../../src/config/internal-config-keys.js';

test('_limit, _page_size and _concurrency are taken out of the config', () => {
  const result = splitInternalConfig({ api_key: 'k', _limit: 10, _page_size: 100, _concurrency: 4, nested: { _limit: 1 } });
  assert.deepEqual(result, {
    config: { api_key: 'k', nested: { _limit: 1 } },
    internal: { limit: 10, pageSize: 100, concurrency: 4 },
    problems: [],
  });
});

test('a config without internal keys is passed on as it is', () => {
  const config = { api_key: 'k', _other: 1 };
  const result = splitInternalConfig(config);
  assert.deepEqual(result, { config: { api_key: 'k', _other: 1 }, internal: {}, problems: [] });
  assert.notEqual(result.config, config);
});

test('internal keys must be positive integers', () => {
  const result = splitInternalConfig({ _limit: 0, _page_size: '100', _concurrency: 2.5, count: 1 });
  assert.deepEqual(result.config, { count: 1 });
  assert.deepEqual(result.internal, {});
  assert.deepEqual(result.problems, [
    "'_limit' must be a positive integer, got 0",
    '\'_page_size\' must be a positive integer, got "100"',
    "'_concurrency' must be a positive integer, got 2.5",
  ]);
});

test('negative and null values are problems too, and the key is still removed', () => {
  const result = splitInternalConfig({ _limit: -5, _page_size: null });
  assert.deepEqual(result.config, {});
  assert.deepEqual(result.problems, ["'_limit' must be a positive integer, got -5", "'_page_size' must be a positive integer, got null"]);
});

test("keys named like built-in object members are the connector's, not the CDK's, and stay own keys", () => {
  const config = JSON.parse(
    '{"constructor": "c", "toString": 1, "hasOwnProperty": "h", "valueOf": "v", "__proto__": {"p": 1}, "_limit": 2}',
  );
  const result = splitInternalConfig(config);
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.internal, { limit: 2 });
  assert.deepEqual(Object.keys(result.config), ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__']);
  assert.equal(Object.getPrototypeOf(result.config), Object.prototype);
  assert.deepEqual(Object.getOwnPropertyDescriptor(result.config, '__proto__')?.value, { p: 1 });
});
