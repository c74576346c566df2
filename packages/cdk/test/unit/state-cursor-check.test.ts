import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConnectorError } from '../../src/errors/connector-error.js';
import type { JsonSchema } from '../../src/protocol/json-schema.js';
import { assertStateCursorsParse } from '../../src/state/state-cursor-check.js';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    updated_at: { type: ['null', 'string'], format: 'date-time' },
    seq: { type: 'integer' },
    meta: { type: 'object', properties: { day: { type: 'string', format: 'date' } } },
    label: { type: 'string' },
  },
};

function check(state: Record<string, unknown>, field: string[]): void {
  assertStateCursorsParse('items', state, field, schema);
}

function rejects(state: Record<string, unknown>, field: string[], pattern: RegExp): void {
  assert.throws(
    () => check(state, field),
    (error: unknown) => error instanceof ConnectorError && error.failureType === 'config_error' && pattern.test(error.message),
  );
}

test('date-time cursors must parse; null and missing values are fine', () => {
  check({ updated_at: '2024-01-01T00:00:00Z' }, ['updated_at']);
  check({ updated_at: '2024-01-01 10:00:00.123456+00:00' }, ['updated_at']);
  check({ updated_at: null }, ['updated_at']);
  check({}, ['updated_at']);
  rejects(
    { updated_at: 'not a date' },
    ['updated_at'],
    /^Stream 'items': the input state's cursor updated_at is "not a date", which is not a date-time/,
  );
  rejects({ updated_at: '2024-13-45' }, ['updated_at'], /"2024-13-45"/);
  rejects({ updated_at: 1704067200 }, ['updated_at'], /is 1704067200, which is not a date-time/);
  rejects({ updated_at: { at: 1 } }, ['updated_at'], /is an object/);
});

test('number cursors accept numbers and numeric text; nested paths use the joined key', () => {
  check({ seq: 5 }, ['seq']);
  check({ seq: '17' }, ['seq']);
  rejects({ seq: 'seventeen' }, ['seq'], /cursor seq is "seventeen", which is not a number/);
  rejects({ seq: 1.5 }, ['seq'], /not a number/);
  check({ 'meta.day': '2024-02-01' }, ['meta', 'day']);
  rejects({ 'meta.day': 'Feb 1st' }, ['meta', 'day'], /cursor meta\.day is "Feb 1st"/);
});

test('per-partition states are checked in their global state and in every partition', () => {
  check({ states: [{ partition: { id: 1 }, cursor: { updated_at: '2024-01-01' } }], state: { updated_at: '2024-01-01' } }, ['updated_at']);
  rejects({ state: { updated_at: 'never' } }, ['updated_at'], /cursor state\.updated_at is "never"/);
  rejects(
    {
      states: [
        { partition: { id: 1 }, cursor: { updated_at: '2024-01-01' } },
        { partition: { id: 2 }, cursor: { updated_at: 'x' } },
      ],
    },
    ['updated_at'],
    /cursor states\[1\]\.cursor\.updated_at is "x"/,
  );
});

test('fields the schema says nothing about, or plain strings, are not checked here', () => {
  check({ other: 'anything' }, ['other']);
  check({ label: 'anything' }, ['label']);
  check({ constructor: 'x' }, ['constructor']);
});
