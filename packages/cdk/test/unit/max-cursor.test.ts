import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareCursorValues, MaxCursor } from '../../src/state/max-cursor.js';

test('MaxCursor keeps the greatest date-time, whatever the order records come in', () => {
  const cursor = new MaxCursor('updated_at');
  for (const updated_at of [
    '2024-01-02T00:00:00.000Z',
    '2024-03-01T10:00:00.000Z',
    '2023-12-31T23:59:59.999Z',
    '2024-03-01T09:59:59.999Z',
  ]) {
    cursor.observe({ updated_at });
  }
  assert.deepEqual(cursor.state, { updated_at: '2024-03-01T10:00:00.000Z' });
});

test('MaxCursor compares differently written instants as instants, not as text', () => {
  const cursor = new MaxCursor('at');
  cursor.observe({ at: '2024-01-01T10:00:00Z' });
  cursor.observe({ at: '2024-01-01T11:00:00+02:00' }); // 09:00 UTC: earlier
  assert.equal(cursor.value, '2024-01-01T10:00:00Z');
  cursor.observe({ at: '2024-01-01T10:30:00.000Z' }); // a different length: parsed
  assert.equal(cursor.value, '2024-01-01T10:30:00.000Z');
});

test('MaxCursor with numbers, nested paths, state round-trips and missing values', () => {
  const cursor = new MaxCursor(['meta', 'seq']);
  cursor.observe({ meta: { seq: 5 } });
  cursor.observe({ meta: { seq: 12 } });
  cursor.observe({ meta: {} });
  cursor.observe({});
  cursor.observe({ meta: { seq: 9 } });
  assert.deepEqual(cursor.state, { 'meta.seq': 12 });
  const restored = new MaxCursor(['meta', 'seq']);
  restored.state = cursor.state;
  assert.equal(restored.value, 12);
  assert.equal(restored.isNewer({ meta: { seq: 12 } }), false);
  assert.equal(restored.isNewer({ meta: { seq: 13 } }), true);
});

test('compareCursorValues orders numbers, date-times and plain text', () => {
  assert.ok(compareCursorValues(2, 10) < 0);
  assert.ok(compareCursorValues('2024-01-02', '2024-01-10') < 0);
  assert.equal(compareCursorValues('2024-01-01T00:00:00Z', '2024-01-01T00:00:00.000+00:00'), 0);
  assert.ok(compareCursorValues('b', 'a') > 0);
});

test('MaxCursor.updater works as getUpdatedState', () => {
  const update = MaxCursor.updater('id');
  let state = {};
  for (const id of [3, 1, 7, 2]) state = update(state, { id });
  assert.deepEqual(state, { id: 7 });
});
