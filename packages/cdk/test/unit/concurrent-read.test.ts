/**
 * The concurrent reader, in-process through `invoke`: how many slices run at once, that the
 * records are the same as a sequential read, grouping and opting out, failures isolated to their
 * stream, checkpoints only at safe points, and memory bounded by a slow consumer.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { invoke } from '../../src/entrypoint/invoke.js';
import type { MessageSink } from '../../src/output/message-sink.js';
import type { AirbyteMessage, ConnectorSpecification, StreamDescriptor } from '../../src/protocol/types.js';
import { Source } from '../../src/sources/source.js';
import type { StreamSlice, StreamState } from '../../src/state/stream-state.js';
import type { ReadOptions } from '../../src/streams/read-options.js';
import { Stream } from '../../src/streams/stream.js';

/** Counts how many slices run at the same time, overall and per stream. */
class Gauge {
  current = 0;
  max = 0;
  enter(): void {
    this.current++;
    this.max = Math.max(this.max, this.current);
  }
  leave(): void {
    this.current--;
  }
}

interface Item {
  stream: string;
  slice: number;
  n: number;
}

interface SlicedOptions {
  name: string;
  slices: number;
  perSlice: number;
  /** Delay per slice in ms (slice index → ms); slices sleep before each record. */
  delay?: (slice: number) => number;
  gauges: Gauge[];
  concurrent?: boolean;
  group?: string;
  failInSlice?: number;
  completions?: number[];
}

/** A stream of `slices` slices, each yielding `perSlice` records after small async waits. */
class Sliced extends Stream<Item> {
  constructor(private readonly options: SlicedOptions) {
    super();
  }
  get name() {
    return this.options.name;
  }
  get concurrent() {
    return this.options.concurrent;
  }
  get concurrencyGroup() {
    return this.options.group;
  }
  getJsonSchema() {
    return { type: 'object' as const };
  }
  *streamSlices(): Generator<StreamSlice> {
    for (let index = 0; index < this.options.slices; index++) yield { index };
  }
  async *readRecords(options: ReadOptions): AsyncGenerator<Item> {
    const index = (options.slice as { index: number }).index;
    for (const gauge of this.options.gauges) gauge.enter();
    try {
      for (let n = 0; n < this.options.perSlice; n++) {
        await sleep(this.options.delay?.(index) ?? 1);
        if (this.options.failInSlice === index && n === 2) throw new Error(`slice ${index} broke`);
        yield { stream: this.options.name, slice: index, n };
      }
      this.options.completions?.push(index);
    } finally {
      for (const gauge of this.options.gauges) gauge.leave();
    }
  }
}

/** The state-aware variant: checkpoints name the last slice of a completed prefix. */
class SlicedWithState extends Sliced {
  sliceState(slice: StreamSlice): StreamState {
    return { through: (slice as { index: number }).index };
  }
}

class TestSource extends Source {
  constructor(private readonly make: () => Stream<object>[]) {
    super();
  }
  spec(): ConnectorSpecification {
    return { connectionSpecification: { type: 'object' } };
  }
  streams() {
    return this.make();
  }
}

/** Collects messages; with `capacity`, it reports full after that many unconsumed records and a slow consumer drains them. */
class TestSink implements MessageSink {
  readonly records: Item[] = [];
  readonly messages: AirbyteMessage[] = [];
  isClosed = false;
  pending = 0;
  maxPending = 0;
  private waiting: Array<() => void> = [];

  constructor(private readonly capacity = Number.POSITIVE_INFINITY) {}

  writeMessage(message: AirbyteMessage): void {
    this.messages.push(structuredClone(message));
  }

  recordWriter(_stream: StreamDescriptor) {
    return (data: object) => {
      this.records.push(data as Item);
      this.pending++;
      this.maxPending = Math.max(this.maxPending, this.pending);
      if (this.pending === 1 && this.capacity !== Number.POSITIVE_INFINITY) void this.consumeSlowly();
      return this.pending >= this.capacity;
    };
  }

  drain(): Promise<void> {
    if (this.pending < this.capacity) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private async consumeSlowly(): Promise<void> {
    while (this.pending > 0) {
      await sleep(1);
      this.pending = Math.max(0, this.pending - 5);
      if (this.pending < this.capacity) for (const resolve of this.waiting.splice(0)) resolve();
    }
  }
}

function catalogOf(names: string[]) {
  return {
    streams: names.map((name) => ({
      stream: { name, json_schema: { type: 'object' }, supported_sync_modes: ['full_refresh'] },
      sync_mode: 'full_refresh',
      destination_sync_mode: 'overwrite',
    })),
  };
}

async function read(make: () => Stream<object>[], names: string[], concurrency: number, sink = new TestSink()) {
  const code = await invoke(
    new TestSource(make),
    { command: 'read', config: { _concurrency: concurrency }, catalog: catalogOf(names) },
    sink,
  );
  return { code, sink };
}

const key = (item: Item) => `${item.stream}/${item.slice}/${item.n}`;

test('concurrency N runs up to N slices at once, across streams and within a stream; 1 is sequential', async () => {
  for (const concurrency of [1, 2, 4, 8]) {
    const overall = new Gauge();
    const make = () => [
      new Sliced({ name: 'a', slices: 6, perSlice: 5, gauges: [overall] }),
      new Sliced({ name: 'b', slices: 6, perSlice: 5, gauges: [overall] }),
    ];
    const { code, sink } = await read(make, ['a', 'b'], concurrency);
    assert.equal(code, 0);
    assert.equal(sink.records.length, 60);
    assert.equal(overall.max, concurrency, `concurrency ${concurrency}`);
  }
});

test('a concurrent read yields exactly the records of a sequential read', async () => {
  const make = () => [
    new Sliced({ name: 'a', slices: 8, perSlice: 7, delay: (i) => 1 + (i % 3), gauges: [] }),
    new Sliced({ name: 'b', slices: 5, perSlice: 11, gauges: [] }),
    new Sliced({ name: 'c', slices: 1, perSlice: 20, gauges: [] }),
  ];
  const sequential = await read(make, ['a', 'b', 'c'], 1);
  const concurrent = await read(make, ['a', 'b', 'c'], 6);
  assert.equal(concurrent.code, 0);
  assert.deepEqual(concurrent.sink.records.map(key).sort(), sequential.sink.records.map(key).sort());
  assert.equal(new Set(concurrent.sink.records.map(key)).size, concurrent.sink.records.length, 'no record twice');
  // Records interleave, but per stream the statuses keep their order and each ends COMPLETE with its state.
  for (const stream of ['a', 'b', 'c']) {
    const statuses = concurrent.sink.messages
      .filter((m) => m.type === 'TRACE' && m.trace.stream_status?.stream_descriptor.name === stream)
      .map((m) => (m.type === 'TRACE' ? m.trace.stream_status?.status : undefined));
    assert.deepEqual(statuses, ['STARTED', 'RUNNING', 'COMPLETE'], stream);
  }
  const interleaved = concurrent.sink.records.some(
    (item, i, all) => i > 0 && all[i - 1]?.stream !== item.stream && all.slice(i).some((x) => x.stream === all[i - 1]?.stream),
  );
  assert.ok(interleaved, 'streams were read at the same time');
});

test('concurrent = false and a shared concurrencyGroup limit slices in flight', async () => {
  const optedOut = new Gauge();
  const group = new Gauge();
  const make = () => [
    new Sliced({ name: 'solo', slices: 6, perSlice: 3, gauges: [optedOut], concurrent: false }),
    new Sliced({ name: 'g1', slices: 4, perSlice: 3, gauges: [group], group: 'parent-api' }),
    new Sliced({ name: 'g2', slices: 4, perSlice: 3, gauges: [group], group: 'parent-api' }),
  ];
  const { code, sink } = await read(make, ['solo', 'g1', 'g2'], 8);
  assert.equal(code, 0);
  assert.equal(sink.records.length, 18 + 12 + 12);
  assert.equal(optedOut.max, 1, 'an opted-out stream reads one slice at a time');
  assert.equal(group.max, 1, 'a group reads one slice at a time');
});

test('a failing slice fails its stream only; the other streams complete', async () => {
  const make = () => [
    new Sliced({ name: 'broken', slices: 6, perSlice: 5, gauges: [], failInSlice: 3 }),
    new Sliced({ name: 'fine', slices: 6, perSlice: 5, gauges: [] }),
  ];
  const { code, sink } = await read(make, ['broken', 'fine'], 4);
  assert.equal(code, 1);
  assert.equal(sink.records.filter((r) => r.stream === 'fine').length, 30);
  const statusOf = (name: string) =>
    sink.messages
      .filter((m) => m.type === 'TRACE' && m.trace.stream_status?.stream_descriptor.name === name)
      .map((m) => (m.type === 'TRACE' ? m.trace.stream_status?.status : undefined))
      .at(-1);
  assert.equal(statusOf('broken'), 'INCOMPLETE');
  assert.equal(statusOf('fine'), 'COMPLETE');
  const errors = sink.messages
    .filter((m) => m.type === 'TRACE' && m.trace.type === 'ERROR')
    .map((m) => (m.type === 'TRACE' ? m.trace.error : undefined));
  assert.equal(errors[0]?.stream_descriptor?.name, 'broken');
  assert.match(errors[0]?.message ?? '', /slice 3 broke/);
  assert.match(errors.at(-1)?.message ?? '', /did not sync successfully: broken/);
});

test('concurrent slices checkpoint only the end of a completed prefix of slices', async () => {
  const completions: number[] = [];
  // Later slices finish first: slice i sleeps (10 - i) ms per record.
  const make = () => [new SlicedWithState({ name: 'windows', slices: 10, perSlice: 3, delay: (i) => 10 - i, gauges: [], completions })];
  const { code, sink } = await read(make, ['windows'], 5);
  assert.equal(code, 0);
  assert.notDeepEqual(
    completions,
    [...completions].sort((a, b) => a - b),
    'slices completed out of order',
  );
  const states = sink.messages
    .filter((m) => m.type === 'STATE')
    .map((m) => (m.type === 'STATE' ? Number(m.state.stream?.stream_state?.through) : -1));
  assert.ok(states.length > 0);
  assert.equal(states.at(-1), 9, `the last state covers every slice: ${JSON.stringify(states)} completions ${JSON.stringify(completions)}`);
  // Each emitted state names a slice whose predecessors had all completed by then.
  let previous = -1;
  for (const through of states) {
    assert.ok(through > previous, 'states only move forward');
    previous = through;
  }
  // And never a state before the slices it covers were complete: replay completion order.
  const doneBefore = new Set<number>();
  let stateIndex = 0;
  for (const index of completions) {
    doneBefore.add(index);
    while (stateIndex < states.length && [...Array((states[stateIndex] as number) + 1).keys()].every((i) => doneBefore.has(i)))
      stateIndex++;
  }
  assert.equal(stateIndex, states.length, 'every state was safe when written');
});

test('a slow consumer bounds memory: producers wait, unconsumed records stay under a fixed bound', async () => {
  const sink = new TestSink(200);
  const make = () =>
    Array.from({ length: 4 }, (_, s) => new Sliced({ name: `s${s}`, slices: 5, perSlice: 100, delay: () => 0, gauges: [] }));
  const { code } = await read(make, ['s0', 's1', 's2', 's3'], 8, sink);
  assert.equal(code, 0);
  assert.equal(sink.records.length, 2000);
  // Each producer may add at most one record after the sink reported full.
  assert.ok(sink.maxPending <= 200 + 8, `at most capacity + concurrency records pending, saw ${sink.maxPending}`);
});

for (const member of ['minCheckpointIntervalMs', 'checkpointIntervalMs (its deprecated name)'] as const) {
  test(`${member} holds back intermediate states and writes the newest at the end`, async () => {
    class Throttled extends SlicedWithState {
      minCheckpointIntervalMs = member === 'minCheckpointIntervalMs' ? 60_000 : undefined;
      checkpointIntervalMs = member === 'minCheckpointIntervalMs' ? undefined : 60_000;
    }
    for (const concurrency of [1, 4]) {
      const make = () => [new Throttled({ name: 'many', slices: 30, perSlice: 2, delay: () => 0, gauges: [] })];
      const { code, sink } = await read(make, ['many'], concurrency);
      assert.equal(code, 0);
      const states = sink.messages.filter((m) => m.type === 'STATE').map((m) => (m.type === 'STATE' ? m.state : undefined));
      assert.equal(states.length, 2, `concurrency ${concurrency}: the first state, then only the final one`);
      assert.deepEqual(states.at(-1)?.stream?.stream_state, { through: 29 });
      assert.equal(
        states.reduce((sum, s) => sum + (s?.sourceStats?.recordCount ?? 0), 0),
        60,
        'record counts still add up',
      );
    }
  });
}
