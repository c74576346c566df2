/**
 * Bad command lines and bad input files: each must give a TRACE error with failure_type
 * config_error and a non-zero exit, with every stdout line a JSON Airbyte message (the helper
 * fails the test otherwise) and no raw stack trace on stderr.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertFailedWith, catalogFor, messagesOfType } from '@tributary/test-support/run-cli';
import { TempDir } from '@tributary/test-support/temp-dir';
import { runFixture } from '../helpers/fixtures.js';

let dir: TempDir;
const files: Record<string, string> = {};

before(async () => {
  dir = await TempDir.create();
  files.config = await dir.json('config.json', { name: 'x' });
  files.catalog = await dir.json('catalog.json', catalogFor('sync_numbers'));
  files.missing = dir.file('does-not-exist.json');
  files.notJson = await dir.text('not-json.json', '{"name": "x",, oops');
  files.array = await dir.json('array.json', [{ name: 'x' }]);
  files.catalogWrongShape = await dir.json('catalog-wrong-shape.json', { streams: [{ stream: { json_schema: {} } }] });
  files.catalogNotObject = await dir.json('catalog-array.json', [catalogFor('sync_numbers')]);
  files.stateNumber = await dir.json('state-number.json', 42);
  files.stateWrongShape = await dir.json('state-wrong-shape.json', [{ type: 'STREAM', stream: { stream_state: {} } }]);
});
after(() => dir.remove());

/** Runs the fixture and checks the shape every bad-input failure shares; returns the error message. */
async function failsWithConfigError(args: string[], ...patterns: RegExp[]): Promise<string> {
  const run = await runFixture('streams', args);
  const error = assertFailedWith(run, 'config_error', ...patterns);
  assert.equal(messagesOfType(run.messages, 'CONNECTION_STATUS').length, 0, 'bad input is not a connection check result');
  assert.equal(messagesOfType(run.messages, 'RECORD').length, 0);
  return error.message;
}

test('no arguments at all', async () => {
  const message = await failsWithConfigError([], /No command given/);
  assert.match(message, /usage: spec \| check --config/);
});

test('an unknown command', async () => {
  await failsWithConfigError(['sync', '--config', files.config!], /unknown command 'sync'/);
});

test('an unknown option', async () => {
  await failsWithConfigError(['check', '--config', files.config!, '--verbose'], /unknown option '--verbose'/);
});

test('a missing --config', async (t) => {
  for (const command of ['check', 'discover', 'read']) {
    await t.test(command, async () => {
      const args = command === 'read' ? [command, '--catalog', files.catalog!] : [command];
      await failsWithConfigError(args, /--config/, /not specified/);
    });
  }
});

test('a missing --catalog for read', async () => {
  await failsWithConfigError(['read', '--config', files.config!], /--catalog/, /not specified/);
});

test('a bad config file, for every command that takes one', async (t) => {
  const cases: Array<[label: string, file: string, patterns: RegExp[]]> = [
    ['config file missing', 'missing', [/config file/, /does-not-exist\.json/, /does not exist/]],
    ['config not JSON', 'notJson', [/config file/, /not-json\.json/, /not valid JSON/]],
    ['config a JSON array', 'array', [/config file/, /array\.json/, /must contain a JSON object, not an array/]],
  ];
  for (const [label, file, patterns] of cases) {
    for (const command of ['check', 'discover', 'read']) {
      await t.test(`${label}: ${command}`, async () => {
        const args = [command, '--config', files[file]!];
        if (command === 'read') args.push('--catalog', files.catalog!);
        await failsWithConfigError(args, ...patterns);
      });
    }
  }
});

test('a bad catalog file', async (t) => {
  const cases: Array<[label: string, file: string, patterns: RegExp[]]> = [
    ['catalog missing', 'missing', [/catalog file/, /does not exist/]],
    ['catalog not JSON', 'notJson', [/catalog file/, /not valid JSON/]],
    ['catalog a JSON array', 'catalogNotObject', [/catalog file/, /expected a JSON object, got an array/]],
    ['catalog entry without a stream name', 'catalogWrongShape', [/catalog file/, /streams\[0\]\.stream\.name/]],
  ];
  for (const [label, file, patterns] of cases) {
    await t.test(label, async () => {
      await failsWithConfigError(['read', '--config', files.config!, '--catalog', files[file]!], ...patterns);
    });
  }
});

test('a bad state file', async (t) => {
  const cases: Array<[label: string, file: string, patterns: RegExp[]]> = [
    ['state missing', 'missing', [/state file/, /does not exist/]],
    ['state not JSON', 'notJson', [/state file/, /not valid JSON/]],
    ['state a number', 'stateNumber', [/state file/, /expected a JSON array/]],
    ['state entry of the wrong shape', 'stateWrongShape', [/state file/, /entry 0/, /stream_descriptor/]],
  ];
  for (const [label, file, patterns] of cases) {
    await t.test(label, async () => {
      await failsWithConfigError(['read', '--config', files.config!, '--catalog', files.catalog!, '--state', files[file]!], ...patterns);
    });
  }
});

test('a JSON syntax error does not echo the file content, which may hold secrets', async () => {
  const file = await dir.text('secret-not-json.json', '{"api_key": "hunter2-do-not-print" oops}');
  const run = await runFixture('streams', ['discover', '--config', file]);
  assertFailedWith(run, 'config_error', /not valid JSON/);
  assert.ok(!run.stdout.includes('hunter2'), run.stdout);
  assert.ok(!run.stderr.includes('hunter2'), run.stderr);
});
