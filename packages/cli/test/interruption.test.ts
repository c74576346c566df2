/**
 * A sync that does not end by itself, through the real command line: SIGINT or SIGTERM on the
 * runner while a connector that ignores SIGTERM runs under `/bin/sh -c` with a child of its own;
 * two syncs of one file at once; a sync killed with `kill -9`; a disk that fills up mid-sync.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import {
  cli,
  eventually,
  expectOk,
  fixtureFolder,
  isAlive,
  PLAIN_PROGRESS,
  query,
  scalar,
  shown,
  storedStreamState,
  syncArgs,
  tempDir,
} from './helpers/cli.js';
import { rawConnector, records, STARTED } from './helpers/raw-connector.js';

describe('interruption', () => {
  const { dir, cleanup } = tempDir('interruption');
  after(cleanup);

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    test(`${signal} on the runner stops the connector's whole process group, keeps what came up to the last STATE, exits ${code}`, async () => {
      const db = join(dir, `${signal}.duckdb`);
      const pidFile = join(dir, `${signal}-connector.pid`);
      const childPidFile = join(dir, `${signal}-child.pid`);
      // 23 records, a state after every 5 of them: the last state covers 20. Then the connector
      // hangs, deaf to SIGTERM, with a child process (as deaf) in its process group.
      const config = {
        output: [STARTED, records(1, 20, 5), records(21, 23)],
        hang: true,
        ignore_sigterm: true,
        pid_file: pidFile,
        child_pid_file: childPidFile,
      };
      const result = await cli(syncArgs(rawConnector, config, db, ...PLAIN_PROGRESS), {
        killWhen: (stderr) => /items: 23 records/.test(stderr) && existsSync(childPidFile),
        signal,
      });
      assert.equal(result.code, code, shown(result));
      assert.match(result.stderr, new RegExp(`${signal}: stopping the connector`));
      assert.match(result.stderr, /Interrupted: what was read up to the last state of each stream is committed/);
      assert.match(result.stdout, /Interrupted sync of command/);
      assert.match(result.stdout, /items\s+append_dedup\s+23\s+20\s+\S+\s+incomplete/);
      // Neither the connector (under the shell) nor its child outlives the sync.
      for (const file of [pidFile, childPidFile]) {
        const pid = Number(readFileSync(file, 'utf8'));
        await eventually(() => !isAlive(pid), `process ${pid} (${file}) is gone`);
      }
      assert.deepEqual(await query(db, 'SELECT status, error FROM _tributary_syncs'), [
        { status: 'interrupted', error: `interrupted by ${signal}` },
      ]);
      // Records 21..23 came after the last state: the next sync reads them again, so they are not kept.
      assert.equal(await scalar(db, 'SELECT count(*) FROM items'), 20);
      assert.deepEqual(await storedStreamState(db, 'items'), { id: 20 });
    });
  }

  test('SIGTERM on an in-process sync: interrupted, exit 143, state and records agree', async () => {
    const db = join(dir, 'in-process.duckdb');
    const result = await cli(syncArgs(fixtureFolder, { count: 3000, delay_ms: 20 }, db, ...PLAIN_PROGRESS), {
      env: { TRIBUTARY_COMMIT_INTERVAL_MS: '50' },
      killWhen: (stderr) => /items: [\d,]+ records .* state \{"updated":\d+\}/.test(stderr),
      signal: 'SIGTERM',
    });
    assert.equal(result.code, 143, shown(result));
    const [row] = await query(db, 'SELECT status, error FROM _tributary_syncs');
    assert.deepEqual(row, { status: 'interrupted', error: 'interrupted by SIGTERM' });
    const state = (await storedStreamState(db, 'items')) as { updated: number };
    assert.ok(state.updated > 0 && state.updated < 3000, JSON.stringify(state));
    assert.equal(await scalar(db, 'SELECT count(*) FROM items'), state.updated);
  });

  test('a second sync of the same file cannot start while one runs; the one running is not marked interrupted', async () => {
    const db = join(dir, 'concurrent.duckdb');
    const config = { output: [STARTED, records(1, 3, 3)], hang: true };
    let reading = false;
    let secondDone = false;
    const first = cli(syncArgs(rawConnector, config, db, ...PLAIN_PROGRESS), {
      killWhen: (stderr) => {
        reading ||= /items: 3 records/.test(stderr);
        return secondDone;
      },
      signal: 'SIGTERM',
    });
    await eventually(() => reading, 'the first sync has read its records');
    const second = await cli(syncArgs(rawConnector, config, db));
    secondDone = true;
    assert.equal(second.code, 1, shown(second));
    assert.match(
      second.stderr,
      /cannot open the DuckDB file .*concurrent\.duckdb \(another process, a sync still running\?, has it open\): .*lock/i,
    );
    const firstResult = await first;
    assert.equal(firstResult.code, 143, shown(firstResult));
    assert.doesNotMatch(firstResult.stderr, /marked interrupted/);
    assert.deepEqual(await query(db, 'SELECT sync_id, status FROM _tributary_syncs'), [{ sync_id: '1', status: 'interrupted' }]);
    assert.equal(await scalar(db, 'SELECT count(*) FROM items'), 3);
  });

  test('a full disk: the streams whose commit failed are reported failed, with the reason; the next sync recovers', async () => {
    const db = join(dir, 'full.duckdb');
    // One commit, at the end, once the connector has said every stream is complete.
    const env = { TRIBUTARY_COMMIT_ROWS: '10000000', TRIBUTARY_COMMIT_INTERVAL_MS: '3600000' };
    const sync = (count: number, shellPrefix?: string) =>
      cli(syncArgs(fixtureFolder, { count }, db), {
        env,
        ...(shellPrefix === undefined ? {} : { shellPrefix }),
      });
    expectOk(await sync(10));
    // Files may not grow past 4 MB (bash counts ulimit -f in kB). Node ignores SIGXFSZ, so a
    // write past the limit fails with EFBIG, as a write to a full disk fails with ENOSPC.
    const full = await sync(200_000, 'ulimit -f 4096');
    assert.equal(full.code, 1, shown(full));
    assert.match(full.stdout, /Failed sync of/);
    assert.match(full.stdout, /items\s+append_dedup\s+199,990\s+0\s+\S+ s\s+failed/);
    assert.match(full.stdout, /snapshot\s+overwrite\s+200,000\s+0\s+\S+ s\s+failed/);
    assert.doesNotMatch(full.stdout, /complete/);
    assert.match(full.stdout, /Failed streams:\n {2}items: not committed: DuckDB: .*File too large/);
    assert.match(full.stderr, /error: DuckDB: .*File too large/);

    const recovered = await sync(20_000);
    expectOk(recovered);
    assert.match(recovered.stderr, /sync 2 of this file ended without recording its outcome .*; marked interrupted/);
    assert.equal(await scalar(db, 'SELECT count(*) FROM items'), 20_000);
    assert.equal(await scalar(db, 'SELECT count(DISTINCT id) FROM items'), 20_000);
    assert.deepEqual(await query(db, 'SELECT sync_id, status FROM _tributary_syncs ORDER BY sync_id'), [
      { sync_id: '1', status: 'succeeded' },
      { sync_id: '2', status: 'interrupted' },
      { sync_id: '3', status: 'succeeded' },
    ]);
  });
});
