/**
 * What survives when things go wrong, through the real command line: a connector that fails
 * mid-stream, and a sync process killed mid-run and started again.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import {
  cli,
  expectOk,
  fakerFolder,
  fixtureFolder,
  PLAIN_PROGRESS,
  query,
  scalar,
  storedStreamState,
  syncArgs,
  tempDir,
} from './helpers/cli.js';

/** Commits often, so that a run killed early has committed something. */
const OFTEN = { TRIBUTARY_COMMIT_INTERVAL_MS: '50' };

function fixture(db: string, config: object, ...extra: string[]) {
  return cli(syncArgs(fixtureFolder, config, db, ...extra), { env: OFTEN });
}

/** The cursor of the stored state of items. */
async function itemsCursor(db: string): Promise<number | undefined> {
  return ((await storedStreamState(db, 'items')) as { updated: number } | undefined)?.updated;
}

describe('failures', () => {
  const { dir, cleanup } = tempDir('failures');
  after(cleanup);

  test('a connector failing mid-stream: the error is shown, committed data and state are kept, exit code 1', async () => {
    const db = join(dir, 'failing.duckdb');
    expectOk(await fixture(db, { count: 50 }));
    const failed = await fixture(db, { count: 200, fail_after: 60, fail_stream: 'snapshot', snapshot_tag: 'second' });
    assert.equal(failed.code, 1, failed.stderr);
    assert.match(failed.stderr, /error: the upstream API went away \(failure type: transient_error, stream items\)/);
    assert.match(failed.stderr, /error: the snapshot endpoint failed \(failure type: system_error, stream snapshot\)/);
    assert.match(failed.stderr, /Kept what was committed/);
    assert.match(failed.stdout, /Failed sync of/);
    assert.match(failed.stdout, /items\s+append_dedup\s+60\s+60\s+\S+ s\s+incomplete/);

    // The overwrite stream that failed keeps its previous table; its staging table is not swapped in.
    assert.equal(await scalar(db, 'SELECT count(*) FROM snapshot'), 50);
    assert.equal(await scalar(db, `SELECT count(*) FROM snapshot WHERE tag = 'first'`), 50);
    // The dedup stream keeps what was read before the failure, and the state that goes with it.
    assert.equal(await itemsCursor(db), 110);
    assert.equal(await scalar(db, 'SELECT count(*) FROM items'), 110);
    const [sync] = await query(db, 'SELECT status, error FROM _tributary_syncs WHERE sync_id = 2');
    assert.equal(sync?.status, 'failed');
    assert.match(String(sync?.error), /upstream API went away \(transient_error\)/);

    // The next sync resumes from the committed state and completes.
    const resumed = await fixture(db, { count: 200, snapshot_tag: 'third' });
    expectOk(resumed);
    assert.match(resumed.stdout, /items\s+append_dedup\s+90\s/);
    assert.equal(await scalar(db, 'SELECT count(*) FROM items'), 200);
    assert.equal(await scalar(db, 'SELECT count(DISTINCT id) FROM items'), 200);
    assert.equal(await scalar(db, `SELECT count(*) FROM snapshot WHERE tag = 'third'`), 200);
  });

  test('a sync killed mid-run and run again loses nothing and duplicates nothing (dedup)', async () => {
    const db = join(dir, 'killed.duckdb');
    const config = { count: 3000, delay_ms: 15 };
    const killed = await cli(syncArgs(fixtureFolder, config, db, ...PLAIN_PROGRESS), {
      env: OFTEN,
      // Killed once a state of items is committed (rows alone may be committed before any state).
      killWhen: (stderr) => /items: [\d,]+ records .* state \{"updated":\d+\}/.test(stderr),
    });
    assert.equal(killed.signal, 'SIGKILL', `the sync ended before it could be killed:\n${killed.stdout}\n${killed.stderr}`);
    const committed = await itemsCursor(db);
    assert.ok(committed !== undefined && committed > 0 && committed < 3000, `committed state ${committed}`);
    // Nothing committed is lost: every item up to the committed cursor is there, once.
    assert.equal(await scalar(db, `SELECT count(DISTINCT id) FROM items WHERE id <= ${committed}`), committed);
    assert.equal(await scalar(db, 'SELECT count(*) - count(DISTINCT id) FROM items'), 0);
    const [interrupted] = await query(db, 'SELECT status FROM _tributary_syncs');
    assert.equal(interrupted?.status, 'running', 'a killed sync never recorded an end');

    const rerun = await fixture(db, { count: 3000 });
    expectOk(rerun);
    // The rerun finds the killed sync still `running` (it holds the file's lock, so none can be) and marks it.
    assert.match(rerun.stderr, /warn: sync 1 of this file ended without recording its outcome .*; marked interrupted/);
    const syncs = await query(db, 'SELECT sync_id, status, error FROM _tributary_syncs ORDER BY sync_id');
    assert.deepEqual(
      syncs.map((row) => [row.sync_id, row.status]),
      [
        ['1', 'interrupted'],
        ['2', 'succeeded'],
      ],
    );
    assert.match(String(syncs[0]?.error), /ended without recording its outcome .*found by sync 2/);
    assert.equal(await scalar(db, 'SELECT count(*) FROM items'), 3000);
    assert.equal(await scalar(db, 'SELECT count(DISTINCT id) FROM items'), 3000);
    assert.equal(await itemsCursor(db), 3000);
  });

  test('the faker killed mid-run: the rerun completes every stream without duplicates', async () => {
    const db = join(dir, 'faker-killed.duckdb');
    const config = { count: 100_000, seed: 3 };
    const killed = await cli(syncArgs(fakerFolder, config, db, ...PLAIN_PROGRESS), {
      env: { TRIBUTARY_COMMIT_ROWS: '20000', TRIBUTARY_COMMIT_INTERVAL_MS: '100' },
      killWhen: (stderr) => /purchases: .*, [1-9][\d,]* committed/.test(stderr),
    });
    assert.equal(killed.signal, 'SIGKILL', `the sync ended before it could be killed:\n${killed.stdout}\n${killed.stderr}`);
    expectOk(await cli(syncArgs(fakerFolder, config, db)));
    for (const table of ['users', 'purchases']) {
      assert.equal(await scalar(db, `SELECT count(*) FROM ${table}`), 100_000, table);
      assert.equal(await scalar(db, `SELECT count(DISTINCT id) FROM ${table}`), 100_000, table);
    }
    assert.equal(await scalar(db, 'SELECT count(*) FROM products'), 10_000);
  });
});
