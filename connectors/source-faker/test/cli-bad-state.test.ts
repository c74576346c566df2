/**
 * A state whose cursor is not a date-time (`{"updated_at": "not a date"}`, hand-edited or
 * written by something else): the faker's streams would read everything again and write the
 * bad value back, sync after sync. Each must fail instead, as a config_error naming the stream
 * and the value, and no STATE may carry the bad value.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertFailedWith, catalogFor, errorTraces, messagesOfType, recordsOf } from '@tributary/test-support/run-cli';
import { TempDir } from '@tributary/test-support/temp-dir';
import { runFaker } from './faker-cli.js';

let dir: TempDir;
before(async () => {
  dir = await TempDir.create('faker-bad-state-');
});
after(() => dir.remove());

for (const [stream, cursor] of [
  ['users', 'updated_at'],
  ['purchases', 'purchased_at'],
] as const) {
  test(`${stream}: a state cursor ${cursor} that is not a date-time fails the stream`, async () => {
    const config = await dir.json(`${stream}-config.json`, { count: 50 });
    const catalog = catalogFor(stream);
    catalog.streams[0]!.sync_mode = 'incremental';
    const state = [{ type: 'STREAM', stream: { stream_descriptor: { name: stream }, stream_state: { [cursor]: 'not a date' } } }];
    const run = await runFaker([
      'read',
      '--config',
      config,
      '--catalog',
      await dir.json(`${stream}-catalog.json`, catalog),
      '--state',
      await dir.json(`${stream}-state.json`, state),
    ]);
    assertFailedWith(run, 'config_error', new RegExp(`did not sync successfully: ${stream}`));
    const error = errorTraces(run.messages).find((trace) => trace.stream_descriptor?.name === stream);
    assert.equal(error?.failure_type, 'config_error');
    assert.match(
      error?.message ?? '',
      new RegExp(`Stream '${stream}': the input state's cursor ${cursor} is "not a date", which is not a date-time`),
    );
    assert.equal(recordsOf(run.messages).length, 0);
    assert.equal(messagesOfType(run.messages, 'STATE').length, 0);
  });
}
