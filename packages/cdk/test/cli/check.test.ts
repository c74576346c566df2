import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type CliRun, errorTraces, messagesOfType } from '@tributary/test-support/run-cli';
import { TempDir } from '@tributary/test-support/temp-dir';
import type { AirbyteConnectionStatus } from '../../src/protocol/types.js';
import { runFixture } from '../helpers/fixtures.js';

let dir: TempDir;
before(async () => {
  dir = await TempDir.create();
});
after(() => dir.remove());

let configs = 0;
async function check(config: unknown): Promise<CliRun> {
  return runFixture('streams', ['check', '--config', await dir.json(`config-${++configs}.json`, config)]);
}

/** A check always ends with exactly one CONNECTION_STATUS, exit 0 and no TRACE error. */
function statusOf(run: CliRun): AirbyteConnectionStatus {
  assert.equal(run.code, 0, `check must exit 0; stdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  const statuses = messagesOfType(run.messages, 'CONNECTION_STATUS');
  assert.equal(statuses.length, 1, run.stdout);
  assert.equal(run.messages.at(-1), statuses[0], 'CONNECTION_STATUS is the last message');
  assert.deepEqual(errorTraces(run.messages), []);
  return statuses[0]!.connectionStatus;
}

test('a config that fails the spec gives CONNECTION_STATUS FAILED naming the field, and exit 0', async (t) => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['wrong type', { name: 42 }, /config\.name must be string/],
    ['missing required field', { check: 'ok' }, /config\.name is required/],
    ['value not in the enum', { name: 'x', check: 'sometimes' }, /config\.check must be one of/],
    ['field the spec does not allow', { name: 'x', surprise: true }, /config\.surprise is not allowed/],
    ['bad internal key', { name: 'x', _limit: -1 }, /_limit/],
  ];
  for (const [label, config, expected] of cases) {
    await t.test(label, async () => {
      const status = statusOf(await check(config));
      assert.equal(status.status, 'FAILED');
      assert.match(status.message ?? '', /^Config validation error: /);
      assert.match(status.message ?? '', expected);
    });
  }
});

test('the config is validated before checkConnection runs', async () => {
  const run = await check({ name: 42, check: 'throw' });
  assert.equal(statusOf(run).status, 'FAILED');
  assert.ok(!run.stdout.includes('check: mode'), 'checkConnection must not have been called');
});

test('checkConnection throwing gives FAILED with the error message, and exit 0', async () => {
  const status = statusOf(await check({ name: 'x', check: 'throw' }));
  assert.deepEqual(status, { status: 'FAILED', message: 'cannot reach the fixture API: connection refused' });
});

test('checkConnection rejecting gives FAILED with the rejection message, and exit 0', async () => {
  const status = statusOf(await check({ name: 'x', check: 'reject' }));
  assert.deepEqual(status, { status: 'FAILED', message: 'the fixture API rejected the credentials' });
});

test('checkConnection returning or resolving, whatever the value, gives SUCCEEDED', async (t) => {
  for (const mode of ['ok', 'return_false', 'resolve_false']) {
    await t.test(mode, async () => {
      const run = await check({ name: 'x', check: mode });
      assert.deepEqual(statusOf(run), { status: 'SUCCEEDED' });
      assert.ok(run.stdout.includes(`check: mode ${mode}`), 'checkConnection ran');
    });
  }
});

test('internal config keys are accepted by check without being in the spec', async () => {
  assert.deepEqual(statusOf(await check({ name: 'x', _limit: 5 })), { status: 'SUCCEEDED' });
});
