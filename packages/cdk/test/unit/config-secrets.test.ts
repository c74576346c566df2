import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskConfigSecrets } from '../../src/config/config-secrets.js';
import { secretFields } from '../../src/config/secret-paths.js';
import { SecretMasker } from '../../src/output/secret-masker.js';
import type { JsonSchema } from '../../src/protocol/json-schema.js';

const spec: JsonSchema = {
  type: 'object',
  properties: {
    host: { type: 'string' },
    pin: { type: 'string', airbyte_secret: true },
    tokens: { type: 'array', items: { type: 'string', airbyte_secret: true } },
    auth: { type: 'object', properties: { password: { type: 'string', airbyte_secret: true } } },
  },
};

test('secretFields names where each secret is, as a printable path and as keys', () => {
  const config = { host: 'h', pin: '12', tokens: ['tok-one', 'x'], auth: { password: 'hunter22' } };
  assert.deepEqual(secretFields(spec, config), [
    { path: 'pin', keys: ['pin'], value: '12' },
    { path: 'tokens[0]', keys: ['tokens', 0], value: 'tok-one' },
    { path: 'tokens[1]', keys: ['tokens', 1], value: 'x' },
    { path: 'auth.password', keys: ['auth', 'password'], value: 'hunter22' },
  ]);
});

test('maskConfigSecrets masks the long enough secrets and warns of each short one by its field, never its value', () => {
  const masker = new SecretMasker();
  const warnings: string[] = [];
  maskConfigSecrets(spec, { host: '127.0.0.1', pin: '12', tokens: ['tok-one', '7'], auth: { password: 'hunter22' } }, masker, (message) =>
    warnings.push(message),
  );
  assert.equal(masker.mask('tok-one hunter22 at 127.0.0.1 pin 12'), '**** **** at 127.0.0.1 pin 12');
  assert.equal(warnings.length, 2);
  assert.match(warnings[0] ?? '', /^The secret config field 'pin' is shorter than 4 characters, too short to be masked/);
  assert.match(warnings[1] ?? '', /'tokens\[1\]'/);
  for (const warning of warnings) assert.doesNotMatch(warning, /12|'7'/);
});

test('no warning for empty secrets, which are not secrets at all', () => {
  const warnings: string[] = [];
  maskConfigSecrets(spec, { pin: '', tokens: ['   '] }, new SecretMasker(), (message) => warnings.push(message));
  assert.deepEqual(warnings, []);
});
