import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { recordLineBuilder } from '../../src/output/record-line.js';

const NOW = 1_717_171_717_123;

/** Fixes `Date.now()` for one test; returns a function that moves the clock forward. */
function freezeClock(t: TestContext): (ms: number) => void {
  let now = NOW;
  t.mock.method(Date, 'now', () => now);
  return (ms) => {
    now += ms;
  };
}

test('a RECORD line is one JSON line equal to JSON.stringify of the envelope', (t) => {
  freezeClock(t);
  const data = { id: 1, name: 'Ada "the first"\nLovelace', tags: ['a', 'b'], nested: { ok: true, none: null }, emoji: '🚀' };
  const line = recordLineBuilder({ name: 'users' })(data);
  assert.ok(line.endsWith('\n'));
  assert.equal(line.indexOf('\n'), line.length - 1, 'exactly one line');
  assert.equal(line, `${JSON.stringify({ type: 'RECORD', record: { stream: 'users', data, emitted_at: NOW } })}\n`);
});

test('the namespace is included when the stream has one', (t) => {
  freezeClock(t);
  const line = recordLineBuilder({ name: 'users', namespace: 'crm' })({ id: 1 });
  assert.deepEqual(JSON.parse(line), { type: 'RECORD', record: { stream: 'users', namespace: 'crm', data: { id: 1 }, emitted_at: NOW } });
  assert.equal(
    line,
    `${JSON.stringify({ type: 'RECORD', record: { stream: 'users', namespace: 'crm', data: { id: 1 }, emitted_at: NOW } })}\n`,
  );
});

test('stream names and namespaces needing escapes stay valid JSON', (t) => {
  freezeClock(t);
  const line = recordLineBuilder({ name: 'we"ird\\name', namespace: 'a\nb' })({});
  assert.deepEqual(JSON.parse(line).record, { stream: 'we"ird\\name', namespace: 'a\nb', data: {}, emitted_at: NOW });
});

test('emitted_at is the current time in integer milliseconds, for every record', (t) => {
  const tick = freezeClock(t);
  const toLine = recordLineBuilder({ name: 'users' });
  const first = JSON.parse(toLine({ n: 1 }));
  tick(1);
  const second = JSON.parse(toLine({ n: 2 }));
  tick(2500);
  const third = JSON.parse(toLine({ n: 3 }));
  assert.deepEqual([first.record.emitted_at, second.record.emitted_at, third.record.emitted_at], [NOW, NOW + 1, NOW + 2501]);
  for (const record of [first, second, third]) assert.ok(Number.isInteger(record.record.emitted_at));
});

test('without mocked time, emitted_at is an integer close to Date.now()', () => {
  const before = Date.now();
  const { record } = JSON.parse(recordLineBuilder({ name: 'users' })({ id: 1 }));
  assert.ok(Number.isInteger(record.emitted_at));
  assert.ok(record.emitted_at >= before && record.emitted_at <= Date.now());
});
