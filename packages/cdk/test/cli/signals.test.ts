/**
 * SIGTERM and SIGINT during a read, with stdout a file, a pipe, or a pipe read slowly: the
 * connector stops reading, writes only whole lines, ends with an error TRACE naming the signal
 * and exits with 143 (SIGTERM) or 130 (SIGINT). The streams never end on their own, so exiting
 * at all proves the read was stopped; the 10 s bound is only the test's timeout.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { catalogFor, messagesOfType, parseMessages, TSX_LOADER } from '@tributary/test-support/run-cli';
import { assertStoppedCleanly, type StdoutKind, stopRead } from '@tributary/test-support/stop-read';
import { TempDir } from '@tributary/test-support/temp-dir';
import { FIXTURES_DIR } from '../helpers/fixtures.js';

const FIXTURE = join(FIXTURES_DIR, 'signals', 'main.ts');

let dir: TempDir;
before(async () => {
  dir = await TempDir.create('tributary-signals-');
});
after(() => dir.remove());

async function stopFixtureRead(stream: string, stdout: StdoutKind, signal: NodeJS.Signals) {
  const name = `${stream}-${stdout.replace(' ', '-')}-${signal}`;
  const config = await dir.json(`${name}-config.json`, {});
  const catalog = await dir.json(`${name}-catalog.json`, catalogFor(stream));
  return stopRead({
    command: ['--import', TSX_LOADER, FIXTURE],
    args: ['read', '--config', config, '--catalog', catalog],
    stdout,
    signal,
    outFile: dir.file(`${name}.jsonl`),
  });
}

for (const stdout of ['file', 'pipe', 'slow pipe'] as const) {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    test(`${signal} during a read of a synchronous stream, stdout to a ${stdout}`, async () => {
      assertStoppedCleanly(await stopFixtureRead('endless_sync', stdout, signal), signal);
    });
  }
}

test('SIGTERM during a read of an async generator that never waits on I/O, stdout to a file', async () => {
  assertStoppedCleanly(await stopFixtureRead('endless_async', 'file', 'SIGTERM'), 'SIGTERM');
});

test('SIGINT during a read whose stream ignores the abort: the connector ends without waiting for it', async () => {
  const run = await stopFixtureRead('stubborn', 'pipe', 'SIGINT');
  assertStoppedCleanly(run, 'SIGINT');
  assert.equal(messagesOfType(parseMessages(run.stdout), 'RECORD').length, 10);
});
