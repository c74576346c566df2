import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateAgainstSchema } from '../../src/config/config-validator.js';
import type { JsonSchema } from '../../src/protocol/json-schema.js';

const spec: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['api_key', 'count'],
  additionalProperties: false,
  properties: {
    api_key: { type: 'string', airbyte_secret: true, order: 0 },
    count: { type: 'integer', minimum: 1 },
    mode: { type: 'string', enum: ['fast', 'safe'] },
    start_date: { type: 'string', format: 'date-time' },
    credentials: {
      type: 'object',
      required: ['client_id'],
      properties: { client_id: { type: 'string' }, scopes: { type: 'array', items: { type: 'string' } } },
    },
  },
};

test('a valid config has no problems (unknown keywords like airbyte_secret and order are allowed)', async () => {
  const result = await validateAgainstSchema(spec, { api_key: 'k', count: 3, mode: 'fast', start_date: '2024-01-01T00:00:00Z' }, 'config');
  assert.deepEqual(result, { valid: true, problems: [], issues: [] });
});

test('a wrong type names the field', async () => {
  const result = await validateAgainstSchema(spec, { api_key: 'k', count: 2.5 }, 'config');
  assert.deepEqual(result, {
    valid: false,
    problems: ['config.count must be integer'],
    issues: [{ field: ['count'], message: 'config.count must be integer' }],
  });
});

test('missing required fields are named, all of them', async () => {
  const result = await validateAgainstSchema(spec, {}, 'config');
  assert.equal(result.valid, false);
  assert.deepEqual(result.problems.sort(), ['config.api_key is required', 'config.count is required']);
});

test('nested fields and array items are named by their path', async () => {
  const result = await validateAgainstSchema(spec, { api_key: 'k', count: 1, credentials: { scopes: ['read', 7] } }, 'config');
  assert.deepEqual(result.problems.sort(), ['config.credentials.client_id is required', 'config.credentials.scopes.1 must be string']);
});

test('enum problems list the allowed values', async () => {
  const result = await validateAgainstSchema(spec, { api_key: 'k', count: 1, mode: 'slow' }, 'config');
  assert.deepEqual(result.problems, ['config.mode must be one of "fast", "safe"']);
});

test('extra properties are named when they are not allowed', async () => {
  const result = await validateAgainstSchema(spec, { api_key: 'k', count: 1, debug_mode: true }, 'config');
  assert.deepEqual(result.problems, ['config.debug_mode is not allowed']);
});

test('formats are checked', async () => {
  const result = await validateAgainstSchema(spec, { api_key: 'k', count: 1, start_date: 'yesterday' }, 'config');
  assert.deepEqual(result.problems, ['config.start_date must match format "date-time"']);
});

test('minimum and other constraints name the field', async () => {
  const result = await validateAgainstSchema(spec, { api_key: 'k', count: 0 }, 'config');
  assert.deepEqual(result.problems, ['config.count must be >= 1']);
});

test('problems do not echo the rejected value (it may be a secret)', async () => {
  const secret = 'sk_live_51HfQ2kLmNoPqRsTuVwXyZ';
  const result = await validateAgainstSchema(
    { type: 'object', properties: { api_key: { type: 'string', pattern: '^key-', maxLength: 10, airbyte_secret: true } } },
    { api_key: secret },
    'config',
  );
  assert.equal(result.valid, false);
  assert.ok(result.problems.length > 0);
  for (const problem of result.problems) assert.ok(!problem.includes(secret), problem);
});

test('a value that is not an object is named by the root name', async () => {
  const result = await validateAgainstSchema(spec, [1, 2], 'config');
  assert.deepEqual(result.problems, ['config must be object']);
});

test('a required property named like a built-in member must be an own key of the config', async () => {
  const required: JsonSchema = { type: 'object', required: ['toString', 'constructor'], properties: {} };
  const result = await validateAgainstSchema(required, {}, 'config');
  assert.deepEqual(result.problems, ['config.toString is required', 'config.constructor is required']);
  assert.equal((await validateAgainstSchema(required, { toString: 't', constructor: 'c' }, 'config')).valid, true);
});

test('a $schema ajv does not know is read as draft-07, as Python reads it with its default', async () => {
  const schema: JsonSchema = { $schema: 'https://json-schema.org/draft-07/schema#', type: 'object', required: ['a'] };
  assert.deepEqual((await validateAgainstSchema(schema, {}, 'config')).problems, ['config.a is required']);
  assert.equal((await validateAgainstSchema(schema, { a: 1 }, 'config')).valid, true);
});

test('a pattern valid only without the Unicode flag (\\- as Python accepts it) still validates', async () => {
  const schema: JsonSchema = { type: 'object', properties: { day: { type: 'string', pattern: '^[0-9]{4}\\-[0-9]{2}$' } } };
  assert.equal((await validateAgainstSchema(schema, { day: '2024-06' }, 'config')).valid, true);
  assert.equal((await validateAgainstSchema(schema, { day: '2024/06' }, 'config')).valid, false);
});

test('formats are checked unless the caller turns them off (Python jsonschema checks none)', async () => {
  const schema: JsonSchema = { type: 'object', properties: { start: { type: 'string', format: 'date' } } };
  assert.equal((await validateAgainstSchema(schema, { start: '01-01-2024' }, 'config')).valid, false);
  assert.equal((await validateAgainstSchema(schema, { start: '01-01-2024' }, 'config', { formats: false })).valid, true);
});

test('a schema that is not a valid JSON Schema is a connector bug, named as such', async () => {
  await assert.rejects(validateAgainstSchema({ type: 'object', required: ['a', 'a'] }, {}, 'config'), (error: Error) =>
    /The config schema is not a valid JSON Schema: .*duplicate items/.test(error.message),
  );
});
