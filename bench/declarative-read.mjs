#!/usr/bin/env node
// Case i (issue 16): one paginated declarative stream of 1,000,000 records (pages of 1,000 through
// a cursor, AddFields with a template, a RecordFilter dropping every 10th) read by the real
// `source-declarative-manifest` from a loopback API, next to the same stream written by hand as an
// HttpStream (bench/declarative-read/), interleaved over several rounds.
//
// Each engine first runs once with its stdout piped here: every RECORD must be exactly the one
// expected (record k of the API, filtered, with its added field), in order. The timed runs write to
// /dev/null and must each request every page once and write exactly as many bytes as that run.
// The target is on records/s by wall time, judged on the median of the per-round ratios (the two
// engines run back to back in each round); records per CPU-second of the connector process are
// reported next to it, as they change least on a busy shared machine.
// Usage: node bench/declarative-read.mjs [--records N] [--rounds K] [--no-write]
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CONNECTOR_NODE_OPTIONS } from '@tributary/cdk/runtime';
import { emittedAt, emittedCount, LABEL, PAGE_SIZE, startRecordsApi } from './declarative-read/records-api.mjs';
import { childEnv, closeDevNull, timedRun } from './lib/measure.mjs';
import { benchDir, benchmarksMd, repoRoot, runDir } from './lib/paths.mjs';
import { median } from './lib/stats.mjs';

const TARGET = 0.8;
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const total = option('--records', 1_000_000);
const rounds = option('--rounds', 5);
const write = !args.includes('--no-write');
const log = (line) => process.stderr.write(`bench declarative read: ${line}\n`);

const manifest = join(benchDir, 'declarative-read', 'manifest.yaml');
const ENGINES = [
  {
    key: 'declarative',
    label: 'declarative manifest (source-declarative-manifest)',
    args: (files) => [
      join(repoRoot, 'packages/declarative/bin/source-declarative-manifest.js'),
      ...readArgs(files),
      '--manifest-path',
      manifest,
    ],
  },
  {
    key: 'handWritten',
    label: 'hand-written HttpStream',
    args: (files) => [join(benchDir, 'declarative-read', 'hand-written.mjs'), ...readArgs(files)],
  },
];

function readArgs(files) {
  return ['read', '--config', files.config, '--catalog', files.catalog];
}

function writeInputs(url) {
  mkdirSync(runDir, { recursive: true });
  const config = join(runDir, 'declarative-read-config.json');
  const catalog = join(runDir, 'declarative-read-catalog.json');
  writeFileSync(config, JSON.stringify({ base_url: url, label: LABEL }));
  const stream = { name: 'records', json_schema: { type: 'object' }, supported_sync_modes: ['full_refresh'] };
  writeFileSync(catalog, JSON.stringify({ streams: [{ stream, sync_mode: 'full_refresh', destination_sync_mode: 'overwrite' }] }));
  return { config, catalog };
}

/** One run with stdout piped here: every record checked in order; the bytes written, for the timed runs. */
async function verifiedRun(engine, files) {
  const reportFile = join(runDir, `declarative-read-${engine.key}.json`);
  const child = spawn(process.execPath, engine.args(files), {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: childEnv({}, reportFile, CONNECTOR_NODE_OPTIONS),
  });
  let stderr = '';
  child.stderr.on('data', (text) => {
    stderr += text;
  });
  let id = 0;
  let records = 0;
  for await (const line of createInterface({ input: child.stdout })) {
    if (!line.startsWith('{"type":"RECORD"')) {
      if (line.includes('"type":"TRACE"') && line.includes('"ERROR"')) throw new Error(`${engine.label}: ${line.slice(0, 500)}`);
      continue;
    }
    do id++;
    while (emittedAt(id) === undefined);
    const data = JSON.parse(line).record.data;
    if (JSON.stringify(data) !== JSON.stringify(emittedAt(id)))
      throw new Error(`${engine.label}: record ${records + 1} is ${JSON.stringify(data)}, expected ${JSON.stringify(emittedAt(id))}`);
    records++;
  }
  const code = await new Promise((resolve) => child.once('close', resolve));
  if (code !== 0 || records !== emittedCount(total))
    throw new Error(`${engine.label}: exit ${code}, ${records} of ${emittedCount(total)} records\n${stderr.slice(0, 2000)}`);
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  rmSync(reportFile, { force: true });
  return report.stdoutBytes;
}

async function main() {
  const api = await startRecordsApi(total);
  const pages = Math.ceil(total / PAGE_SIZE);
  try {
    const files = writeInputs(api.url);
    const bytes = {};
    for (const engine of ENGINES) {
      bytes[engine.key] = await verifiedRun(engine, files);
      log(`${engine.label}: ${emittedCount(total).toLocaleString('en-US')} records verified, ${bytes[engine.key]} bytes`);
    }
    const walls = Object.fromEntries(ENGINES.map((engine) => [engine.key, []]));
    const rss = Object.fromEntries(ENGINES.map((engine) => [engine.key, []]));
    const cpu = Object.fromEntries(ENGINES.map((engine) => [engine.key, []]));
    for (let round = 1; round <= rounds; round++) {
      const order = round % 2 ? ENGINES : [...ENGINES].reverse();
      for (const engine of order) {
        api.stats.pages = 0;
        const run = await timedRun(engine.args(files), { nodeOptions: CONNECTOR_NODE_OPTIONS });
        if (run.code !== 0 || api.stats.pages !== pages || run.report?.stdoutBytes !== bytes[engine.key]) {
          throw new Error(
            `${engine.label}, round ${round}: exit ${run.code}, ${api.stats.pages} of ${pages} pages, ${run.report?.stdoutBytes} of ${bytes[engine.key]} bytes\n${run.stderr}`,
          );
        }
        walls[engine.key].push(run.wallMs / 1000);
        rss[engine.key].push(run.report.maxRssKiB / 1024);
        cpu[engine.key].push(run.report.cpuS);
        log(
          `round ${round}/${rounds} ${engine.key}: ${(run.wallMs / 1000).toFixed(2)} s, ${Math.round(emittedCount(total) / (run.wallMs / 1000)).toLocaleString('en-US')} records/s, ${(run.report.cpuS).toFixed(2)} CPU s`,
        );
      }
    }
    return report({ walls, rss, cpu });
  } finally {
    closeDevNull();
    await api.close();
  }
}

function report({ walls, rss, cpu }) {
  const emitted = emittedCount(total);
  const perSecond = (key) => emitted / median(walls[key]);
  const perCpuSecond = (key) => emitted / median(cpu[key]);
  const ratio = perSecond('declarative') / perSecond('handWritten');
  const cpuRatio = perCpuSecond('declarative') / perCpuSecond('handWritten');
  // Each round runs the two engines back to back (alternating which goes first): the ratio within
  // a round cancels the load a shared machine varies between rounds, so the target is judged on
  // the median of the per-round ratios.
  const roundRatio = median(walls.declarative.map((wall, i) => walls.handWritten[i] / wall));
  const roundCpuRatio = median(cpu.declarative.map((seconds, i) => cpu.handWritten[i] / seconds));
  const result = { total, emitted, rounds, walls, rss, cpu, ratio, cpuRatio, roundRatio, roundCpuRatio, met: roundRatio >= TARGET };
  const rows = ENGINES.map(
    (engine) =>
      `| ${engine.label} | ${median(walls[engine.key]).toFixed(2)} | ${Math.round(perSecond(engine.key)).toLocaleString('en-US')} | ${Math.round(
        total / median(walls[engine.key]),
      ).toLocaleString(
        'en-US',
      )} | ${median(cpu[engine.key]).toFixed(2)} | ${Math.round(perCpuSecond(engine.key)).toLocaleString('en-US')} | ${median(rss[engine.key]).toFixed(0)} |`,
  );
  const table = [
    '| engine | wall s | records/s emitted | records/s read | CPU s | records per CPU-second | peak RSS MB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
  const summary = `declarative ÷ hand-written, median of the per-round ratios: ${roundRatio.toFixed(2)}× by wall time, ${roundCpuRatio.toFixed(2)}× by CPU time (ratios of the medians: ${ratio.toFixed(2)}× and ${cpuRatio.toFixed(2)}×); target ≥ ${TARGET}× (per-round wall ratio): ${result.met ? 'met' : 'not met'}`;
  process.stdout.write(`${table}\n\n${summary}\n`);
  if (write) writeSection(result, table, summary);
  return result.met ? 0 : 1;
}

function writeSection(result, table, summary) {
  const start = '<!-- bench:declarative-read:start -->';
  const end = '<!-- bench:declarative-read:end -->';
  const body = [
    start,
    `Run of ${new Date().toISOString()}, \`npm run bench -- --only i\` (\`node bench/declarative-read.mjs\`): ${result.total.toLocaleString('en-US')} records read from the loopback API in pages of ${PAGE_SIZE.toLocaleString('en-US')}, ${result.emitted.toLocaleString('en-US')} emitted after the filter, median of ${result.rounds} interleaved rounds, each engine's stdout to /dev/null.`,
    '',
    table,
    '',
    `${summary}. All wall times (s): declarative ${result.walls.declarative.map((w) => w.toFixed(2)).join(', ')}; hand-written ${result.walls.handWritten.map((w) => w.toFixed(2)).join(', ')}. CPU times (s): declarative ${result.cpu.declarative.map((w) => w.toFixed(2)).join(', ')}; hand-written ${result.cpu.handWritten.map((w) => w.toFixed(2)).join(', ')}.`,
    end,
  ].join('\n');
  let text = readFileSync(benchmarksMd, 'utf8');
  if (text.includes(start)) text = text.slice(0, text.indexOf(start)) + body + text.slice(text.indexOf(end) + end.length);
  else text = `${text.trimEnd()}\n\n## Declarative read: a manifest next to a hand-written stream (issue 16)\n\n${body}\n`;
  writeFileSync(benchmarksMd, text);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  },
);
