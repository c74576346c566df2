import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConnectorError } from '../../src/errors/connector-error.js';
import { compareCursorValues } from '../../src/state/max-cursor.js';
import { DEFAULT_MAX_PARTITIONS, PartitionedState, partitionKey } from '../../src/state/partitioned-state.js';
import type { StreamState } from '../../src/state/stream-state.js';

/** Orders `{ updated_at }` cursors; a cursor without a value is the earliest. */
const byUpdatedAt = (a: StreamState, b: StreamState): number => {
  if (a.updated_at === undefined) return b.updated_at === undefined ? 0 : -1;
  if (b.updated_at === undefined) return 1;
  return compareCursorValues(a.updated_at as string, b.updated_at as string);
};

/** Through JSON and back, as a state travels between syncs. */
function roundTrip(state: PartitionedState, options: ConstructorParameters<typeof PartitionedState>[0] = {}): PartitionedState {
  return PartitionedState.from(JSON.parse(JSON.stringify(state.toState())), options);
}

describe('round trips of each shape', () => {
  test("the Python CDK's full per-partition shape: partitions, global cursor and other keys survive", () => {
    const blob = {
      use_global_cursor: false,
      states: [
        { partition: { parent_id: '1', parent_slice: {} }, cursor: { updated_at: '2024-01-01T00:00:00Z' } },
        { partition: { parent_id: '2', parent_slice: {} }, cursor: { updated_at: '2024-02-01T00:00:00Z' } },
      ],
      state: { updated_at: '2024-01-01T00:00:00Z' },
      lookback_window: 10,
      parent_state: { posts: { updated_at: '2024-02-02T00:00:00Z' } },
    };
    const state = PartitionedState.from(structuredClone(blob));
    assert.equal(state.size, 2);
    assert.deepEqual(state.get({ parent_slice: {}, parent_id: '2' }), { updated_at: '2024-02-01T00:00:00Z' }, 'key order does not matter');
    assert.deepEqual(state.cursorFor({ parent_id: '3', parent_slice: {} }), { updated_at: '2024-01-01T00:00:00Z' }, 'unknown: global');
    assert.deepEqual(state.toState(), blob);
    assert.deepEqual(roundTrip(state).toState(), blob);
  });

  test('a blob without "states" (a state written before the stream was partitioned) is the global state of every partition', () => {
    const state = PartitionedState.from({ updated_at: '2024-03-01T00:00:00Z' });
    assert.equal(state.size, 0);
    assert.deepEqual(state.global, { updated_at: '2024-03-01T00:00:00Z' });
    assert.deepEqual(state.cursorFor({ parent_id: 1 }), { updated_at: '2024-03-01T00:00:00Z' });
    assert.deepEqual(state.toState(), { states: [], state: { updated_at: '2024-03-01T00:00:00Z' } });
    const again = roundTrip(state);
    assert.deepEqual(again.cursorFor({ parent_id: 99 }), { updated_at: '2024-03-01T00:00:00Z' });
    assert.deepEqual(again.toState(), state.toState());
  });

  test('a global state only ("state" without "states")', () => {
    const state = PartitionedState.from({ state: { updated_at: 5 } });
    assert.deepEqual(state.cursorFor({ parent_id: 1 }), { updated_at: 5 });
    assert.deepEqual(roundTrip(state).toState(), { states: [], state: { updated_at: 5 } });
  });

  test('no state, {} and null: nothing listed, no global cursor', () => {
    for (const blob of [undefined, {}, null as unknown as undefined]) {
      const state = PartitionedState.from(blob);
      assert.equal(state.size, 0);
      assert.equal(state.global, undefined);
      assert.equal(state.cursorFor({ parent_id: 1 }), undefined);
      assert.deepEqual(state.toState(), { states: [] });
      assert.deepEqual(roundTrip(state).toState(), { states: [] });
    }
  });

  test('resumable full refresh per partition: completed markers and a page token', () => {
    const state = new PartitionedState();
    state.set({ parent_id: 1 }, { __ab_full_refresh_sync_complete: true });
    state.set({ parent_id: 2 }, { next_page_token: { page: 3 } });
    const expected = {
      states: [
        { partition: { parent_id: 1 }, cursor: { __ab_full_refresh_sync_complete: true } },
        { partition: { parent_id: 2 }, cursor: { next_page_token: { page: 3 } } },
      ],
    };
    assert.deepEqual(state.toState(), expected);
    const again = roundTrip(state);
    assert.deepEqual(again.toState(), expected);
    assert.deepEqual(again.get({ parent_id: 2 }), { next_page_token: { page: 3 } });
  });

  test('with use_global_cursor: true the listed partitions are ignored and the global cursor applies to all', () => {
    const state = PartitionedState.from({
      use_global_cursor: true,
      states: [{ partition: { parent_id: 1 }, cursor: { updated_at: 1 } }],
      state: { updated_at: 7 },
    });
    assert.equal(state.size, 0);
    assert.deepEqual(state.cursorFor({ parent_id: 1 }), { updated_at: 7 });
    assert.deepEqual(state.toState(), { states: [], state: { updated_at: 7 } });
  });

  test('updating a partition replaces its cursor and makes it the most recent', () => {
    const state = new PartitionedState();
    state.set({ id: 'a' }, { updated_at: 1 });
    state.set({ id: 'b' }, { updated_at: 2 });
    state.set({ id: 'a' }, { updated_at: 3 });
    assert.deepEqual(
      state.partitions().map((entry) => [entry.partition.id, entry.cursor.updated_at]),
      [
        ['b', 2],
        ['a', 3],
      ],
    );
  });
});

describe('the cap on partitions', () => {
  test('defaults to 25 000, like the Python CDK', () => {
    assert.equal(DEFAULT_MAX_PARTITIONS, 25_000);
    assert.equal(new PartitionedState().maxPartitions, 25_000);
  });

  test('the least recently updated partitions are dropped first, and the state never exceeds the cap', () => {
    const state = new PartitionedState({ maxPartitions: 3 });
    for (let id = 1; id <= 5; id++) {
      state.set({ parent_id: id }, { updated_at: id * 10 });
      assert.ok(state.size <= 3);
    }
    state.set({ parent_id: 3 }, { updated_at: 31 });
    state.set({ parent_id: 6 }, { updated_at: 60 });
    assert.deepEqual(
      state.partitions().map((entry) => entry.partition.parent_id),
      [5, 3, 6],
    );
    assert.equal(state.droppedCount, 3);
    assert.equal(state.get({ parent_id: 1 }), undefined, 'a dropped partition starts over');
    const again = roundTrip(state, { maxPartitions: 3 });
    assert.deepEqual(again.toState(), state.toState());
  });

  test('a state with more partitions than the cap keeps the most recent ones when read', () => {
    const blob = { states: Array.from({ length: 10 }, (_, index) => ({ partition: { n: index }, cursor: { updated_at: index } })) };
    const state = PartitionedState.from(blob, { maxPartitions: 4 });
    assert.deepEqual(
      state.partitions().map((entry) => entry.partition.n),
      [6, 7, 8, 9],
    );
    assert.equal((state.toState().states as unknown[]).length, 4);
  });

  test('dropping a partition lowers the global cursor to it when it is earlier, so nothing it had not read is skipped', () => {
    const state = PartitionedState.from(
      { states: [], state: { updated_at: '2024-05-01T00:00:00Z' } },
      { maxPartitions: 2, compareCursors: byUpdatedAt },
    );
    state.set({ parent_id: 1 }, { updated_at: '2024-04-01T00:00:00Z' });
    state.set({ parent_id: 2 }, { updated_at: '2024-06-01T00:00:00Z' });
    state.set({ parent_id: 3 }, { updated_at: '2024-07-01T00:00:00Z' });
    assert.deepEqual(state.global, { updated_at: '2024-04-01T00:00:00Z' }, 'partition 1 resumes from its own cursor');
    state.set({ parent_id: 4 }, { updated_at: '2024-08-01T00:00:00Z' });
    assert.deepEqual(state.global, { updated_at: '2024-04-01T00:00:00Z' }, 'a later cursor does not raise it');
    state.set({ parent_id: 5 }, {});
    state.set({ parent_id: 6 }, {});
    state.set({ parent_id: 7 }, {});
    assert.equal(state.global, undefined, 'a dropped partition without a cursor means: read everything not listed from the start');
  });

  test('without a way to compare cursors, dropping a partition removes the global cursor', () => {
    const state = PartitionedState.from({ states: [], state: { updated_at: 9 } }, { maxPartitions: 1 });
    state.set({ parent_id: 1 }, { updated_at: 10 });
    assert.deepEqual(state.global, { updated_at: 9 });
    state.set({ parent_id: 2 }, { updated_at: 11 });
    assert.equal(state.global, undefined);
    assert.deepEqual(state.toState(), { states: [{ partition: { parent_id: 2 }, cursor: { updated_at: 11 } }] });
  });

  test('the cap must be a positive integer', () => {
    assert.throws(() => new PartitionedState({ maxPartitions: 0 }), TypeError);
    assert.throws(() => new PartitionedState({ maxPartitions: 1.5 }), TypeError);
  });
});

describe('malformed states', () => {
  for (const [label, blob, fragment] of [
    ['states not an array', { states: { a: 1 } }, '"states" must be an array'],
    ['an entry without a partition', { states: [{ cursor: {} }] }, 'states[0]'],
    ['a cursor that is not an object', { states: [{ partition: { id: 1 }, cursor: 'x' }] }, 'states[0]'],
    ['a global state that is not an object', { states: [], state: [1] }, '"state" (the global cursor) must be an object, got an array'],
  ] as const) {
    test(`${label}: a config_error naming the stream`, () => {
      assert.throws(
        () => PartitionedState.from(blob as unknown as StreamState, { streamName: 'comments' }),
        (error: unknown) =>
          error instanceof ConnectorError &&
          error.failureType === 'config_error' &&
          error.message.includes("stream 'comments'") &&
          error.message.includes(fragment),
      );
    });
  }
});

test('partitionKey ignores key order at every level', () => {
  assert.equal(partitionKey({ a: 1, b: { c: 2, d: [1, { e: 1, f: 2 }] } }), partitionKey({ b: { d: [1, { f: 2, e: 1 }], c: 2 }, a: 1 }));
  assert.notEqual(partitionKey({ a: 1 }), partitionKey({ a: '1' }));
});
