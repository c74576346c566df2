import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertFailedWith, assertNoStackTrace, messagesOfType } from '@tributary/test-support/run-cli';
import { TempDir } from '@tributary/test-support/temp-dir';
import { runFixture } from '../helpers/fixtures.js';

let dir: TempDir;
before(async () => {
  dir = await TempDir.create();
});
after(() => dir.remove());

test('spec prints spec.json as a SPEC message', async () => {
  const run = await runFixture('streams', ['spec']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.messages.length, 1);
  const [message] = messagesOfType(run.messages, 'SPEC');
  assert.equal(message?.spec.documentationUrl, 'https://example.com/docs/fixture-streams');
  assert.deepEqual(message?.spec.connectionSpecification.required, ['name']);
  assert.equal(run.stderr, '');
});

test('spec reads spec.yaml when the connector has no spec.json', async () => {
  const run = await runFixture('spec-yaml', ['spec']);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(run.messages, [
    {
      type: 'SPEC',
      spec: {
        documentationUrl: 'https://example.com/docs/fixture-spec-yaml',
        connectionSpecification: {
          $schema: 'http://json-schema.org/draft-07/schema#',
          title: 'Fixture with a YAML spec',
          type: 'object',
          required: ['greeting'],
          properties: { greeting: { type: 'string', description: 'What the items say', default: 'hello' } },
        },
      },
    },
  ]);
});

test('a YAML spec is also what check validates the config against', async () => {
  const good = await runFixture('spec-yaml', ['check', '--config', await dir.json('greeting.json', { greeting: 'hi' })]);
  assert.equal(good.code, 0, good.stderr);
  assert.deepEqual(messagesOfType(good.messages, 'CONNECTION_STATUS').at(-1)?.connectionStatus, { status: 'SUCCEEDED' });

  const bad = await runFixture('spec-yaml', ['check', '--config', await dir.json('empty.json', {})]);
  assert.equal(bad.code, 0, bad.stderr);
  const status = messagesOfType(bad.messages, 'CONNECTION_STATUS').at(-1)?.connectionStatus;
  assert.equal(status?.status, 'FAILED');
  assert.match(status?.message ?? '', /greeting/);
});

test('both spec.json and spec.yaml present is an error naming both files', async () => {
  for (const args of [['spec'], ['check', '--config', await dir.json('config.json', {})]]) {
    const run = await runFixture('spec-both', args);
    const error = assertFailedWith(run, 'system_error', /spec\.json/, /spec\.yaml/);
    assert.match(error.message, /only one/);
    assert.equal(messagesOfType(run.messages, 'SPEC').length, 0);
    assert.equal(messagesOfType(run.messages, 'CONNECTION_STATUS').length, 0);
    assertNoStackTrace(run.stderr);
  }
});
