import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isoTimestamp } from '../../src/values/iso-timestamp.js';

const MAX_MS = 8.64e15;

test('isoTimestamp writes exactly what toISOString writes, over the whole range of dates', () => {
  const samples = [0, -0, 1, -1, 999, 86_399_999, 86_400_000, -86_400_001, 951_782_400_000, 1_704_067_200_000, 253_402_300_799_999];
  samples.push(253_402_300_800_000, -62_167_219_200_001, MAX_MS, -MAX_MS, MAX_MS - 1);
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let i = 0; i < 20_000; i++) samples.push(Math.round((random() * 2 - 1) * MAX_MS));
  for (let i = 0; i < 20_000; i++) samples.push(1_700_000_000_000 + Math.round(random() * 1e10));
  for (const ms of samples) assert.equal(isoTimestamp(ms), new Date(ms).toISOString(), `at ${ms}`);
});

test('isoTimestamp truncates fractional milliseconds as Date does, and rejects what toISOString rejects', () => {
  for (const ms of [1.5, -1.5, 1_704_067_200_000.999, 0.1]) assert.equal(isoTimestamp(ms), new Date(ms).toISOString());
  for (const ms of [Number.NaN, MAX_MS + 1, -MAX_MS - 1, Number.POSITIVE_INFINITY]) assert.throws(() => isoTimestamp(ms), RangeError);
});

test('isoTimestamp keeps working once its cache of days fills up', () => {
  for (let day = 0; day < 10_000; day++) {
    const ms = day * 86_400_000 + 3_723_004;
    assert.equal(isoTimestamp(ms), new Date(ms).toISOString());
  }
});
