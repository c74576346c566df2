// Running one child process and measuring it. Two modes:
// - timed: stdout is /dev/null (an fd opened once and passed as stdio), wall time from
//   process.hrtime around the child (spawn to exit);
// - counted: stdout is a pipe into a RecordCounter, which counts and checks what came out
//   (wall time from spawn until the output is fully read).
// Both preload report-rss.mjs, which reports the child's peak RSS and its stdout byte count.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { reportPreload, runDir } from './paths.mjs';
import { RecordCounter } from './record-counter.mjs';

const STDERR_KEEP = 4000;
let devNull;
let runNumber = 0;

/** Closes /dev/null when the harness is done. */
export function closeDevNull() {
  if (devNull !== undefined) closeSync(devNull);
  devNull = undefined;
}

/**
 * Runs `node <args>` with stdout to /dev/null. `report: false` skips the preload (start-up
 * timing); `sampleRssMs` also reads the child's RSS from /proc every that many ms (`rssSamples`:
 * `{ ms, kib }` from spawn), to see how memory moves during a run, not only its peak.
 */
export async function timedRun(args, { env = {}, report = true, sampleRssMs, nodeOptions } = {}) {
  devNull ??= openSync('/dev/null', 'w');
  return run(args, { extraEnv: env, report, stdout: devNull, counter: null, sampleRssMs, nodeOptions });
}

/** Runs `node <args>` with stdout piped into a RecordCounter; `expected` is the record count. */
export async function countedRun(args, { env = {}, expected, nodeOptions } = {}) {
  const counter = new RecordCounter();
  const result = await run(args, { extraEnv: env, report: true, stdout: 'pipe', counter, nodeOptions });
  return { ...result, output: counter.finish(expected) };
}

/** `nodeOptions`: the child's Node.js options, as NODE_OPTIONS ('' or undefined: Node's defaults). */
async function run(args, { extraEnv, report, stdout, counter, sampleRssMs, nodeOptions = '' }) {
  const reportFile = report ? join(runDir, `report-${process.pid}-${++runNumber}.json`) : undefined;
  const env = childEnv(extraEnv, reportFile, nodeOptions);
  let stderr = '';
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { stdio: ['ignore', stdout, 'pipe'], env });
  let exited;
  const rssSamples = [];
  const sampler =
    sampleRssMs === undefined
      ? undefined
      : setInterval(() => {
          const kib = currentRssKiB(child.pid);
          if (kib !== undefined) rssSamples.push({ ms: Number(process.hrtime.bigint() - started) / 1e6, kib });
        }, sampleRssMs);
  const exit = new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      exited = process.hrtime.bigint();
      resolve({ code, signal });
    });
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text) => {
    if (stderr.length < STDERR_KEEP) stderr += text.slice(0, STDERR_KEEP - stderr.length);
  });
  if (counter) child.stdout.on('data', (chunk) => counter.push(chunk));
  // 'close' waits for stdout and stderr to be fully read; the wall time stops at 'exit'.
  // A counted run ends when its output is consumed, so its time includes the reader.
  const closed = new Promise((resolve) => child.once('close', resolve));
  const { code, signal } = await exit;
  if (sampler !== undefined) clearInterval(sampler);
  await closed;
  const ended = counter ? process.hrtime.bigint() : exited;
  const wallMs = Number(ended - started) / 1e6;
  return { wallMs, code, signal, stderr, report: reportFile ? readReport(reportFile) : null, rssSamples };
}

/** VmRSS of a live process in KiB, from /proc (undefined once it is gone). */
function currentRssKiB(pid) {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** The environment of a measured child: its Node options (`''`: Node's defaults), and the report preload when `reportFile` is given. */
export function childEnv(extra, reportFile, nodeOptions) {
  const env = { ...process.env, ...extra };
  // Nothing from the caller's environment may change what a connector does or how Node runs.
  for (const key of ['NODE_OPTIONS', 'WORKER_JOB_ID', 'LOG_LEVEL', 'BENCH_REPORT_FILE']) delete env[key];
  const options = [nodeOptions];
  if (reportFile) {
    options.push(`--import=${pathToFileURL(reportPreload).href}`);
    env.BENCH_REPORT_FILE = reportFile;
  }
  const joined = options.filter(Boolean).join(' ');
  if (joined) env.NODE_OPTIONS = joined;
  return env;
}

function readReport(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  } finally {
    rmSync(file, { force: true });
  }
}
