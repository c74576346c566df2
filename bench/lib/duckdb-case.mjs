// Case f (issues 7 and 19): source-faker → DuckDB end to end with the local runner, next to the
// read-only throughput of the same source and to DuckDB's own ingest of the same records, in the
// same session. Records: `--records` in total, half users (incremental, nested address) and half
// purchases (incremental, sliced, concurrent). Each round runs, as child processes, in an order
// rotated by one each round:
// - read only: bench/cases/faker-read-only.mjs, the faker read in-process through invoke() into a
//   sink that only counts (what `tributary sync` reads, without a destination);
// - end to end: `node packages/cli/dist/main.js sync connectors/source-faker --streams
//   users,purchases --to duckdb:<fresh file> --progress none`, then the file is checked: both
//   tables must hold exactly records/2 distinct ids, and the sync must have recorded success;
// - DuckDB's own ingest: duckdb-native.mjs, read_json of the same records written beforehand.
// Every child runs with Node's defaults, as `tributary sync` does (or with --node-options).
// Wall time is spawn to exit (Node start-up, opening DuckDB and the final checkpoint included);
// peak RSS comes from the same preload as the read cases.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { nativeIngestRun, prepareJsonl } from './duckdb-native.mjs';
import { timedRun } from './measure.mjs';
import { benchDir, repoRoot, runDir } from './paths.mjs';
import { median, ratio } from './stats.mjs';
import { kibToMB } from './summarize.mjs';

const TARGET_RECORDS_PER_S = 200_000;
/** Issue 19: the sync at least this fraction of DuckDB's own ingest speed. */
const TARGET_OF_NATIVE = 0.6;
/** Issue 19: the long sync's peak RSS under this, by default. */
const MEMORY_TARGET_MB = 400;
const KINDS = ['readOnly', 'endToEnd', 'native'];
const LABELS = { readOnly: 'faker read only', endToEnd: 'faker → DuckDB', native: "DuckDB's own ingest" };
const cli = join(repoRoot, 'packages', 'cli', 'dist', 'main.js');
const readOnly = join(benchDir, 'cases', 'faker-read-only.mjs');

/** Runs case f for `records` records, `rounds` interleaved rounds (plus one e2e run at `fullRecords` with --full). */
export async function runDuckdbCase(options, log) {
  const users = Math.floor(options.records / 2);
  const nodeOptions = options.nodeOptions ?? '';
  const result = {
    records: 2 * users,
    rounds: options.rounds,
    nodeOptions,
    readOnly: [],
    endToEnd: [],
    native: [],
    memory: null,
    problems: [],
  };
  const jsonl = await prepareJsonl(users);
  const runs = {
    readOnly: () => readOnlyRun(users, nodeOptions),
    endToEnd: () => endToEndRun(users, { nodeOptions }),
    native: async () => {
      const { timed, problem } = await nativeIngestRun(users, jsonl, nodeOptions);
      return numbers(2 * users, timed, problem);
    },
  };
  for (let round = 0; round < options.rounds; round++) {
    for (const kind of [...KINDS.slice(round % 3), ...KINDS.slice(0, round % 3)]) {
      const run = await runs[kind]();
      result[kind].push({ round, ...run });
      const label = LABELS[kind];
      log(
        `round ${round + 1}/${options.rounds} ${label}: ${run.wallS.toFixed(2)} s, ${Math.round(run.recordsPerS).toLocaleString('en-US')} rec/s, ${run.rssMB?.toFixed(1)} MB RSS; ${run.problem ?? 'verified'}`,
      );
      if (run.problem) result.problems.push(`${label}, round ${round + 1}: ${run.problem}`);
    }
  }
  if (options.full) {
    const bigUsers = Math.floor(options.fullRecords / 2);
    result.memory = { records: 2 * bigUsers, ...(await endToEndRun(bigUsers, { sampleRssMs: 200, nodeOptions })) };
    const halves = result.memory.halves;
    log(
      `memory ${result.memory.records.toLocaleString('en-US')} faker → DuckDB: ${result.memory.rssMB?.toFixed(1)} MB RSS (peak in the first half ${halves?.first.toFixed(1)} MB, second half ${halves?.second.toFixed(1)} MB); ${result.memory.problem ?? 'verified'}`,
    );
  }
  result.summary = summarize(result);
  return result;
}

async function readOnlyRun(users, nodeOptions) {
  const timed = await timedRun([readOnly, String(users)], { nodeOptions });
  const problem = timed.code === 0 ? null : `exited ${timed.code ?? timed.signal}: ${errorLine(timed.stderr)}`;
  return numbers(2 * users, timed, problem);
}

async function endToEndRun(users, { sampleRssMs, nodeOptions }) {
  // Named per harness process, so that two benchmark runs on the machine cannot remove each other's file.
  const db = join(runDir, `faker-duckdb-${process.pid}.duckdb`);
  rmSync(db, { force: true });
  rmSync(`${db}.wal`, { force: true });
  const config = join(runDir, `faker-duckdb-${users}.json`);
  writeFileSync(config, `${JSON.stringify({ count: users, seed: 42 })}\n`);
  const args = [cli, 'sync', join(repoRoot, 'connectors', 'source-faker'), '--config', config, '--streams', 'users,purchases'];
  const timed = await timedRun([...args, '--to', `duckdb:${db}`, '--progress', 'none'], { sampleRssMs, nodeOptions });
  let problem = timed.code === 0 ? null : `exited ${timed.code ?? timed.signal}: ${errorLine(timed.stderr)}`;
  if (problem === null) problem = await verify(db, users);
  rmSync(db, { force: true });
  rmSync(`${db}.wal`, { force: true });
  const measured = numbers(2 * users, timed, problem);
  return sampleRssMs === undefined ? measured : { ...measured, halves: peakByHalf(timed.rssSamples, timed.wallMs) };
}

/** The peak RSS (MB) sampled in the first and in the second half of a run's wall time. */
function peakByHalf(samples, wallMs) {
  const peak = (inHalf) => kibToMB(Math.max(0, ...samples.filter(inHalf).map((sample) => sample.kib)));
  return { first: peak((sample) => sample.ms < wallMs / 2), second: peak((sample) => sample.ms >= wallMs / 2) };
}

/** Null when both tables hold exactly `users` distinct ids each and the sync recorded success. */
async function verify(path, users) {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const rows = (
      await connection.runAndReadAll(
        `SELECT (SELECT count(*) FROM users), (SELECT count(DISTINCT id) FROM users), (SELECT count(*) FROM purchases),
           (SELECT count(DISTINCT id) FROM purchases), (SELECT status FROM _tributary_syncs)`,
      )
    ).getRows()[0];
    const [u, uDistinct, p, pDistinct, status] = rows.map((v) => (typeof v === 'bigint' ? Number(v) : v));
    if ([u, uDistinct, p, pDistinct].some((n) => n !== users) || status !== 'succeeded') {
      return `the DuckDB file holds users ${u} (${uDistinct} distinct), purchases ${p} (${pDistinct} distinct), sync ${status}; expected ${users} each`;
    }
    return null;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The line of a child's stderr that says what failed. */
function errorLine(stderr) {
  const lines = stderr.trim().split('\n');
  return lines.find((line) => line.startsWith('error:')) ?? lines.at(-1) ?? '';
}

function numbers(records, timed, problem) {
  const wallS = timed.wallMs / 1000;
  return { wallS, recordsPerS: records / wallS, rssMB: kibToMB(timed.report?.maxRssKiB), cpuS: timed.report?.cpuS ?? null, problem };
}

function summarize(result) {
  const ok = (runs) => runs.filter((run) => run.problem === null);
  const pick = (runs, key) => median(ok(runs).map((run) => run[key]));
  const summary = {};
  for (const kind of KINDS) {
    summary[kind] = {
      recordsPerS: pick(result[kind], 'recordsPerS'),
      wallS: pick(result[kind], 'wallS'),
      rssMB: pick(result[kind], 'rssMB'),
      cpuS: pick(result[kind], 'cpuS'),
      verified: ok(result[kind]).length,
      runs: result[kind].length,
    };
  }
  const e2e = summary.endToEnd.recordsPerS;
  summary.ratio = ratio(e2e, summary.readOnly.recordsPerS);
  summary.pairedRatio = pairedRatio(result, 'readOnly');
  summary.nativeRatio = ratio(e2e, summary.native.recordsPerS);
  summary.pairedNativeRatio = pairedRatio(result, 'native');
  // Records per CPU second (all threads): what a busy machine, where wall time is shared, hides least.
  summary.nativeCpuRatio = ratio(summary.native.cpuS, summary.endToEnd.cpuS);
  summary.meetsTarget = Number.isFinite(e2e) ? e2e >= TARGET_RECORDS_PER_S : null;
  return summary;
}

/** Median over rounds of the end-to-end speed ÷ the speed of `kind` in the same round. */
function pairedRatio(result, kind) {
  const byRound = new Map(result[kind].filter((run) => run.problem === null).map((run) => [run.round, run]));
  return median(
    result.endToEnd
      .filter((run) => run.problem === null && byRound.has(run.round))
      .map((run) => run.recordsPerS / byRound.get(run.round).recordsPerS),
  );
}

const int = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const fixed = (n, digits) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

/** The rows of the case's table and of its targets, for the text and Markdown reports. */
export function duckdbTables(duckdb) {
  const { summary } = duckdb;
  const row = (label, s) => [label, int(s.recordsPerS), fixed(s.wallS, 2), fixed(s.cpuS, 2), fixed(s.rssMB, 1), `${s.verified}/${s.runs}`];
  const cases = {
    header: ['run', 'records/s', 'wall s', 'CPU s', 'peak RSS MB', 'verified runs'],
    rows: [
      row('read only (in-process, counting sink)', summary.readOnly),
      row('end to end: tributary sync → DuckDB', summary.endToEnd),
      row("DuckDB's own ingest: read_json of the same records, CHECKPOINT", summary.native),
    ],
  };
  const targets = {
    header: ['measure', 'value', 'paired rounds', 'target', 'result'],
    rows: [
      [
        'end to end records/s',
        int(summary.endToEnd.recordsPerS),
        '',
        `≥ ${int(TARGET_RECORDS_PER_S)}`,
        summary.meetsTarget === null ? 'n/a' : summary.meetsTarget ? 'met' : 'not met',
      ],
      ['end to end ÷ read only (records/s)', fixed(summary.ratio, 2), fixed(summary.pairedRatio, 2), '', ''],
      [
        "end to end ÷ DuckDB's own ingest (records/s)",
        fixed(summary.nativeRatio, 2),
        fixed(summary.pairedNativeRatio, 2),
        `≥ ${TARGET_OF_NATIVE}`,
        summary.nativeRatio === null ? 'n/a' : summary.nativeRatio >= TARGET_OF_NATIVE ? 'met' : 'not met',
      ],
      ["end to end ÷ DuckDB's own ingest (records per CPU second)", fixed(summary.nativeCpuRatio, 2), '', '', ''],
    ],
  };
  if (duckdb.memory) {
    const growth = duckdb.memory.rssMB / summary.endToEnd.rssMB - 1;
    targets.rows.push([
      `peak RSS end to end: ${int(duckdb.memory.records)} vs ${int(duckdb.records)} records`,
      Number.isFinite(growth) ? `${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%` : '–',
      '',
      '',
      duckdb.memory.problem ?? '',
    ]);
    const halves = duckdb.memory.halves;
    if (halves) {
      const drift = halves.second / halves.first - 1;
      targets.rows.push([
        `peak RSS of the ${int(duckdb.memory.records)}-record sync: second half vs first half`,
        `${halves.second.toFixed(1)} vs ${halves.first.toFixed(1)} MB (${drift >= 0 ? '+' : ''}${(drift * 100).toFixed(1)}%)`,
        '',
        'flat (within ±10%)',
        Math.abs(drift) <= 0.1 ? 'met' : 'not met',
      ]);
      targets.rows.push([
        `peak RSS of the ${int(duckdb.memory.records)}-record sync`,
        `${fixed(duckdb.memory.rssMB, 1)} MB`,
        '',
        `< ${MEMORY_TARGET_MB} MB`,
        duckdb.memory.rssMB < MEMORY_TARGET_MB ? 'met' : 'not met',
      ]);
    }
  }
  return { cases, targets };
}
