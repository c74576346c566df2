/** The faker connector's read, end to end: statuses, records, state, determinism and `_limit`. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { AirbyteCatalog } from '@tributary/cdk';
import { configuredCatalog } from '@tributary/cdk/testing';
import {
  type CliRun,
  catalogOf,
  errorTraces,
  messagesOfType,
  outlineOf,
  recordsOf,
  withoutEmittedAt,
} from '@tributary/test-support/run-cli';
import { TempDir } from '@tributary/test-support/temp-dir';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { runFaker } from './faker-cli.js';

let dir: TempDir;
let catalog: AirbyteCatalog;
let catalogPath: string;
before(async () => {
  dir = await TempDir.create('faker-read-');
  const discovered = await runFaker(['discover', '--config', await dir.json('discover.json', { count: 1 })]);
  assert.equal(discovered.code, 0, discovered.stderr);
  catalog = catalogOf(discovered);
  catalogPath = await dir.json('catalog.json', configuredCatalog(catalog));
});
after(() => dir.remove());

let configs = 0;
async function read(config: object): Promise<CliRun> {
  const run = await runFaker(['read', '--config', await dir.json(`config-${++configs}.json`, config), '--catalog', catalogPath]);
  assert.equal(run.code, 0, `read failed; stderr:\n${run.stderr}\nstdout tail:\n${run.stdout.slice(-2000)}`);
  assert.equal(run.stderr, '');
  assert.deepEqual(errorTraces(run.messages), []);
  return run;
}

function stateOf(run: CliRun, stream: string) {
  const states = messagesOfType(run.messages, 'STATE').filter((message) => message.state.stream?.stream_descriptor.name === stream);
  assert.equal(states.length, 1, `one STATE for ${stream}`);
  return states[0]!.state;
}

test('read of the discovered catalog: per stream STARTED, RUNNING, records, one STATE with the count, COMPLETE', async () => {
  const run = await read({ count: 50, seed: 11, _concurrency: 1 });
  const expected: Record<string, number> = { users: 50, products: 5, purchases: 50 };
  // A full refresh ends with the Python CDK's no-cursor state; streams with a cursor keep theirs
  // (as the Python CDK's checkpoint mode does), so a later incremental sync can start from it.
  const finalStates: Record<string, object> = {
    users: { updated_at: '2024-01-07T00:47:00.000Z' },
    products: { __ab_no_cursor_state_message: true },
    purchases: { purchased_at: '2024-01-01T01:15:00.000Z' },
  };
  for (const [stream, count] of Object.entries(expected)) {
    assert.deepEqual(outlineOf(run.messages, stream), ['STARTED', 'RUNNING', `RECORD×${count}`, 'STATE', 'COMPLETE'], stream);
    assert.deepEqual(stateOf(run, stream), {
      type: 'STREAM',
      stream: { stream_descriptor: { name: stream }, stream_state: finalStates[stream] },
      sourceStats: { recordCount: count },
    });
    const records = recordsOf(run.messages, stream);
    assert.deepEqual(
      records.map((record) => record.data.id),
      Array.from({ length: count }, (_, i) => i + 1),
    );
    for (const record of records) {
      assert.ok(Number.isInteger(record.emitted_at) && record.emitted_at > 1_600_000_000_000, 'emitted_at is epoch ms');
      assert.equal(record.namespace, undefined);
    }
  }
  // With `_concurrency: 1` streams are read in catalog order, one after the other.
  const order = [...new Set(recordsOf(run.messages).map((record) => record.stream))];
  assert.deepEqual(order, ['users', 'products', 'purchases']);
});

test('every record matches the schema its stream discovered', async () => {
  const run = await read({ count: 200, seed: 5 });
  const ajv = new Ajv({ strict: false, allErrors: true });
  (ajvFormats as unknown as (ajv: Ajv) => void)(ajv);
  for (const stream of catalog.streams) {
    const validate = ajv.compile(stream.json_schema);
    const records = recordsOf(run.messages, stream.name);
    assert.ok(records.length > 0, stream.name);
    for (const record of records) {
      assert.ok(validate(record.data), `${stream.name} record ${JSON.stringify(record.data)}: ${ajv.errorsText(validate.errors)}`);
    }
  }
});

test('the same seed gives the same records; another seed gives different ones', async () => {
  const recordsFor = async (seed: number) => recordsOf((await read({ count: 120, seed })).messages).map(withoutEmittedAt);
  const first = await recordsFor(7);
  const again = await recordsFor(7);
  const other = await recordsFor(8);
  assert.equal(first.length, 120 + 12 + 120);
  assert.deepEqual(again, first);
  assert.equal(other.length, first.length);
  assert.notDeepEqual(other, first);
  for (const stream of ['users', 'products', 'purchases']) {
    const of = (records: typeof first) => records.filter((record) => record.stream === stream);
    assert.notDeepEqual(of(other), of(first), `${stream} changes with the seed`);
  }
});

test('the _limit config key stops each stream after that many records', async () => {
  const run = await read({ count: 100, seed: 1, _limit: 7 });
  for (const stream of ['users', 'products', 'purchases']) {
    assert.deepEqual(outlineOf(run.messages, stream), ['STARTED', 'RUNNING', 'RECORD×7', 'STATE', 'COMPLETE'], stream);
    assert.equal(stateOf(run, stream).sourceStats?.recordCount, 7);
  }
});
