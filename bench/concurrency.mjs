#!/usr/bin/env node
// The concurrent-read benchmark (issue 6): an HTTP source with 20 slices whose pages each take
// 50 ms to answer, read through the real CLI with `_concurrency` 1 (sequential), 2, 4, 8 and 16,
// interleaved over several rounds. The loopback server allows 10 requests at once and answers 429
// beyond that, so the runs also show whether concurrency respects the server's rate limit.
// Usage: node bench/concurrency.mjs [--rounds K] [--no-write]
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { benchDir, repoRoot, runDir } from './lib/paths.mjs';
import { median } from './lib/stats.mjs';

const SLICES = 20;
const PAGES = 10;
const RECORDS_PER_PAGE = 100;
const LATENCY_MS = 50;
const SERVER_LIMIT = 10;
const LEVELS = [1, 2, 4, 8, 16];
const TARGET = { level: 8, speedUp: 6 };

const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf('--rounds') + 1]) || 3;
const write = !args.includes('--no-write');
const log = (line) => process.stderr.write(`bench: ${line}\n`);

/** The API: `GET /slices/:slice?pages=P[&page=p]`, 50 ms per page, at most 10 requests at once. */
function startServer() {
  const stats = { inFlight: 0, maxInFlight: 0, rejected: 0, served: 0 };
  const payload = 'x'.repeat(200);
  const server = createServer((request, response) => {
    const url = new URL(request.url, 'http://localhost');
    const slice = Number(url.pathname.split('/')[2]);
    const pages = Number(url.searchParams.get('pages'));
    const page = Number(url.searchParams.get('page') ?? 0);
    if (stats.inFlight >= SERVER_LIMIT) {
      stats.rejected++;
      response.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' });
      response.end('{"error":"rate limited: at most 10 concurrent requests"}');
      return;
    }
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    setTimeout(() => {
      stats.inFlight--;
      stats.served++;
      const records = Array.from({ length: RECORDS_PER_PAGE }, (_, n) => ({ slice, page, n, payload }));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ records, next: page + 1 < pages ? page + 1 : null }));
    }, LATENCY_MS);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, stats, port: server.address().port })));
}

/** One read through the CLI; counts distinct records and times from the first message to the last. */
async function readOnce(port, concurrency) {
  const config = join(runDir, `http-config-${concurrency}.json`);
  const catalog = join(runDir, 'http-catalog.json');
  writeFileSync(config, JSON.stringify({ base_url: `http://127.0.0.1:${port}`, slices: SLICES, pages: PAGES, _concurrency: concurrency }));
  const schema = JSON.parse(readFileSync(join(benchDir, 'http-source', 'schemas', 'items.json'), 'utf8'));
  writeFileSync(
    catalog,
    JSON.stringify({
      streams: [
        {
          stream: { name: 'items', json_schema: schema, supported_sync_modes: ['full_refresh'] },
          sync_mode: 'full_refresh',
          destination_sync_mode: 'overwrite',
        },
      ],
    }),
  );
  const started = performance.now();
  const child = spawn(process.execPath, [join(benchDir, 'http-source', 'main.mjs'), 'read', '--config', config, '--catalog', catalog], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const seen = new Set();
  let first;
  let last;
  let errors = 0;
  let rateLimitedStatuses = 0;
  for await (const line of createInterface({ input: child.stdout })) {
    const now = performance.now();
    first ??= now;
    last = now;
    const message = JSON.parse(line);
    if (message.type === 'RECORD') {
      const { slice, page, n } = message.record.data;
      seen.add(`${slice}/${page}/${n}`);
    } else if (message.type === 'TRACE' && message.trace.type === 'ERROR') errors++;
    else if (message.type === 'TRACE' && message.trace.stream_status?.reasons?.[0]?.type === 'RATE_LIMITED') rateLimitedStatuses++;
  }
  const code = await new Promise((resolve) => child.on('close', resolve));
  const wall = (performance.now() - started) / 1000;
  const expected = SLICES * PAGES * RECORDS_PER_PAGE;
  if (code !== 0 || errors > 0 || seen.size !== expected) {
    throw new Error(`concurrency ${concurrency}: exit ${code}, ${errors} errors, ${seen.size} of ${expected} distinct records`);
  }
  return { wall, read: (last - first) / 1000, records: seen.size, rateLimitedStatuses };
}

async function main() {
  mkdirSync(runDir, { recursive: true });
  const { server, stats, port } = await startServer();
  const results = new Map(LEVELS.map((level) => [level, { runs: [], rejected: 0, maxInFlight: 0 }]));
  try {
    for (let round = 1; round <= rounds; round++) {
      const order = LEVELS.map((_, i) => LEVELS[(i + round - 1) % LEVELS.length]);
      for (const level of order) {
        stats.rejected = 0;
        stats.maxInFlight = 0;
        const run = await readOnce(port, level);
        const entry = results.get(level);
        entry.runs.push(run);
        entry.rejected += stats.rejected;
        entry.maxInFlight = Math.max(entry.maxInFlight, stats.maxInFlight);
        log(
          `round ${round}/${rounds} concurrency ${level}: ${run.read.toFixed(2)} s read, ${run.wall.toFixed(2)} s wall, ${stats.rejected} × 429; verified`,
        );
      }
    }
  } finally {
    server.close();
  }
  const sequential = median(results.get(1).runs.map((r) => r.read));
  const rows = LEVELS.map((level) => {
    const entry = results.get(level);
    const read = median(entry.runs.map((r) => r.read));
    const wall = median(entry.runs.map((r) => r.wall));
    const records = SLICES * PAGES * RECORDS_PER_PAGE;
    return {
      level,
      read,
      wall,
      recordsPerSecond: records / read,
      speedUp: sequential / read,
      rejected: entry.rejected / entry.runs.length,
      maxInFlight: entry.maxInFlight,
    };
  });
  const table = markdownTable(rows);
  process.stdout.write(`\n${table}\n`);
  const target = rows.find((row) => row.level === TARGET.level);
  const met = target.speedUp >= TARGET.speedUp && target.rejected === 0;
  process.stdout.write(
    `target: ≥ ${TARGET.speedUp}× at concurrency ${TARGET.level} with no 429: ${met ? 'met' : 'not met'} (${target.speedUp.toFixed(2)}×)\n`,
  );
  if (write) writeSection(table, met, target, rounds);
}

function markdownTable(rows) {
  const lines = [
    '| `_concurrency` | read s | wall s | records/s | speed-up vs sequential | 429s per run | most requests in flight at the server |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.level} | ${row.read.toFixed(2)} | ${row.wall.toFixed(2)} | ${Math.round(row.recordsPerSecond).toLocaleString('en-US')} | ${row.speedUp.toFixed(2)}× | ${row.rejected.toFixed(1)} | ${row.maxInFlight} |`,
    );
  }
  return lines.join('\n');
}

function writeSection(table, met, target, roundCount) {
  const file = join(repoRoot, 'BENCHMARKS.md');
  const start = '<!-- bench:concurrency:start -->';
  const end = '<!-- bench:concurrency:end -->';
  const body = [
    start,
    `Run of ${new Date().toISOString()}, \`node bench/concurrency.mjs\` (part of \`npm run bench\`), median of ${roundCount} interleaved rounds.`,
    '',
    `${SLICES} slices × ${PAGES} pages × ${RECORDS_PER_PAGE} records, ${LATENCY_MS} ms per page, a loopback server that answers 429 (Retry-After: 1) above ${SERVER_LIMIT} concurrent requests. "read s" runs from the first message to the last (the read itself); "wall s" adds process start-up. Every run's ${(SLICES * PAGES * RECORDS_PER_PAGE).toLocaleString('en-US')} records are checked to be all there, once.`,
    '',
    table,
    '',
    `Target (issue 6): at least ${TARGET.speedUp}× at concurrency ${TARGET.level} without breaking the server's rate limit: **${met ? 'met' : 'not met'}** (${target.speedUp.toFixed(2)}×, ${target.rejected.toFixed(1)} 429s per run). Above the server's limit (16) the shared per-host limiter takes the 429s, pauses and lowers the concurrency for every slice at once.`,
    end,
  ].join('\n');
  let text = readFileSync(file, 'utf8');
  if (text.includes(start)) text = text.slice(0, text.indexOf(start)) + body + text.slice(text.indexOf(end) + end.length);
  else text = `${text.trimEnd()}\n\n## Concurrent reads (issue 6)\n\n${body}\n`;
  writeFileSync(file, text);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
