/**
 * A stream that writes its own STATEs (`Stream.finalState`): the CDK writes no state of its own
 * for it in either sync mode, its `checkpoint()` calls are its intermediate STATEs, its final
 * state ends its read, also after a failure, and the input state reaches its slices.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { invoke } from '../../src/entrypoint/invoke.js';
import type { AirbyteMessage, ConnectorSpecification, SyncMode } from '../../src/protocol/types.js';
import { Source } from '../../src/sources/source.js';
import type { StreamSlice, StreamState } from '../../src/state/stream-state.js';
import type { ReadOptions, SliceOptions } from '../../src/streams/read-options.js';
import { Stream } from '../../src/streams/stream.js';

/** Three slices of two records; the state is the highest slice completed, plus a marker at the end. */
class Windows extends Stream<{ slice: number; n: number }> {
  readonly name = 'windows';
  readonly concurrent = false;
  completed = -1;
  startedFrom: StreamState | undefined;

  constructor(private readonly failInSlice?: number) {
    super();
  }
  getJsonSchema() {
    return { type: 'object' as const };
  }
  *streamSlices(options: SliceOptions): Generator<StreamSlice> {
    this.startedFrom = options.state;
    for (let index = 0; index < 3; index++) yield { index };
  }
  *readRecords(options: ReadOptions) {
    const index = (options.slice as { index: number }).index;
    for (let n = 0; n < 2; n++) {
      if (index === this.failInSlice) throw new Error(`slice ${index} broke`);
      yield { slice: index, n };
    }
    this.completed = index;
    if (index !== 1) options.checkpoint?.({ through: index });
  }
  finalState(): StreamState {
    return { through: this.completed, final: true };
  }
}

class OneStream extends Source {
  constructor(private readonly stream: Stream<object>) {
    super();
  }
  spec(): ConnectorSpecification {
    return { connectionSpecification: { type: 'object' } };
  }
  streams() {
    return [this.stream];
  }
}

async function read(stream: Windows, syncMode: SyncMode, state?: StreamState) {
  const messages: AirbyteMessage[] = [];
  const sink = {
    isClosed: false,
    writeMessage: (message: AirbyteMessage) => messages.push(structuredClone(message)),
    recordWriter: () => (data: object) =>
      messages.push({ type: 'RECORD', record: { stream: 'windows', data: data as Record<string, unknown>, emitted_at: 0 } }) < 0,
    drain: () => Promise.resolve(),
  };
  const catalog = {
    streams: [
      {
        stream: { name: 'windows', json_schema: {}, supported_sync_modes: ['full_refresh', 'incremental'] },
        sync_mode: syncMode,
        destination_sync_mode: 'append',
      },
    ],
  };
  const input =
    state === undefined ? undefined : [{ type: 'STREAM', stream: { stream_descriptor: { name: 'windows' }, stream_state: state } }];
  const code = await invoke(new OneStream(stream), { command: 'read', config: {}, catalog, state: input }, sink);
  const states = messages.flatMap((m) => (m.type === 'STATE' ? [m.state.stream?.stream_state] : []));
  const kinds = messages.map((m) =>
    m.type === 'RECORD' ? 'R' : m.type === 'STATE' ? 'S' : m.type === 'TRACE' ? (m.trace.stream_status?.status ?? 'E') : m.type,
  );
  return { code, states, kinds };
}

test('only the states the stream writes, in full refresh and incremental: its checkpoints, then its final state', async () => {
  for (const mode of ['full_refresh', 'incremental'] as const) {
    const { code, states, kinds } = await read(new Windows(), mode);
    assert.equal(code, 0);
    assert.deepEqual(states, [{ through: 0 }, { through: 2 }, { through: 2, final: true }], mode);
    assert.deepEqual(kinds, ['STARTED', 'RUNNING', 'R', 'R', 'S', 'R', 'R', 'R', 'R', 'S', 'S', 'COMPLETE'], mode);
  }
});

test('after a failure the final state is written too, before INCOMPLETE and the error', async () => {
  const { code, states, kinds } = await read(new Windows(1), 'incremental');
  assert.notEqual(code, 0);
  assert.deepEqual(states, [{ through: 0 }, { through: 0, final: true }]);
  assert.deepEqual(kinds.slice(-4), ['S', 'INCOMPLETE', 'E', 'E']);
});

test('the input state reaches streamSlices in an incremental read, unchecked against the schema (the stream reads its own states)', async () => {
  class Typed extends Windows {
    readonly cursorField = 'through';
    getJsonSchema() {
      return { type: 'object' as const, properties: { through: { type: 'integer' as const } } };
    }
  }
  const stream = new Typed();
  const { code } = await read(stream, 'incremental', { through: '2024-06-10T10:00:00Z' });
  assert.equal(code, 0);
  assert.deepEqual(stream.startedFrom, { through: '2024-06-10T10:00:00Z' });
});
