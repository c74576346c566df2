import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  assertNoStackTrace,
  type CliRun,
  catalogFor,
  catalogOf,
  errorTraces,
  messagesOfType,
  outlineOf,
  recordsOf,
  withoutEmittedAt,
} from '@tributary/test-support/run-cli';
import { TempDir } from '@tributary/test-support/temp-dir';
import { configuredCatalog } from '../../src/testing/index.js';
import { runFixture } from '../helpers/fixtures.js';

let dir: TempDir;
let config: string;
before(async () => {
  dir = await TempDir.create();
  config = await dir.json('config.json', { name: 'x' });
});
after(() => dir.remove());

let catalogs = 0;
async function read(catalog: unknown, configPath = config): Promise<CliRun> {
  return runFixture('streams', ['read', '--config', configPath, '--catalog', await dir.json(`catalog-${++catalogs}.json`, catalog)]);
}

const SUCCESS = ['STARTED', 'RUNNING', 'RECORD×3', 'STATE', 'COMPLETE'];

/** The last TRACE error: the one that ends a read in which streams failed. */
function finalError(run: CliRun) {
  const errors = errorTraces(run.messages);
  assert.ok(errors.length > 0, run.stdout);
  return errors.at(-1)!;
}

test('sync generator, async generator and array streams all read to completion', async () => {
  const sequential = await dir.json('sequential.json', { name: 'x', _concurrency: 1 });
  const run = await read(catalogFor('sync_numbers', 'async_numbers', 'array_numbers'), sequential);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, '');
  assert.deepEqual(errorTraces(run.messages), []);
  for (const stream of ['sync_numbers', 'async_numbers', 'array_numbers']) {
    assert.deepEqual(outlineOf(run.messages, stream), SUCCESS, stream);
    assert.deepEqual(
      recordsOf(run.messages, stream).map((record) => record.data),
      [{ id: 1 }, { id: 2 }, { id: 3 }],
    );
    const [state] = messagesOfType(run.messages, 'STATE').filter((m) => m.state.stream?.stream_descriptor.name === stream);
    assert.deepEqual(state?.state, {
      type: 'STREAM',
      stream: { stream_descriptor: { name: stream }, stream_state: { __ab_no_cursor_state_message: true } },
      sourceStats: { recordCount: 3 },
    });
  }
  // With `_concurrency: 1` streams are read one at a time, in catalog order.
  const order = recordsOf(run.messages).map((record) => record.stream);
  assert.deepEqual(order, [...Array(3).fill('sync_numbers'), ...Array(3).fill('async_numbers'), ...Array(3).fill('array_numbers')]);
  for (const record of recordsOf(run.messages)) assert.ok(Number.isInteger(record.emitted_at) && record.emitted_at > 0);
});

test('streams named by getters and class fields read with their names and namespace', async () => {
  const discovered = await runFixture('streams', ['discover', '--config', config]);
  const run = await read(configuredCatalog(catalogOf(discovered), ['fixture_ns.getter_named', 'field_named']));
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(recordsOf(run.messages).map(withoutEmittedAt), [
    { stream: 'getter_named', namespace: 'fixture_ns', data: { id: 1, part: 'a' } },
    { stream: 'field_named', data: { id: 1, part: 'b' } },
  ]);
  const descriptors = messagesOfType(run.messages, 'STATE').map((m) => m.state.stream?.stream_descriptor);
  assert.deepEqual(descriptors, [{ name: 'getter_named', namespace: 'fixture_ns' }, { name: 'field_named' }]);
});

test('a catalog entry without the namespace still finds the namespaced stream by its name, as in the Python CDK', async () => {
  const run = await read(catalogFor('getter_named'));
  assert.equal(run.code, 0, run.stdout);
  assert.deepEqual(outlineOf(run.messages, 'getter_named'), ['STARTED', 'RUNNING', 'RECORD×1', 'STATE', 'COMPLETE']);
  assert.deepEqual(recordsOf(run.messages)[0]?.data, { id: 1, part: 'a' });
});

test('a stream failing mid-way: its records, INCOMPLETE, its error; the next stream still completes; exit 1', async () => {
  // More records than one output batch, so buffered records must all be written before the error.
  const failAfter = 2500;
  const run = await read(
    catalogFor('failing_midway', 'sync_numbers'),
    await dir.json('fail-after.json', { name: 'x', fail_after: failAfter }),
  );
  assert.equal(run.code, 1, run.stderr);
  assertNoStackTrace(run.stderr);

  assert.deepEqual(outlineOf(run.messages, 'failing_midway'), ['STARTED', 'RUNNING', `RECORD×${failAfter}`, 'INCOMPLETE', 'ERROR']);
  assert.deepEqual(
    recordsOf(run.messages, 'failing_midway').map((record) => record.data.id),
    Array.from({ length: failAfter }, (_, i) => i + 1),
  );
  const streamError = errorTraces(run.messages).find((error) => error.stream_descriptor?.name === 'failing_midway');
  assert.ok(streamError);
  assert.deepEqual(streamError.stream_descriptor, { name: 'failing_midway' });
  assert.equal(streamError.failure_type, 'system_error');
  assert.match(streamError.message, /failing_midway/);
  assert.match(streamError.message, /the fixture API went away after 2500 records/);
  assert.match(streamError.internal_message ?? '', /the fixture API went away/);
  assert.match(streamError.stack_trace ?? '', /FailingMidway\.readRecords/);

  assert.deepEqual(outlineOf(run.messages, 'sync_numbers'), SUCCESS);

  const last = finalError(run);
  assert.equal(run.messages.at(-1)?.type, 'TRACE', 'the summary error is the last message');
  assert.equal(last.failure_type, 'config_error');
  assert.equal(last.stream_descriptor, undefined);
  assert.match(last.message, /did not sync successfully: failing_midway$/);
});

test('a stream the source does not have is reported by name, and the others still run', async () => {
  const run = await read(catalogFor('no_such_stream', 'sync_numbers'));
  assert.equal(run.code, 1);
  assertNoStackTrace(run.stderr);
  assert.deepEqual(outlineOf(run.messages, 'no_such_stream'), ['INCOMPLETE', 'ERROR']);
  const missing = errorTraces(run.messages).find((error) => error.stream_descriptor?.name === 'no_such_stream');
  assert.ok(missing);
  assert.equal(missing.failure_type, 'config_error');
  assert.match(missing.message, /'no_such_stream'/);
  assert.match(missing.message, /does not provide it/);
  assert.match(missing.message, /sync_numbers/, 'lists the streams that exist');
  assert.deepEqual(outlineOf(run.messages, 'sync_numbers'), SUCCESS);
  const last = finalError(run);
  assert.equal(last.failure_type, 'config_error');
  assert.match(last.message, /no_such_stream/);
});

test('a stream yielding something that is not an object fails that stream clearly', async () => {
  const run = await read(catalogFor('not_an_object', 'array_numbers'));
  assert.equal(run.code, 1);
  assertNoStackTrace(run.stderr);
  assert.deepEqual(outlineOf(run.messages, 'not_an_object'), ['STARTED', 'RUNNING', 'RECORD×1', 'INCOMPLETE', 'ERROR']);
  const error = errorTraces(run.messages).find((e) => e.stream_descriptor?.name === 'not_an_object');
  assert.ok(error);
  assert.match(error.message, /'not_an_object'/);
  assert.match(error.message, /string/);
  assert.match(error.message, /record/);
  assert.deepEqual(outlineOf(run.messages, 'array_numbers'), SUCCESS);
  assert.match(finalError(run).message, /not_an_object/);
});

test('a ConnectorError with failureType transient_error keeps it in the stream error', async () => {
  const run = await read(catalogFor('transient_failure', 'sync_numbers'));
  assert.equal(run.code, 1);
  assertNoStackTrace(run.stderr);
  assert.deepEqual(outlineOf(run.messages, 'transient_failure'), ['STARTED', 'RUNNING', 'RECORD×1', 'INCOMPLETE', 'ERROR']);
  const error = errorTraces(run.messages).find((e) => e.stream_descriptor?.name === 'transient_failure');
  assert.deepEqual(
    { ...error, stack_trace: undefined },
    {
      message: 'The fixture API is rate limiting us; try again later',
      internal_message: 'HTTP 429 from /numbers',
      failure_type: 'transient_error',
      stream_descriptor: { name: 'transient_failure' },
      stack_trace: undefined,
    },
  );
  assert.deepEqual(outlineOf(run.messages, 'sync_numbers'), SUCCESS);
  assert.equal(finalError(run).failure_type, 'config_error');
});

test('the _limit config key stops each stream after that many records', async () => {
  const run = await read(
    catalogFor('sync_numbers', 'async_numbers', 'array_numbers'),
    await dir.json('limit.json', { name: 'x', _limit: 2 }),
  );
  assert.equal(run.code, 0, run.stderr);
  for (const stream of ['sync_numbers', 'async_numbers', 'array_numbers']) {
    assert.deepEqual(outlineOf(run.messages, stream), ['STARTED', 'RUNNING', 'RECORD×2', 'STATE', 'COMPLETE'], stream);
    const state = messagesOfType(run.messages, 'STATE').find((m) => m.state.stream?.stream_descriptor.name === stream);
    assert.equal(state?.state.sourceStats?.recordCount, 2);
  }
});

test('read with a valid state file starts normally', async () => {
  const state = await dir.json('state.json', [
    {
      type: 'STREAM',
      stream: { stream_descriptor: { name: 'sync_numbers' }, stream_state: { __ab_no_cursor_state_message: true } },
    },
  ]);
  const catalog = await dir.json('state-catalog.json', catalogFor('sync_numbers'));
  const run = await runFixture('streams', ['read', '--config', config, '--catalog', catalog, '--state', state]);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(outlineOf(run.messages, 'sync_numbers'), SUCCESS);
});
