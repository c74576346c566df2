/** Incremental cursors: slices, states written and read, per option, as the Python CDK computes them. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { DatetimeBasedCursor } from '../../../src/components/component-types.js';
import { type CursorInput, createStreamCursor } from '../../../src/incremental/create-cursor.js';
import type { Cursor } from '../../../src/incremental/cursor.js';
import { formatDatetimeValue, parseDatetimeValue } from '../../../src/incremental/datetime-format.js';
import { MinMaxDatetime } from '../../../src/incremental/min-max-datetime.js';
import { createPartitionRouter } from '../../../src/partitions/create-partition-router.js';
import { SinglePartitionRouter } from '../../../src/partitions/partition-router.js';
import { plainOf, type StreamSlice } from '../../../src/slices/stream-slice.js';
import { env } from '../helpers.js';

const NOW_SECONDS = Date.parse('2024-06-15T12:34:56Z') / 1000;
const base: DatetimeBasedCursor = {
  type: 'DatetimeBasedCursor',
  cursor_field: 'updated_at',
  datetime_format: '%Y-%m-%d',
  start_datetime: '{{ config.start }}',
};

function cursorOf(
  model: Partial<DatetimeBasedCursor>,
  extra: Partial<CursorInput> = {},
  config: Record<string, unknown> = { start: '2024-06-01' },
): Cursor {
  return createStreamCursor({
    model: { ...base, ...model },
    env: env(config),
    state: {},
    router: new SinglePartitionRouter(),
    now: () => NOW_SECONDS,
    ...extra,
  }).cursor;
}

async function slices(cursor: Cursor): Promise<StreamSlice[]> {
  const out: StreamSlice[] = [];
  for await (const slice of cursor.streamSlices()) out.push(slice);
  return out;
}
const bounds = async (cursor: Cursor) => (await slices(cursor)).map((s) => plainOf(s.cursorSlice));

describe('DatetimeBasedCursor slices', () => {
  test('no step: one slice from start to now', async () => {
    assert.deepEqual(await bounds(cursorOf({})), [{ start_time: '2024-06-01', end_time: '2024-06-15' }]);
  });
  test('step and granularity: each slice ends one granularity before the next; the last ends at the end', async () => {
    const cursor = cursorOf({ step: 'P5D', cursor_granularity: 'P1D', end_datetime: '2024-06-12' });
    assert.deepEqual(await bounds(cursor), [
      { start_time: '2024-06-01', end_time: '2024-06-05' },
      { start_time: '2024-06-06', end_time: '2024-06-10' },
      { start_time: '2024-06-11', end_time: '2024-06-12' },
    ]);
  });
  test('month steps (isodate Durations), partition_field_start/end and MinMaxDatetime with its own format', async () => {
    const cursor = cursorOf(
      {
        step: 'P1M',
        cursor_granularity: 'PT1S',
        datetime_format: '%Y-%m-%dT%H:%M:%SZ',
        partition_field_start: 'from',
        partition_field_end: 'to',
        start_datetime: { type: 'MinMaxDatetime', datetime: '{{ config.start }}', datetime_format: '%d/%m/%Y', min_datetime: '01/02/2024' },
        end_datetime: { type: 'MinMaxDatetime', datetime: '2024-04-15T00:00:00Z' },
      },
      {},
      { start: '15/01/2024' },
    );
    assert.deepEqual(await bounds(cursor), [
      { from: '2024-02-01T00:00:00Z', to: '2024-02-29T23:59:59Z' },
      { from: '2024-03-01T00:00:00Z', to: '2024-03-31T23:59:59Z' },
      { from: '2024-04-01T00:00:00Z', to: '2024-04-15T00:00:00Z' },
    ]);
  });
  test('epoch formats: %s and %ms', async () => {
    const cursor = cursorOf({
      datetime_format: '%s',
      start_datetime: { type: 'MinMaxDatetime', datetime: '2024-06-14', datetime_format: '%Y-%m-%d' },
    });
    assert.deepEqual(await bounds(cursor), [{ start_time: '1718323200', end_time: '1718454896' }]);
    assert.equal(formatDatetimeValue(parseDatetimeValue('1718323200123', '%ms'), '%Y-%m-%dT%H:%M:%S.%_msZ'), '2024-06-14T00:00:00.123Z');
  });
  test('DAY clamping: boundaries moved to midnights, the end clamped down one granularity before it', async () => {
    const cursor = cursorOf({
      datetime_format: '%Y-%m-%dT%H:%M:%S',
      start_datetime: '2024-06-10T05:00:00',
      end_datetime: '2024-06-12T10:00:00',
      step: 'P1D',
      cursor_granularity: 'PT1S',
      clamping: { target: 'DAY' },
    });
    assert.deepEqual(await bounds(cursor), [{ start_time: '2024-06-11T00:00:00', end_time: '2024-06-11T23:59:59' }]);
  });
  test('step without cursor_granularity is a config error naming both', () => {
    assert.throws(() => cursorOf({ step: 'P1D' }), /step is `P1D` and cursor_granularity is `None`/);
  });
  test('property: with a step, the slices cover the interval without gaps or overlaps', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 9 }), async (days, step) => {
        const end = new Date(Date.UTC(2024, 0, 1 + days)).toISOString().slice(0, 10);
        const cursor = cursorOf({ step: `P${step}D`, cursor_granularity: 'P1D', end_datetime: end }, {}, { start: '2024-01-01' });
        const ranges = await bounds(cursor);
        assert.equal(ranges[0].start_time, '2024-01-01');
        assert.equal(ranges.at(-1)?.end_time, end);
        for (let i = 1; i < ranges.length; i++) {
          const next = new Date(`${ranges[i - 1].end_time as string}T00:00:00Z`);
          next.setUTCDate(next.getUTCDate() + 1);
          assert.equal(ranges[i].start_time, next.toISOString().slice(0, 10));
        }
      }),
    );
  });
});

describe('DatetimeBasedCursor state', () => {
  test('a closed slice writes the newest record cursor, in datetime_format', async () => {
    const cursor = cursorOf({ cursor_datetime_formats: ['%Y-%m-%dT%H:%M:%SZ'] });
    const [slice] = await slices(cursor);
    cursor.observe({ updated_at: '2024-06-03T10:00:00Z' }, slice);
    cursor.observe({ updated_at: '2024-06-02T10:00:00Z' }, slice);
    cursor.observe({ other: 1 }, slice);
    assert.deepEqual(cursor.closePartition(slice), { updated_at: '2024-06-03' });
    assert.deepEqual(cursor.ensureAtLeastOneStateEmitted(), { updated_at: '2024-06-03' });
  });
  test('a slice without records keeps the start; a gap before a closed slice keeps the state behind it', async () => {
    const cursor = cursorOf({ step: 'P5D', cursor_granularity: 'P1D', end_datetime: '2024-06-12' });
    const all = await slices(cursor);
    cursor.observe({ updated_at: '2024-06-07' }, all[1]);
    assert.deepEqual(cursor.closePartition(all[1]), { updated_at: '2024-06-01' });
    assert.deepEqual(cursor.closePartition(all[0]), { updated_at: '2024-06-07' });
  });
  test('a state from a previous sync starts the slices; lookback_window goes back from it', async () => {
    const state = { updated_at: '2024-06-10', other: 'kept' };
    const cursor = cursorOf({ lookback_window: 'P2D' }, { state });
    assert.deepEqual(await bounds(cursor), [{ start_time: '2024-06-08', end_time: '2024-06-15' }]);
    assert.deepEqual(cursor.ensureAtLeastOneStateEmitted(), { updated_at: '2024-06-10', other: 'kept' });
  });
  test('a state older than the start does not move the start back', async () => {
    assert.deepEqual(await bounds(cursorOf({}, { state: { updated_at: '2024-05-01' } })), [
      { start_time: '2024-06-01', end_time: '2024-06-15' },
    ]);
  });
  test('the concurrent state form is read too', async () => {
    const state = {
      state_type: 'date-range',
      slices: [{ start: '2024-06-01', end: '2024-06-05', most_recent_cursor_value: '2024-06-04' }],
    };
    const cursor = cursorOf({}, { state });
    assert.deepEqual(await bounds(cursor), [{ start_time: '2024-06-05', end_time: '2024-06-15' }]);
    assert.deepEqual(cursor.ensureAtLeastOneStateEmitted(), { updated_at: '2024-06-04' });
  });
  test('client-side incremental: records before the sync start or after the end are out of range', () => {
    const cursor = cursorOf({ is_client_side_incremental: true }, { state: { updated_at: '2024-06-05' } });
    assert.equal(cursor.shouldBeSynced({ updated_at: '2024-06-04' }, null), false);
    assert.equal(cursor.shouldBeSynced({ updated_at: '2024-06-05' }, null), true);
    assert.equal(cursor.shouldBeSynced({ updated_at: '2024-06-16' }, null), false);
    assert.equal(cursor.shouldBeSynced({}, null), true);
  });
  test('MinMaxDatetime: min and max bound the value', () => {
    const value = new MinMaxDatetime({ type: 'MinMaxDatetime', datetime: '2024-01-10', max_datetime: '2024-01-05' }, '%Y-%m-%d').get(env());
    assert.equal(formatDatetimeValue(value, '%Y-%m-%d'), '2024-01-05');
  });
});

describe('per-partition cursor', () => {
  const router = () =>
    createPartitionRouter({ type: 'ListPartitionRouter', values: ['a', 'b'], cursor_field: 'p' }, env(), () => {
      throw new Error();
    });
  const partitioned = (state = {}, model: Partial<DatetimeBasedCursor> = {}, now = () => NOW_SECONDS) =>
    createStreamCursor({ model: { ...base, ...model }, env: env({ start: '2024-06-01' }), state, router: router(), now }).cursor;

  test('the first close writes every partition; later closes wait ten minutes; the end writes the global cursor', async () => {
    const cursor = partitioned();
    const [a, b] = await slices(cursor);
    cursor.observe({ updated_at: '2024-06-10' }, a);
    assert.deepEqual(cursor.closePartition(a), {
      use_global_cursor: false,
      states: [
        { partition: { p: 'a' }, cursor: { updated_at: '2024-06-10' } },
        { partition: { p: 'b' }, cursor: { updated_at: '2024-06-01' } },
      ],
      lookback_window: 0,
    });
    cursor.observe({ updated_at: '2024-06-12' }, b);
    assert.equal(cursor.closePartition(b), null);
    assert.deepEqual(cursor.ensureAtLeastOneStateEmitted(), {
      use_global_cursor: false,
      states: [
        { partition: { p: 'a' }, cursor: { updated_at: '2024-06-10' } },
        { partition: { p: 'b' }, cursor: { updated_at: '2024-06-12' } },
      ],
      state: { updated_at: '2024-06-12' },
      lookback_window: 0,
    });
  });
  test('the lookback window is the seconds the sync took; new partitions start from the global cursor minus it', async () => {
    let now = NOW_SECONDS;
    const cursor = partitioned({}, {}, () => now);
    const [a] = await slices(cursor);
    cursor.observe({ updated_at: '2024-06-10' }, a);
    now += 2.5;
    cursor.closePartition(a);
    assert.equal(cursor.ensureAtLeastOneStateEmitted()?.lookback_window, 0);
    const resumed = partitioned({ states: [], state: { updated_at: '2024-06-10' }, lookback_window: 86400 });
    assert.deepEqual(
      (await slices(resumed)).map((s) => plainOf(s.cursorSlice).start_time),
      ['2024-06-09', '2024-06-09'],
    );
  });
  test('a state without `states` is a global state applied to every partition', async () => {
    const cursor = partitioned({ updated_at: '2024-06-11' });
    assert.deepEqual(
      (await slices(cursor)).map((s) => plainOf(s.cursorSlice).start_time),
      ['2024-06-11', '2024-06-11'],
    );
  });
  test('global_substream_cursor: no per-partition states', async () => {
    const cursor = partitioned({}, { global_substream_cursor: true });
    const [a, b] = await slices(cursor);
    cursor.observe({ updated_at: '2024-06-09' }, a);
    cursor.closePartition(a);
    cursor.closePartition(b);
    assert.deepEqual(cursor.ensureAtLeastOneStateEmitted(), {
      use_global_cursor: true,
      state: { updated_at: '2024-06-09' },
      lookback_window: 0,
    });
  });
});

describe('IncrementingCountCursor and streams without a cursor', () => {
  test('the count state is the highest value seen', async () => {
    const cursor = createStreamCursor({
      model: { type: 'IncrementingCountCursor', cursor_field: 'id', start_value: 0 },
      env: env(),
      state: {},
      router: new SinglePartitionRouter(),
    }).cursor;
    const [slice] = await slices(cursor);
    for (const id of [3, 7, 5]) cursor.observe({ id }, slice);
    assert.deepEqual(cursor.closePartition(slice), { id: 7 });
  });
  test('a stream without incremental_sync writes the no-cursor sentinel once', () => {
    const cursor = createStreamCursor({ model: undefined, env: env(), state: {}, router: new SinglePartitionRouter() }).cursor;
    assert.deepEqual(cursor.ensureAtLeastOneStateEmitted(), { __ab_no_cursor_state_message: true });
  });
});
