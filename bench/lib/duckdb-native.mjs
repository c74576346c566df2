// Case f's yardstick (issue 19): DuckDB ingesting the same faker records itself. The records are
// written once, before the rounds, as JSON lines by the faker (bench/cases/faker-to-jsonl.mjs);
// each timed run is bench/cases/duckdb-native-ingest.mjs into a fresh file: `CREATE TABLE … AS
// SELECT * FROM read_json(…)` for users and purchases, then CHECKPOINT. Afterwards the file must
// hold both tables with exactly `users` rows each.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { timedRun } from './measure.mjs';
import { benchDir, runDir } from './paths.mjs';

const writer = join(benchDir, 'cases', 'faker-to-jsonl.mjs');
const ingest = join(benchDir, 'cases', 'duckdb-native-ingest.mjs');

/** Writes users.jsonl and purchases.jsonl (`users` records each) into a folder; resolves to it. */
export async function prepareJsonl(users) {
  const dir = join(runDir, `faker-jsonl-${users}`);
  mkdirSync(dir, { recursive: true });
  const run = await timedRun([writer, String(users), dir], { report: false });
  if (run.code !== 0) throw new Error(`writing the faker's JSON lines failed (exit ${run.code}): ${run.stderr.trim()}`);
  return dir;
}

/** One timed native ingest of the files in `dir`; `problem` is null when the file checks out. */
export async function nativeIngestRun(users, dir, nodeOptions) {
  const db = join(runDir, `native-duckdb-${process.pid}.duckdb`);
  rmSync(db, { force: true });
  rmSync(`${db}.wal`, { force: true });
  const timed = await timedRun([ingest, db, dir], { nodeOptions });
  let problem = timed.code === 0 ? null : `exited ${timed.code ?? timed.signal}: ${timed.stderr.trim().split('\n').at(-1)}`;
  if (problem === null) problem = await verifyNative(db, users);
  rmSync(db, { force: true });
  rmSync(`${db}.wal`, { force: true });
  return { timed, problem };
}

async function verifyNative(path, users) {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll('SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM purchases)');
    const [u, p] = reader.getRows()[0].map(Number);
    return u === users && p === users ? null : `DuckDB's own ingest holds users ${u}, purchases ${p}; expected ${users} each`;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
