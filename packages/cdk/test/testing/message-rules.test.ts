/** The order and state rules of the acceptance suite, on crafted message sequences. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AirbyteMessage, StreamStatus } from '../../src/index.js';
import { stateProblems, statusProblems } from '../../src/testing/acceptance/message-order.js';

const status = (name: string, value: StreamStatus): AirbyteMessage => ({
  type: 'TRACE',
  trace: { type: 'STREAM_STATUS', emitted_at: 1, stream_status: { stream_descriptor: { name }, status: value } },
});
const record = (name: string, id = 1): AirbyteMessage => ({ type: 'RECORD', record: { stream: name, data: { id }, emitted_at: 1 } });
const state = (name: string, blob: unknown, recordCount?: number): AirbyteMessage => ({
  type: 'STATE',
  state: {
    type: 'STREAM',
    stream: { stream_descriptor: { name }, stream_state: blob as Record<string, unknown> },
    ...(recordCount === undefined ? {} : { sourceStats: { recordCount } }),
  },
});
const configured = new Set(['a']);

test('statuses: the right sequence passes', () => {
  const messages = [status('a', 'STARTED'), status('a', 'RUNNING'), record('a'), state('a', {}, 1), status('a', 'COMPLETE')];
  assert.deepEqual(statusProblems(messages, configured, 'read'), []);
  assert.deepEqual(statusProblems([status('a', 'STARTED'), status('a', 'COMPLETE')], configured, 'read'), []);
});

test('statuses: records before RUNNING or after the end, missing or repeated statuses, unknown streams', () => {
  assert.deepEqual(statusProblems([status('a', 'STARTED'), record('a'), status('a', 'COMPLETE')], configured, 'read'), [
    "read, stream 'a': a record comes before the stream's RUNNING status (message 2)",
  ]);
  assert.deepEqual(
    statusProblems(
      [status('a', 'STARTED'), status('a', 'RUNNING'), status('a', 'COMPLETE'), record('a'), status('a', 'RUNNING')],
      configured,
      'read',
    ),
    ["read, stream 'a': a record comes after COMPLETE (message 4)", "read, stream 'a': RUNNING after COMPLETE (message 5)"],
  );
  assert.deepEqual(statusProblems([status('a', 'RUNNING')], configured, 'read'), [
    "read, stream 'a': RUNNING before STARTED (message 1)",
    "read, stream 'a': never reported STARTED",
  ]);
  assert.deepEqual(statusProblems([], configured, 'read'), ["read, stream 'a': never reported STARTED"]);
  assert.deepEqual(statusProblems([status('b', 'STARTED'), status('b', 'COMPLETE')], new Set(), 'read'), [
    "read, stream 'b': has statuses but is not in the catalog",
  ]);
});

test('states: record counts, object blobs, known streams, a state after the last record of a completed stream', () => {
  const good = [
    status('a', 'STARTED'),
    status('a', 'RUNNING'),
    record('a'),
    record('a'),
    state('a', { c: 1 }, 2),
    record('a'),
    state('a', { c: 2 }, 1),
    status('a', 'COMPLETE'),
  ];
  assert.deepEqual(stateProblems(good, configured, 'read'), []);
  assert.deepEqual(stateProblems([record('a'), record('a'), state('a', { c: 1 }, 3)], configured, 'read'), [
    "read, message 3: stream 'a' state says sourceStats.recordCount 3, but 2 records of it came since its previous state",
  ]);
  assert.deepEqual(stateProblems([state('a', [1, 2])], configured, 'read'), [
    "read, message 1: the state of stream 'a' must be a JSON object, got [1,2]",
  ]);
  assert.deepEqual(stateProblems([state('x', {})], configured, 'read'), [
    "read, message 1: a state for stream 'x', which is not in the catalog",
  ]);
  assert.deepEqual(stateProblems([record('a'), status('a', 'COMPLETE')], configured, 'read'), [
    "read: stream 'a' completed without a STATE",
  ]);
  assert.deepEqual(stateProblems([state('a', {}), record('a'), status('a', 'COMPLETE')], configured, 'read'), [
    "read: stream 'a' has records after its last STATE",
  ]);
  assert.deepEqual(stateProblems([{ type: 'STATE', state: { data: { a: 1 } } }], configured, 'read'), [
    'read, message 1: a LEGACY state; write per-stream (STREAM) states',
  ]);
});
