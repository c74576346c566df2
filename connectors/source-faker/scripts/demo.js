#!/usr/bin/env node
// `npm start`: runs the faker connector end to end through its real command line
// (spec → check → discover → read), writes the read's messages to a file, and prints a summary.
// Usage: node scripts/demo.js [count] [output-file]
import { spawnSync } from 'node:child_process';
import { closeSync, createReadStream, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const main = join(here, '..', 'dist', 'main.js');
const count = Number(process.argv[2] ?? 100_000);
const work = mkdtempSync(join(tmpdir(), 'tributary-demo-'));
const output = process.argv[3] ?? join(work, 'messages.jsonl');

const configPath = join(work, 'config.json');
writeFileSync(configPath, JSON.stringify({ count, seed: 42 }));

function run(args, stdoutFd) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [main, ...args], {
    stdio: ['ignore', stdoutFd ?? 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    console.error(`source-faker ${args[0]} exited with ${result.status}`);
    if (result.stdout) console.error(result.stdout);
    process.exit(1);
  }
  const messages =
    stdoutFd === undefined
      ? result.stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line))
      : [];
  return { messages, seconds };
}

const spec = run(['spec']).messages.find((m) => m.type === 'SPEC');
console.log(`spec      ${Object.keys(spec.spec.connectionSpecification.properties).length} config fields`);
const status = run(['check', '--config', configPath]).messages.find((m) => m.type === 'CONNECTION_STATUS');
console.log(`check     ${status.connectionStatus.status}`);
const catalog = run(['discover', '--config', configPath]).messages.find((m) => m.type === 'CATALOG').catalog;
console.log(`discover  ${catalog.streams.map((s) => s.name).join(', ')}`);

const catalogPath = join(work, 'catalog.json');
const configured = catalog.streams.map((stream) => ({ stream, sync_mode: 'full_refresh', destination_sync_mode: 'overwrite' }));
writeFileSync(catalogPath, JSON.stringify({ streams: configured }));

const fd = openSync(output, 'w');
const { seconds } = run(['read', '--config', configPath, '--catalog', catalogPath], fd);
closeSync(fd);

const perStream = new Map();
let bytes = 0;
let states = 0;
for await (const line of createInterface({ input: createReadStream(output) })) {
  bytes += line.length + 1;
  const message = JSON.parse(line);
  if (message.type === 'RECORD') perStream.set(message.record.stream, (perStream.get(message.record.stream) ?? 0) + 1);
  else if (message.type === 'STATE') states++;
}
const total = [...perStream.values()].reduce((a, b) => a + b, 0);
console.log(`read      ${total.toLocaleString('en')} records, ${states} states, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s`);
for (const [stream, records] of perStream)
  console.log(`          ${stream.padEnd(10)} ${records.toLocaleString('en').padStart(10)} records`);
console.log(`          ${Math.round(total / seconds).toLocaleString('en')} records/s (including process start)`);
console.log(`messages  ${output}`);
