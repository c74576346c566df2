/**
 * The messages of the CDK's failure paths (stream errors, missing streams, bad input, failed
 * checks, schema errors) checked against the official Airbyte protocol schema. The example
 * connector's test covers the successful paths.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadMessageValidator, type MessageValidator, protocolSkipReason } from '@tributary/test-support/protocol-schema';
import { type CliRun, catalogFor } from '@tributary/test-support/run-cli';
import { TempDir } from '@tributary/test-support/temp-dir';
import type { AirbyteMessage } from '../../src/protocol/types.js';
import { runFixture } from '../helpers/fixtures.js';

const skip = protocolSkipReason();
let dir: TempDir;
let validate: MessageValidator;
before(async () => {
  dir = await TempDir.create();
  if (!skip) validate = loadMessageValidator();
});
after(() => dir.remove());

function assertValid(run: CliRun, label: string): void {
  assert.ok(run.messages.length > 0, `${label}: no output`);
  run.messages.forEach((message, index) => {
    const problems = validate(message);
    assert.deepEqual(problems, [], `${label}: message ${index + 1} does not match the protocol: ${JSON.stringify(message).slice(0, 500)}`);
  });
}

test('every message of the failure paths matches the AirbyteMessage schema', { skip }, async () => {
  const config = await dir.json('config.json', { name: 'x', check: 'throw' });
  const catalog = await dir.json(
    'catalog.json',
    catalogFor('sync_numbers', 'async_numbers', 'failing_midway', 'not_an_object', 'transient_failure', 'no_such_stream'),
  );
  const runs: Array<[string, () => Promise<CliRun>]> = [
    ['read with failing streams', () => runFixture('streams', ['read', '--config', config, '--catalog', catalog, '--debug'])],
    ['failed check', () => runFixture('streams', ['check', '--config', config, '--debug'])],
    ['invalid config check', async () => runFixture('streams', ['check', '--config', await dir.json('invalid.json', { name: 1 })])],
    ['no arguments', () => runFixture('streams', [])],
    ['missing config file', () => runFixture('streams', ['discover', '--config', dir.file('missing.json')])],
    [
      'schema error',
      async () => runFixture('broken-schemas', ['discover', '--config', await dir.json('broken.json', { broken: 'missing_ref' })]),
    ],
    ['both specs', () => runFixture('spec-both', ['spec'])],
    [
      'leaked secrets',
      async () => runFixture('secrets', ['check', '--config', await dir.json('secrets.json', { api_key: 'k', credentials: {} })]),
    ],
  ];
  for (const [label, run] of runs) assertValid(await run(), label);
});

test('the validator is not vacuous: it rejects messages that break the protocol', { skip }, () => {
  const bad: unknown[] = [
    { type: 'CONNECTION_STATUS', connection_status: { status: 'SUCCEEDED' } },
    { type: 'CONNECTION_STATUS', connectionStatus: { status: 'MAYBE' } },
    { type: 'RECORD', record: { stream: 's', data: [], emitted_at: 1 } },
    { type: 'RECORD', record: { stream: 's', data: {} } },
    { type: 'TRACE', trace: { type: 'ERROR', emitted_at: 1, error: { message: 'm', failure_type: 'fatal' } } },
    { type: 'STATE', state: { type: 'STREAM', stream: { stream_state: {} } } },
    { type: 'LOG', log: { level: 'VERBOSE', message: 'm' } },
    { type: 'NOTICE' },
  ];
  for (const message of bad) {
    assert.notDeepEqual(validate(message as AirbyteMessage), [], JSON.stringify(message));
  }
});
