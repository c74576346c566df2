import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { catalogFor, messagesOfType, type RunOptions } from '@tributary/test-support/run-cli';
import { TempDir } from '@tributary/test-support/temp-dir';
import type { AirbyteMessage } from '../../src/protocol/types.js';
import { runFixture } from '../helpers/fixtures.js';

let dir: TempDir;
let config: string;
let catalog: string;
before(async () => {
  dir = await TempDir.create();
  config = await dir.json('config.json', { name: 'x' });
  catalog = await dir.json('catalog.json', catalogFor('sync_numbers'));
});
after(() => dir.remove());

function logsAt(messages: readonly AirbyteMessage[], level: string): string[] {
  return messagesOfType(messages, 'LOG')
    .filter((message) => message.log.level === level)
    .map((message) => message.log.message);
}

async function checkLogs(args: string[], options?: RunOptions) {
  const run = await runFixture('streams', ['check', '--config', config, ...args], options);
  assert.equal(run.code, 0, run.stderr);
  return run.messages;
}

test('without --debug there are no DEBUG logs, but INFO logs are there', async () => {
  const messages = await checkLogs([]);
  assert.deepEqual(logsAt(messages, 'DEBUG'), []);
  assert.deepEqual(logsAt(messages, 'INFO'), ['check: mode ok']);
});

test('--debug turns on DEBUG logs, from the logger and from console.debug', async () => {
  const messages = await checkLogs(['--debug']);
  assert.deepEqual(logsAt(messages, 'DEBUG'), ['check: debug detail from the logger', 'check: debug detail from console.debug']);
  assert.deepEqual(logsAt(messages, 'INFO'), ['check: mode ok']);
});

test('--debug may come before the command options too', async () => {
  const run = await runFixture('streams', ['check', '--debug', '--config', config]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(logsAt(run.messages, 'DEBUG').length, 2);
});

test('LOG_LEVEL=debug turns on DEBUG logs like --debug', async () => {
  const messages = await checkLogs([], { env: { LOG_LEVEL: 'debug' } });
  assert.equal(logsAt(messages, 'DEBUG').length, 2);
});

test('read: a stream logger.debug is emitted only with --debug', async () => {
  const quiet = await runFixture('streams', ['read', '--config', config, '--catalog', catalog]);
  assert.equal(quiet.code, 0, quiet.stderr);
  assert.deepEqual(logsAt(quiet.messages, 'DEBUG'), []);
  assert.deepEqual(logsAt(quiet.messages, 'INFO'), ['sync_numbers: reading 3 records']);

  const verbose = await runFixture('streams', ['read', '--config', config, '--catalog', catalog, '--debug']);
  assert.equal(verbose.code, 0, verbose.stderr);
  assert.ok(logsAt(verbose.messages, 'DEBUG').includes('sync_numbers: debug detail before the first record'));
  assert.equal(messagesOfType(verbose.messages, 'RECORD').length, 3);
});
