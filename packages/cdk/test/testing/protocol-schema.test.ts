/**
 * The test kit's compact protocol schema against the official `airbyte_protocol.yaml` (outside
 * the repository; the comparison is skipped without it): both accept every message a real
 * connector writes, and the compact one rejects what the protocol forbids.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadMessageValidator, protocolSkipReason } from '@tributary/test-support/protocol-schema';
import type { AirbyteMessage } from '../../src/index.js';
import { protocolProblems, protocolProblemsOf, read } from '../../src/testing/index.js';
import { ExampleSource } from './example-source.js';

async function realMessages(): Promise<AirbyteMessage[]> {
  const result = await read(new ExampleSource(), { config: { api_key: 'good-key', count: 12 }, syncMode: 'incremental', debug: true });
  const failed = await read(new ExampleSource('stream-fails'), { config: { api_key: 'good-key', count: 3 } });
  return [...result.messages, ...failed.messages];
}

const invalid: Array<[string, unknown, RegExp]> = [
  ['no type', { record: { stream: 'a', data: {}, emitted_at: 1 } }, /must have required property 'type'/],
  ['unknown type', { type: 'PING' }, /\/type must be one of/],
  ['record without data', { type: 'RECORD', record: { stream: 'a', emitted_at: 1 } }, /\/record must have required property 'data'/],
  ['fractional emitted_at', { type: 'RECORD', record: { stream: 'a', data: {}, emitted_at: 1.5 } }, /\/record\/emitted_at must be integer/],
  ['bad log level', { type: 'LOG', log: { level: 'VERBOSE', message: 'x' } }, /\/log\/level must be one of/],
  [
    'status without stream',
    { type: 'TRACE', trace: { type: 'STREAM_STATUS', emitted_at: 1, stream_status: { status: 'RUNNING' } } },
    /must have required property 'stream_descriptor'/,
  ],
  [
    'bad failure type',
    { type: 'TRACE', trace: { type: 'ERROR', emitted_at: 1, error: { message: 'x', failure_type: 'oops' } } },
    /failure_type must be one of/,
  ],
  [
    'state blob not an object',
    { type: 'STATE', state: { type: 'STREAM', stream: { stream_descriptor: { name: 'a' }, stream_state: 3 } } },
    /stream_state must be object/,
  ],
  [
    'catalog stream without sync modes',
    { type: 'CATALOG', catalog: { streams: [{ name: 'a', json_schema: {}, supported_sync_modes: [] }] } },
    /must NOT have fewer than 1 items/,
  ],
];

const onlyCompact: Array<[string, unknown, RegExp]> = [
  [
    'two payloads',
    { type: 'LOG', log: { level: 'INFO', message: 'x' }, record: { stream: 'a', data: {}, emitted_at: 1 } },
    /exactly the "log" payload/,
  ],
  ['payload of another type', { type: 'SPEC', catalog: { streams: [] } }, /exactly the "spec" payload/],
  ['error trace without error', { type: 'TRACE', trace: { type: 'ERROR', emitted_at: 1 } }, /an ERROR trace must carry "error"/],
  ['stream state without stream', { type: 'STATE', state: { type: 'STREAM' } }, /a STREAM state must carry "stream"/],
];

test('the compact schema accepts what the CDK writes and names what is wrong with broken messages', async () => {
  assert.deepEqual(protocolProblemsOf(await realMessages()), []);
  for (const [label, message, reason] of [...invalid, ...onlyCompact]) {
    const problems = protocolProblems(message);
    assert.ok(
      problems.some((problem) => reason.test(problem)),
      `${label}: ${JSON.stringify(problems)}`,
    );
  }
});

test('the compact schema agrees with the official protocol schema', { skip: protocolSkipReason() }, async () => {
  const official = loadMessageValidator();
  for (const message of await realMessages()) assert.deepEqual(official(message), [], JSON.stringify(message));
  // (The official helper needs a `type` to look for the payload.)
  for (const [label, message] of invalid.filter(([, message]) => typeof (message as { type?: unknown }).type === 'string')) {
    assert.notDeepEqual(official(message as AirbyteMessage), [], `the official schema also rejects: ${label}`);
  }
});
