import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareCursorValues, InvalidCursorStateError, MaxCursor } from '../../src/state/max-cursor.js';

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

test("a state value of another kind than the records' is refused at the first record, naming field and value", () => {
  for (const [stateValue, recordValue, expected] of [
    ['not a date', '2024-01-02T00:00:00Z', 'a date-time'],
    [1704067200000, '2024-01-02T00:00:00Z', 'a date-time'],
    ['abc', 42, 'a number'],
  ] as const) {
    const cursor = new MaxCursor('updated_at');
    cursor.state = { updated_at: stateValue };
    assert.throws(
      () => cursor.observe({ updated_at: recordValue }),
      (error: unknown) =>
        error instanceof InvalidCursorStateError &&
        error.failureType === 'config_error' &&
        error.message.includes(`'updated_at' is ${JSON.stringify(stateValue)}, which is not ${expected}`),
    );
    const again = new MaxCursor('updated_at');
    again.state = { updated_at: stateValue };
    assert.throws(() => again.isNewer({ updated_at: recordValue }), InvalidCursorStateError);
  }
  const named = new InvalidCursorStateError('bad').forStream('users');
  assert.equal(named.message, "Stream 'users': bad");
  assert.equal(named.failureType, 'config_error');
});

test('values of compatible kinds are accepted: numeric text for numbers, any text for text cursors', () => {
  const numeric = new MaxCursor('id');
  numeric.state = { id: '10' };
  numeric.observe({ id: 12 });
  assert.equal(numeric.value, 12);
  const text = new MaxCursor('key');
  text.state = { key: '2024-01-01T00:00:00Z' };
  text.observe({ key: 'b' });
  assert.equal(text.value, 'b');
});

test('a state cursor that is an object, array or boolean is a config_error; null means none', () => {
  const cursor = new MaxCursor('updated_at');
  for (const value of [{ at: 1 }, [1], true]) {
    assert.throws(() => {
      cursor.state = { updated_at: value };
    }, /The state's cursor 'updated_at' is (an object|an array|true), not a date-time, string or number/);
  }
  cursor.state = { updated_at: null };
  assert.equal(cursor.value, undefined);
});

test('a cursor named like a built-in member reads only own keys', () => {
  const cursor = new MaxCursor('constructor');
  cursor.state = {};
  assert.equal(cursor.value, undefined);
  cursor.observe({});
  assert.equal(cursor.value, undefined);
  cursor.observe(JSON.parse('{"constructor": 5}'));
  assert.deepEqual(cursor.state, { constructor: 5 });
  const proto = new MaxCursor(['__proto__', 'at']);
  proto.observe(JSON.parse('{"__proto__": {"at": "2024-01-01"}}'));
  assert.equal(proto.value, '2024-01-01');
  assert.deepEqual(Object.keys(proto.state), ['__proto__.at']);
});
