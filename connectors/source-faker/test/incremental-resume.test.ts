/**
 * Incremental reads and checkpoints proven end to end: the real CLI is killed after N records
 * for a spread of N (mid-slice included), restarted with the last STATE it wrote before the kill,
 * and the union of everything every run wrote must be the whole data set.
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { mergeStates, type PartialRun, readKilledAfter, type StreamStateEntry } from '@tributary/test-support/interrupted-read';
import { assertBuilt, FAKER_MAIN, runFaker } from './faker-cli.js';

const COUNT = 3000;
const CONFIG = { count: COUNT, seed: 7, records_per_slice: 800, clock: '2024-01-09T00:00:00Z' };

/** What a run wrote, with each record reduced to its stream, id and cursor. */
interface Run extends PartialRun {
  keys: Array<{ stream: string; id: number; cursor: string }>;
}

async function files(config: object, streams: string[]) {
  const dir = await mkdtemp(join(tmpdir(), 'faker-resume-'));
  const configPath = join(dir, 'config.json');
  await writeFile(configPath, JSON.stringify(config));
  const discover = await runFaker(['discover', '--config', configPath]);
  const catalog = discover.messages.find((m) => m.type === 'CATALOG');
  assert.ok(catalog && catalog.type === 'CATALOG');
  const configured = {
    streams: catalog.catalog.streams
      .filter((s) => streams.includes(s.name))
      .map((stream) => ({ stream, sync_mode: 'incremental', destination_sync_mode: 'append' })),
  };
  const catalogPath = join(dir, 'catalog.json');
  await writeFile(catalogPath, JSON.stringify(configured));
  return { dir, configPath, catalogPath };
}

/** Runs `read` from `state`, crashing it (SIGKILL) right after its `killAfter`th record. */
async function readUntil(
  paths: { dir: string; configPath: string; catalogPath: string },
  state: StreamStateEntry[],
  killAfter: number,
): Promise<Run> {
  const args = ['read', '--config', paths.configPath, '--catalog', paths.catalogPath];
  if (state.length > 0) {
    const statePath = join(paths.dir, `state-${Math.random().toString(36).slice(2)}.json`);
    await writeFile(statePath, JSON.stringify(state));
    args.push('--state', statePath);
  }
  const run = await readKilledAfter(FAKER_MAIN, args, killAfter, { typescript: false });
  const keys = run.records.map((record) => {
    const data = record.data as { id: number; updated_at?: string; purchased_at?: string };
    return { stream: record.stream, id: data.id, cursor: (data.updated_at ?? data.purchased_at) as string };
  });
  return { ...run, keys };
}

async function fullSet(paths: { dir: string; configPath: string; catalogPath: string }) {
  const run = await readUntil(paths, [], Number.POSITIVE_INFINITY);
  assert.ok(run.completed, 'an uninterrupted read completes');
  return run;
}

for (const concurrency of [1, 4]) {
  test(`killed at many points and resumed from the last STATE, an incremental read loses nothing (_concurrency ${concurrency})`, {
    timeout: 600_000,
  }, async () => {
    assertBuilt();
    const paths = await files({ ...CONFIG, _concurrency: concurrency }, ['users', 'purchases']);
    const expected = await fullSet(paths);
    const expectedKeys = new Set(expected.keys.map((r) => `${r.stream}:${r.id}`));
    assert.equal(expectedKeys.size, expected.keys.length, 'an uninterrupted read has no duplicates');
    assert.ok(expectedKeys.size > COUNT, 'both streams have records');

    // Kill points: the first record, inside the users slice, around stream boundaries, inside
    // purchase slices (not on a checkpoint), late in the read, and after the last record but
    // before the final STATE.
    for (const killAfter of [1, 137, 1999, 2999, 3001, 3260, 4100, 4999, 5500, 6000]) {
      const seen = new Map<string, number>();
      let state: StreamStateEntry[] = [];
      let allowedDuplicates = 0;
      const killed = await readUntil(paths, state, killAfter);
      assert.ok(!killed.completed, `kill after ${killAfter}: the read was killed before it completed`);
      state = mergeStates(state, killed);
      if (concurrency === 1) {
        // One slice at a time: nothing written before a stream's last STATE may be read again.
        for (const n of killed.uncommitted.values()) allowedDuplicates += n;
      } else {
        // Concurrent slices: a STATE covers the completed prefix of slices, so records of slices
        // still running (written before or after it) may be read again; nothing it covers may.
        const cursors = new Map(state.map((s) => [s.stream.stream_descriptor.name, Object.values(s.stream.stream_state ?? {})[0]]));
        allowedDuplicates = killed.keys.filter((r) => {
          const cursor = cursors.get(r.stream);
          return typeof cursor !== 'string' || Date.parse(r.cursor) > Date.parse(cursor);
        }).length;
      }
      const resumed = await readUntil(paths, state, Number.POSITIVE_INFINITY);
      assert.ok(resumed.completed, `kill after ${killAfter}: the resumed read completes`);
      for (const r of [...killed.keys, ...resumed.keys]) seen.set(`${r.stream}:${r.id}`, (seen.get(`${r.stream}:${r.id}`) ?? 0) + 1);

      const missing = [...expectedKeys].filter((key) => !seen.has(key));
      assert.deepEqual(missing.slice(0, 5), [], `kill after ${killAfter}: ${missing.length} records were never read`);
      const extra = [...seen.keys()].filter((key) => !expectedKeys.has(key));
      assert.deepEqual(extra, [], `kill after ${killAfter}: records outside the data set`);
      // Duplicates are allowed only for records written after their stream's last STATE before
      // the kill: nothing a STATE covered may be read twice.
      const duplicates = [...seen.values()].reduce((sum, n) => sum + n - 1, 0);
      assert.ok(duplicates <= allowedDuplicates, `kill after ${killAfter}: ${duplicates} duplicates, at most ${allowedDuplicates} allowed`);
    }
  });
}

test('a second incremental read from the final state yields only newer records, and picks up changes', { timeout: 120_000 }, async () => {
  assertBuilt();
  const first = await files(CONFIG, ['users', 'purchases']);
  const firstRun = await fullSet(first);
  const finalStates = mergeStates([], firstRun);
  const cursors = new Map(
    finalStates.map((s) => [s.stream.stream_descriptor.name, Object.values(s.stream.stream_state ?? {})[0] as string]),
  );
  assert.ok(cursors.get('users') && cursors.get('purchases'), 'both streams end with a cursor state');

  // Same data, no time passed: nothing new.
  const again = await readUntil(first, finalStates, Number.POSITIVE_INFINITY);
  assert.ok(again.completed);
  assert.deepEqual(again.keys, [], 'nothing changed, so nothing is read');
  assert.equal(mergeStates([], again).length, 2, 'each stream still writes its state');

  // Two days later: new purchases happened, users were created and some changed.
  const later = await files({ ...CONFIG, clock: '2024-01-11T00:00:00Z' }, ['users', 'purchases']);
  const second = await readUntil(later, finalStates, Number.POSITIVE_INFINITY);
  assert.ok(second.completed);
  assert.ok(second.keys.length > 0);
  for (const record of second.keys) {
    assert.ok(
      Date.parse(record.cursor) > Date.parse(cursors.get(record.stream) as string),
      `${record.stream} ${record.id} is not newer than the cursor`,
    );
  }
  const firstUserIds = new Set(firstRun.keys.filter((r) => r.stream === 'users').map((r) => r.id));
  const changedUsers = second.keys.filter((r) => r.stream === 'users' && firstUserIds.has(r.id));
  assert.ok(changedUsers.length > 0, 'users that existed before and changed since are read again');

  // What the second read found is exactly what a full read at the later clock has beyond the first cursor.
  const full = await fullSet(await files({ ...CONFIG, clock: '2024-01-11T00:00:00Z' }, ['users', 'purchases']));
  const expected = full.keys
    .filter((r) => Date.parse(r.cursor) > Date.parse(cursors.get(r.stream) as string))
    .map((r) => `${r.stream}:${r.id}:${r.cursor}`)
    .sort();
  assert.deepEqual(second.keys.map((r) => `${r.stream}:${r.id}:${r.cursor}`).sort(), expected);
});
