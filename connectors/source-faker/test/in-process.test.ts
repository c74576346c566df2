/**
 * The faker run in-process with `invoke`: the same commands as the CLI, with records handed over
 * as objects (what the local runner and the test kit build on).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AirbyteMessage, StreamDescriptor } from '@tributary/cdk';
import { invoke, type MessageSink } from '@tributary/cdk/runtime';
import { FakerSource } from '../src/index.js';

class CollectingSink implements MessageSink {
  readonly records: Array<{ stream: string; data: object }> = [];
  readonly messages: AirbyteMessage[] = [];
  isClosed = false;

  writeMessage(message: AirbyteMessage): void {
    this.messages.push(structuredClone(message));
  }

  recordWriter(stream: StreamDescriptor) {
    return (data: object) => {
      this.records.push({ stream: stream.name, data });
      return false;
    };
  }

  async drain(): Promise<void> {}
}

test('invoke runs discover and read in-process and hands records over as objects', async () => {
  const config = { count: 20, seed: 3, _concurrency: 1 };
  const discoverSink = new CollectingSink();
  assert.equal(await invoke(new FakerSource(), { command: 'discover', config }, discoverSink), 0);
  const catalog = discoverSink.messages.find((m) => m.type === 'CATALOG');
  assert.ok(catalog?.type === 'CATALOG');
  assert.deepEqual(
    catalog.catalog.streams.map((s) => s.name),
    ['users', 'products', 'purchases'],
  );

  const sink = new CollectingSink();
  const configured = {
    streams: catalog.catalog.streams.map((stream) => ({ stream, sync_mode: 'full_refresh', destination_sync_mode: 'overwrite' })),
  };
  assert.equal(await invoke(new FakerSource(), { command: 'read', config, catalog: configured }, sink), 0);
  assert.equal(sink.records.filter((r) => r.stream === 'users').length, 20);
  assert.equal(sink.records.filter((r) => r.stream === 'products').length, 2);
  assert.equal(sink.records.filter((r) => r.stream === 'purchases').length, 20);
  const firstUser = sink.records[0]?.data as { id: number; address: { city: string } };
  assert.equal(firstUser.id, 1);
  assert.equal(typeof firstUser.address.city, 'string');
  const states = sink.messages.filter((m) => m.type === 'STATE');
  assert.equal(states.length, 3);
});

test('invoke reports bad input as a TRACE error and exit code 1, like the CLI', async () => {
  const sink = new CollectingSink();
  const code = await invoke(new FakerSource(), { command: 'read', config: { count: 'many' }, catalog: { streams: [] } }, sink);
  assert.equal(code, 1);
  const trace = sink.messages.find((m) => m.type === 'TRACE' && m.trace.type === 'ERROR');
  assert.ok(trace?.type === 'TRACE');
  assert.equal(trace.trace.error?.failure_type, 'config_error');
  assert.match(trace.trace.error?.message ?? '', /config\.count must be integer/);
});
