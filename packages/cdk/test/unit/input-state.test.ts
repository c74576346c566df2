import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConnectorError } from '../../src/errors/connector-error.js';
import type { Logger } from '../../src/output/logger.js';
import { type InputState, parseInputState, stateKey } from '../../src/state/input-state.js';

/** A logger that records what it was given. */
function fakeLogger(): Logger & { lines: { level: string; message: string }[] } {
  const lines: { level: string; message: string }[] = [];
  const record = (level: string) => (message: string) => {
    lines.push({ level, message });
  };
  return { lines, debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error'), isDebugEnabled: false };
}

function streamsOf(state: InputState): Record<string, unknown> {
  return Object.fromEntries([...state.streams].map(([key, blob]) => [key.replace('\0', '/'), blob]));
}

function assertStateError(raw: unknown, ...fragments: string[]): void {
  assert.throws(
    () => parseInputState(raw, fakeLogger(), "state file 'state.json'"),
    (error: unknown) => {
      assert.ok(error instanceof ConnectorError, `expected a ConnectorError, got ${String(error)}`);
      assert.equal(error.failureType, 'config_error');
      assert.ok(error.message.startsWith("The state file 'state.json' is not valid: "), error.message);
      for (const fragment of fragments) assert.ok(error.message.includes(fragment), `"${error.message}" should mention ${fragment}`);
      return true;
    },
  );
}

test('stateKey separates namespace and name', () => {
  assert.equal(stateKey({ name: 'users' }), '\0users');
  assert.equal(stateKey({ name: 'users', namespace: 'crm' }), 'crm\0users');
  assert.notEqual(stateKey({ name: 'users', namespace: '' }), stateKey({ name: 'users', namespace: 'crm' }));
});

describe('accepted shapes', () => {
  test('no state: null and undefined give an empty state', () => {
    for (const raw of [null, undefined]) {
      const state = parseInputState(raw, fakeLogger());
      assert.equal(state.streams.size, 0);
      assert.equal(state.shared, undefined);
    }
  });

  test('an array of STREAM states, with and without namespace', () => {
    const logger = fakeLogger();
    const state = parseInputState(
      [
        { type: 'STREAM', stream: { stream_descriptor: { name: 'users' }, stream_state: { cursor: '2024-01-01' } } },
        { type: 'STREAM', stream: { stream_descriptor: { name: 'users', namespace: 'crm' }, stream_state: { cursor: 5 } } },
        { type: 'STREAM', stream: { stream_descriptor: { name: 'empty' } } },
      ],
      logger,
    );
    assert.deepEqual(streamsOf(state), { '/users': { cursor: '2024-01-01' }, 'crm/users': { cursor: 5 } });
    assert.equal(state.shared, undefined);
    assert.deepEqual(logger.lines, []);
  });

  test('the type may be left out when the stream or global key says it', () => {
    const state = parseInputState(
      [
        { stream: { stream_descriptor: { name: 'users' }, stream_state: { a: 1 } } },
        { global: { stream_states: [{ stream_descriptor: { name: 'orders' }, stream_state: { b: 2 } }] } },
      ],
      fakeLogger(),
    );
    assert.deepEqual(streamsOf(state), { '/users': { a: 1 }, '/orders': { b: 2 } });
  });

  test('a GLOBAL state gives the shared state and each stream state', () => {
    const state = parseInputState(
      [
        {
          type: 'GLOBAL',
          global: {
            shared_state: { lsn: 42 },
            stream_states: [
              { stream_descriptor: { name: 'users' }, stream_state: { id: 1 } },
              { stream_descriptor: { name: 'orders', namespace: 'shop' }, stream_state: { id: 2 } },
            ],
          },
        },
      ],
      fakeLogger(),
    );
    assert.deepEqual(state.shared, { lsn: 42 });
    assert.deepEqual(streamsOf(state), { '/users': { id: 1 }, 'shop/orders': { id: 2 } });
  });

  test('a legacy single object is read per stream, with a warning', () => {
    const logger = fakeLogger();
    const state = parseInputState({ users: { cursor: 1 }, orders: { cursor: 2 }, junk: 7 }, logger, "state file 'state.json'");
    assert.deepEqual(streamsOf(state), { '/users': { cursor: 1 }, '/orders': { cursor: 2 } });
    assert.equal(logger.lines.length, 1);
    assert.equal(logger.lines[0].level, 'warn');
    assert.match(logger.lines[0].message, /state file 'state\.json' is a single object \(the legacy format\)/);
  });

  test('LEGACY entries in the array are ignored with a warning', () => {
    const logger = fakeLogger();
    const state = parseInputState([{ type: 'LEGACY', data: { users: { cursor: 1 } } }, { data: { x: 1 } }], logger);
    assert.equal(state.streams.size, 0);
    assert.deepEqual(
      logger.lines.map((line) => [line.level, line.message]),
      [
        ['warn', 'Ignoring LEGACY state entry 0; per-stream state is expected.'],
        ['warn', 'Ignoring LEGACY state entry 1; per-stream state is expected.'],
      ],
    );
  });
});

describe('wrong shapes are config errors naming the entry and the stream', () => {
  test('neither an array nor an object', () => {
    assertStateError('[]', 'expected a JSON array of state messages, got string');
    assertStateError(3, 'got number');
  });

  test('an entry that is not an object', () => {
    assertStateError([{ type: 'STREAM', stream: { stream_descriptor: { name: 'a' } } }, 'oops'], 'entry 1 must be an object');
  });

  test('an entry with no type and none of stream, global or data', () => {
    assertStateError([{ stream_descriptor: { name: 'users' }, stream_state: { cursor: 1 } }], 'entry 0', '"stream", "global" or "data"');
  });

  test('an unknown type', () => {
    assertStateError([{ type: 'PARTIAL' }], 'entry 0 has unknown type "PARTIAL"');
  });

  test('a STREAM entry without a stream or a descriptor name', () => {
    assertStateError([{ type: 'STREAM' }], 'entry 0 has type STREAM but no "stream" object');
    assertStateError(
      [{ type: 'STREAM', stream: { stream_descriptor: { namespace: 'x' } } }],
      'entry 0: stream.stream_descriptor.name must be a string',
    );
  });

  test('a stream state that is not an object names the stream', () => {
    assertStateError(
      [{ type: 'STREAM', stream: { stream_descriptor: { name: 'users' }, stream_state: [1, 2] } }],
      "the state of stream 'users' (entry 0) must be an object, got an array",
    );
    assertStateError(
      [{ type: 'STREAM', stream: { stream_descriptor: { name: 'orders' }, stream_state: 'abc' } }],
      "stream 'orders'",
      'got string',
    );
  });

  test('a GLOBAL entry without stream_states, or with a bad shared_state', () => {
    assertStateError([{ type: 'GLOBAL', global: {} }], 'entry 0 has type GLOBAL but no "global.stream_states" array');
    assertStateError(
      [{ type: 'GLOBAL', global: { shared_state: 'x', stream_states: [] } }],
      'entry 0: global.shared_state must be an object',
    );
  });

  test('a GLOBAL stream state without a name, or with a state that is not an object', () => {
    assertStateError(
      [{ type: 'GLOBAL', global: { stream_states: [{ stream_state: {} }] } }],
      'global.stream_states[0] needs a stream_descriptor with a name',
    );
    assertStateError(
      [{ type: 'GLOBAL', global: { stream_states: [{ stream_descriptor: { name: 'users' }, stream_state: 5 }] } }],
      "the state of stream 'users' in entry 0 must be an object",
    );
  });
});
