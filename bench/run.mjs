#!/usr/bin/env node
// `npm run bench`: runs the benchmark cases of issue 3 interleaved in one session, verifies the
// output of every run, prints a table and writes BENCHMARKS.md, bench/results/latest.json and
// bench/results/throughput.svg. Options: node bench/run.mjs --help.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, USAGE } from './lib/args.mjs';
import { writeBenchmarksMd } from './lib/benchmarks-md.mjs';
import { caseNodeOptions, READ_CASES, START_CASES } from './lib/cases.mjs';
import { runDuckdbCase } from './lib/duckdb-case.mjs';
import { ensureFarosInstalled, FAROS_VERSION } from './lib/faros-install.mjs';
import { describeMachine } from './lib/machine.mjs';
import { closeDevNull, countedRun, timedRun } from './lib/measure.mjs';
import { probeNormalization } from './lib/normalization-probe.mjs';
import { benchmarksMd, repoRoot, resultsDir, runDir } from './lib/paths.mjs';
import { markdownReport, textReport } from './lib/report.mjs';
import { countedNumbers, kibToMB, runNumbers, summarizeRuns, summarizeStarts } from './lib/summarize.mjs';
import { throughputSvg } from './lib/svg-chart.mjs';
import { computeTargets } from './lib/targets.mjs';

const CHART = 'bench/results/throughput.svg';

const log = (line) => process.stderr.write(`bench: ${line}\n`);

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const began = performance.now();
  mkdirSync(runDir, { recursive: true });
  const notes = [];
  const results = {
    generatedAt: new Date().toISOString(),
    command: commandLine(),
    machine: describeMachine(),
    options: { ...options },
    faros: null,
    normalization: null,
    cases: {},
    start: null,
    memory: null,
    duckdb: null,
    targets: [],
    notes,
  };

  const farosOk = await prepareFaros(options, results);
  const uniform = options.nodeOptions !== undefined;
  const selected = READ_CASES.filter((c) => options.only.includes(c.id) && !(uniform && c.sameOptionsOnly));
  for (const c of selected) {
    const nodeOptions = caseNodeOptions(c, options.nodeOptions);
    results.cases[c.key] = {
      id: c.id,
      label: c.label,
      runsWith: c.runsWith,
      nodeOptions,
      status: 'pending',
      reason: null,
      counted: [],
      runs: [],
    };
  }
  if (results.cases.normalized) {
    results.normalization = await probeNormalization(results.cases.normalized.nodeOptions);
    log(`normalisation probe: ${results.normalization.state} (${results.normalization.detail})`);
    if (results.normalization.state !== 'active') {
      results.cases.normalized.label += results.normalization.state === 'inactive' ? ' [no-op]' : ' [probe failed]';
      notes.push(
        `Case (c) sets schemaNormalization = 'default', but the probe found normalisation ${results.normalization.state}: ${results.normalization.detail}. Case (c) then measures the plain path.`,
      );
    }
  }
  await countedPass(selected, farosOk, options, results);
  const active = selected.filter((c) => results.cases[c.key].status === 'ok');
  await rounds(active, options, results);
  if (options.only.includes('e')) results.start = await startUp(options, farosOk, notes);
  if (options.full) results.memory = await memoryRun(options.fullRecords, results);
  if (options.only.includes('f')) results.duckdb = await runDuckdbCase(options, log);

  results.targets = computeTargets(results);
  results.durationS = (performance.now() - began) / 1000;
  process.stdout.write(`\n${textReport(results)}\n`);
  if (options.write) writeOutputs(results);
  closeDevNull();
  const duckdbFailed = results.duckdb !== null && results.duckdb.summary.endToEnd.verified === 0;
  const ownFailure = duckdbFailed || Object.values(results.cases).some((c) => c.status !== 'ok' && c.id !== 'd');
  return ownFailure ? 1 : 0;
}

/** Case d (and faros' spec in case e) need faros-airbyte-cdk in .bench/faros/. */
async function prepareFaros(options, results) {
  if (!options.only.includes('d') && !options.only.includes('e')) return false;
  const outcome = await ensureFarosInstalled(log);
  results.faros = outcome;
  if (!outcome.ok) {
    results.notes.push(`faros-airbyte-cdk ${FAROS_VERSION} is not measured: ${outcome.reason}`);
  } else if (outcome.installed) {
    results.notes.push(
      `This run installed faros-airbyte-cdk ${FAROS_VERSION} into .bench/faros/ first (${(outcome.ms / 1000).toFixed(0)} s, outside every measurement).`,
    );
  }
  return outcome.ok;
}

/**
 * The counted pass, before the rounds: each case once at N records with stdout into a pipe, where
 * the harness counts and checks the records. It fixes each case's exact output size, which every
 * timed run must then match; a case that fails here is reported, not measured.
 */
async function countedPass(selected, farosOk, options, results) {
  for (const c of selected) {
    const entry = results.cases[c.key];
    if (c.key === 'faros' && !farosOk) {
      entry.status = 'failed';
      entry.reason = `not installed: ${results.faros?.reason ?? 'unknown'}`;
      continue;
    }
    const counted = await countedRun(c.args(options.records), {
      env: c.env?.() ?? {},
      expected: options.records,
      nodeOptions: entry.nodeOptions,
    });
    const problem = checkCounted(counted);
    if (problem === null) {
      entry.status = 'ok';
      entry.counted.push(countedNumbers(options.records, counted));
      const { records, bytes } = counted.output;
      log(
        `counted ${c.label}: ${records.toLocaleString('en-US')} records, ${bytes.toLocaleString('en-US')} bytes, ${(counted.wallMs / 1000).toFixed(2)} s into a pipe`,
      );
      continue;
    }
    entry.status = 'failed';
    entry.reason = c.key === 'faros' ? `faros-airbyte-cdk ${FAROS_VERSION} could not run on Node ${process.version}: ${problem}` : problem;
    results.notes.push(`${c.label} failed its counted run and was not measured: ${entry.reason}`);
    log(`${c.label}: FAILED ${entry.reason}`);
  }
}

/**
 * K rounds; each runs every active case once with stdout to /dev/null, in an order rotated by one
 * each round. A run counts when it exits 0 and wrote exactly the counted pass's bytes. With
 * --count-every-round a counted pipe run follows each timed run and is its reference instead.
 */
async function rounds(active, options, results) {
  const n = options.records;
  const prepared = new Map(
    active.map((c) => [c.key, { args: c.args(n), env: c.env?.() ?? {}, nodeOptions: results.cases[c.key].nodeOptions }]),
  );
  for (let round = 0; round < options.rounds; round++) {
    for (const c of rotate(active, round)) {
      const entry = results.cases[c.key];
      const { args, env, nodeOptions } = prepared.get(c.key);
      const timed = await timedRun(args, { env, nodeOptions });
      let expectedBytes = entry.counted[0].bytes;
      let problem = null;
      if (options.countEveryRound) {
        const counted = await countedRun(args, { env, expected: n, nodeOptions });
        problem = checkCounted(counted);
        if (problem === null) entry.counted.push(countedNumbers(n, counted));
        expectedBytes = counted.output.bytes;
      }
      problem ??= checkTimed(timed, expectedBytes, c.byteTolerance);
      const numbers = runNumbers(n, timed, expectedBytes);
      entry.runs.push({ round, verified: problem === null, problem, numbers });
      const speed = `${numbers.wallS.toFixed(2)} s, ${Math.round(numbers.recordsPerS).toLocaleString('en-US')} rec/s, ${numbers.rssMB?.toFixed(1)} MB RSS`;
      log(`round ${round + 1}/${options.rounds} ${c.label}: ${speed}; ${problem ?? 'verified'}`);
    }
  }
  for (const c of active) {
    const entry = results.cases[c.key];
    entry.summary = summarizeRuns(entry.runs, entry.counted);
    const failed = entry.runs.filter((run) => !run.verified);
    if (failed.length > 0) {
      results.notes.push(`${c.label}: ${failed.length} run(s) failed verification and were left out: ${failed[0].problem}`);
    }
    if (entry.summary.verifiedRuns === 0) {
      entry.status = 'failed';
      entry.reason = `no run passed verification: ${failed[0]?.problem}`;
    }
  }
}

/** Case e: one verified run of each start-up command (also its peak RSS), then interleaved timings. */
async function startUp(options, farosOk, notes) {
  const cases = [];
  const rssMB = {};
  for (const s of START_CASES.filter((s) => !s.peer || farosOk)) {
    const env = s.env?.() ?? {};
    const nodeOptions = caseNodeOptions(s, options.nodeOptions);
    const check = await countedRun(s.args(), { env, expected: 0, nodeOptions });
    const specs = check.output.types.SPEC ?? 0;
    const wanted = s.key === 'node' ? check.output.lines === 0 : specs === 1 && check.output.lines === 1;
    if (check.code !== 0 || !check.output.ok || !wanted) {
      notes.push(
        `${s.label} left out of the start-up timing: exit ${check.code}, ${check.output.lines} lines, ${specs} SPEC ${firstLine(check.stderr)}`,
      );
      continue;
    }
    rssMB[s.key] = kibToMB(check.report?.maxRssKiB);
    cases.push({ ...s, env, nodeOptions });
  }
  const walls = Object.fromEntries(cases.map((s) => [s.key, []]));
  for (let i = 0; i < options.specRuns; i++) {
    for (const s of rotate(cases, i)) {
      const run = await timedRun(s.args(), { env: s.env, report: false, nodeOptions: s.nodeOptions });
      if (run.code === 0) walls[s.key].push(run.wallMs);
      else notes.push(`${s.label}: start-up run ${i + 1} exited ${run.code}`);
    }
  }
  const summary = Object.fromEntries(cases.map((s) => [s.key, summarizeStarts(walls[s.key])]));
  const line = cases.map((s) => `${s.label} ${summary[s.key].medianMs?.toFixed(1)} ms`).join(', ');
  log(`start-up medians: ${line}`);
  const nodeOptions = Object.fromEntries(cases.map((s) => [s.key, s.nodeOptions]));
  return {
    order: cases.map((s) => s.key),
    labels: Object.fromEntries(cases.map((s) => [s.key, s.label])),
    nodeOptions,
    walls,
    summary,
    rssMB,
  };
}

/** --full: cases a and b once each at many records (timed, then counted), for peak RSS against the N-record runs. */
async function memoryRun(records, results) {
  const memory = { records, cases: {} };
  for (const c of READ_CASES.filter((c) => ['raw', 'tributary'].includes(c.key) && results.cases[c.key]?.status === 'ok')) {
    const args = c.args(records);
    const { nodeOptions } = results.cases[c.key];
    const timed = await timedRun(args, { nodeOptions });
    const counted = await countedRun(args, { expected: records, nodeOptions });
    const problem = checkCounted(counted) ?? checkTimed(timed, counted.output.bytes);
    const numbers = runNumbers(records, timed, counted.output.bytes);
    memory.cases[c.key] = { ...numbers, pipe: countedNumbers(records, counted), verified: problem === null, reason: problem };
    log(
      `memory ${records.toLocaleString('en-US')} ${c.label}: ${numbers.rssMB?.toFixed(1)} MB RSS, ${numbers.wallS.toFixed(1)} s; ${problem ?? 'verified'}`,
    );
  }
  return memory;
}

/** Null when the pipe run exited 0 with exactly the expected, correct records and no error. */
function checkCounted(counted) {
  if (counted.code !== 0) return `the counted run exited ${counted.code ?? counted.signal} ${firstLine(counted.stderr)}`.trim();
  if (!counted.output.ok) return counted.output.problems.join('; ');
  return null;
}

/**
 * Null when the /dev/null run exited 0 and wrote exactly the bytes of the counted output, or,
 * with `tolerance` (case d), within that many bytes of it: fewer than one record line, so a lost
 * or repeated record still fails.
 */
function checkTimed(timed, expectedBytes, tolerance = 0) {
  if (timed.code !== 0) return `the /dev/null run exited ${timed.code ?? timed.signal} ${firstLine(timed.stderr)}`.trim();
  if (!timed.report) return 'the /dev/null run left no report (the preload did not run)';
  if (Math.abs(timed.report.stdoutBytes - expectedBytes) > tolerance) {
    return `the /dev/null run wrote ${timed.report.stdoutBytes} bytes to stdout, the counted run ${expectedBytes}`;
  }
  return null;
}

function writeOutputs(results) {
  mkdirSync(resultsDir, { recursive: true });
  const hasReadCases = Object.values(results.cases).some((c) => c.status === 'ok');
  if (hasReadCases) writeFileSync(join(resultsDir, 'throughput.svg'), throughputSvg(results));
  writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeBenchmarksMd(markdownReport(results, hasReadCases ? CHART : null));
  // Biome formats Markdown too (tables padded): format the file so `npm run lint` stays green.
  spawnSync(join(repoRoot, 'node_modules', '.bin', 'biome'), ['format', '--write', benchmarksMd], { stdio: 'ignore' });
  log(`wrote BENCHMARKS.md, bench/results/latest.json${hasReadCases ? ` and ${CHART}` : ''}`);
}

/** The items in round-robin order, starting one further each round. */
function rotate(items, by) {
  const k = items.length === 0 ? 0 : by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

/** The line of a child's stderr that names the error (a stack trace starts with a file position). */
function firstLine(text) {
  const lines = (text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.find((line) => /^(?:[A-Z]\w*)?Error\b/.test(line)) ?? lines.find((line) => /error:/i.test(line)) ?? lines[0] ?? '';
}

function commandLine() {
  const args = process.argv.slice(2).join(' ');
  if (process.env.npm_lifecycle_event === 'bench') return `npm run bench${args ? ` -- ${args}` : ''}`;
  return `node bench/run.mjs${args ? ` ${args}` : ''}`;
}

process.exitCode = await main();
