/**
 * Stopping a large faker read with SIGTERM or SIGINT, users (a synchronous generator) and
 * purchases (slices read concurrently): whole lines only, an error TRACE naming the signal as
 * the last line, and exit code 143 or 130. With a billion users the read never ends on its own.
 */
import { after, before, test } from 'node:test';
import { catalogFor } from '@tributary/test-support/run-cli';
import { assertStoppedCleanly, stopRead } from '@tributary/test-support/stop-read';
import { TempDir } from '@tributary/test-support/temp-dir';
import { assertBuilt, FAKER_MAIN } from './faker-cli.js';

let dir: TempDir;
let args: string[];
before(async () => {
  assertBuilt();
  dir = await TempDir.create('faker-signals-');
  const config = await dir.json('config.json', { count: 1_000_000_000, _concurrency: 4 });
  const catalog = await dir.json('catalog.json', catalogFor('users', 'purchases'));
  args = ['read', '--config', config, '--catalog', catalog];
});
after(() => dir.remove());

for (const [stdout, signal] of [
  ['file', 'SIGTERM'],
  ['pipe', 'SIGINT'],
  ['slow pipe', 'SIGTERM'],
] as const) {
  test(`${signal} during a large read, stdout to a ${stdout}`, async () => {
    const run = await stopRead({ command: [FAKER_MAIN], args, stdout, signal, outFile: dir.file(`${signal}-${stdout}.jsonl`) });
    assertStoppedCleanly(run, signal);
  });
}
