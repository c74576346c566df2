import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AirbyteMessage } from '@tributary/cdk';
import { read } from '@tributary/cdk/testing';
import { type Reading, SensorsSource } from '../src/index.js';

const config = { day: '2024-03-01' };
const HOURS = Array.from({ length: 24 }, (_, hour) => Date.parse('2024-03-01') + hour * 3_600_000);

// #region exact-state
test('hours are read concurrently, and every STATE covers exactly the hours before it', async () => {
  const source = new SensorsSource();
  const result = await read(source, { config, streams: [{ name: 'readings', syncMode: 'incremental' }] });
  assert.equal(result.exitCode, 0, result.describeErrors());
  assert.equal(source.api.peakInFlight.get('readings'), 8); // the source's concurrency

  const hours = result.recordsOf<Reading>('readings').map((reading) => new Date(reading.at).getUTCHours());
  assert.notDeepEqual(
    hours,
    [...hours].sort((a, b) => a - b),
  ); // the hours finished out of order

  // Walk the output: when a STATE says "read up to T", every reading before T was already written.
  const written = new Set<number>();
  for (const message of result.messages as AirbyteMessage[]) {
    if (message.type === 'RECORD') written.add(Date.parse(String(message.record.data.at)));
    if (message.type === 'STATE') {
      const upTo = Date.parse(String(message.state.stream?.stream_state?.at));
      const missing = HOURS.filter((hour) => hour < upTo && !written.has(hour));
      assert.deepEqual(missing, [], `a STATE up to ${new Date(upTo).toISOString()} came before all its hours were read`);
    }
  }
  assert.deepEqual(result.latestState('readings'), { at: '2024-03-02T00:00:00.000Z' });
});
// #endregion exact-state

// #region tuning
test('_concurrency: 1 reads one slice after another, in order', async () => {
  const source = new SensorsSource();
  const result = await read(source, { config: { ...config, _concurrency: 1 }, streams: ['readings'] });
  const hours = result.recordsOf<Reading>('readings').map((reading) => new Date(reading.at).getUTCHours());
  assert.deepEqual(
    hours,
    [...hours].sort((a, b) => a - b),
  );
  assert.equal(source.api.peakInFlight.get('readings'), 1);
});

test('streams of one concurrency group never call the API at the same time', async () => {
  const source = new SensorsSource();
  const result = await read(source, { config });
  assert.equal(result.exitCode, 0, result.describeErrors());
  assert.equal(result.recordsOf('daily_report').length + result.recordsOf('weekly_report').length, 6);
  assert.equal(source.api.peakInFlight.get('reports'), 1);
});
// #endregion tuning
