/**
 * Stopping a connector's read with a signal, with stdout a file, a pipe or a pipe read slowly,
 * and checking how it ended. Shared by the CDK's signal tests and the example connectors'.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { assertNoStackTrace, childEnv, errorTraces, exitOf, messagesOfType, parseMessages, REPO_ROOT, textOf } from './run-cli.js';

export type StdoutKind = 'file' | 'pipe' | 'slow pipe';

export interface StopReadOptions {
  /** Node arguments and the script, e.g. `['--import', TSX_LOADER, 'main.ts']`. */
  command: string[];
  /** `read` and its flags. */
  args: string[];
  stdout: StdoutKind;
  signal: NodeJS.Signals;
  /** Where stdout goes when it is a file. */
  outFile: string;
}

export interface StoppedRead {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGTERM: 143, SIGINT: 130 };

/** Starts the read, sends the signal once records are flowing, and returns how it ended (within 10 s of the signal). */
export async function stopRead(options: StopReadOptions): Promise<StoppedRead> {
  const fd = options.stdout === 'file' ? openSync(options.outFile, 'w') : undefined;
  const child = spawn(process.execPath, [...options.command, ...options.args], {
    cwd: REPO_ROOT,
    env: childEnv(),
    stdio: ['ignore', fd ?? 'pipe', 'pipe'],
  });
  if (fd !== undefined) closeSync(fd);
  const stderr = textOf(child.stderr!);
  const collected = fd !== undefined ? undefined : collect(child, options.stdout === 'slow pipe');
  const current = () => (collected === undefined ? readFileSync(options.outFile, 'utf8') : collected.text());
  const head = () => (collected === undefined ? headOfFile(options.outFile) : collected.head());
  while (!head().includes('"type":"RECORD"')) {
    if (child.exitCode !== null) assert.fail(`the read ended before it was stopped:\n${current().slice(-2000)}\n${await stderr}`);
    await sleep(50);
  }
  child.kill(options.signal);
  const ended = await exitOf(child, 10_000);
  await collected?.done;
  return { ...ended, stdout: current(), stderr: await stderr };
}

/** The first bytes of the output: enough to see the first records, at the same cost however much follows. */
const HEAD_BYTES = 64 * 1024;

function headOfFile(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    return buffer.toString('utf8', 0, readSync(fd, buffer, 0, HEAD_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}

/** Reads the child's stdout to its end; `slowly` pauses after every chunk, as a busy consumer does. */
function collect(child: ChildProcess, slowly: boolean): { text: () => string; head: () => string; done: Promise<void> } {
  const chunks: Buffer[] = [];
  const stdout = child.stdout!;
  let head = '';
  stdout.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    if (head.length < HEAD_BYTES) head += chunk.toString('utf8');
    if (slowly) {
      stdout.pause();
      setTimeout(() => stdout.resume(), 20);
    }
  });
  const done = new Promise<void>((resolve, reject) => {
    stdout.once('end', resolve);
    stdout.once('error', reject);
  });
  return { text: () => Buffer.concat(chunks).toString('utf8'), head: () => head, done };
}

/** Whole lines only, records before the end, and an error TRACE naming the signal as the very last line. */
export function assertStoppedCleanly(run: StoppedRead, signal: NodeJS.Signals): void {
  assert.equal(run.signal, null, `killed by ${run.signal} instead of exiting; stderr:\n${run.stderr}`);
  assert.equal(run.code, EXIT_CODES[signal], `exit code; stderr:\n${run.stderr}`);
  assert.ok(run.stdout.endsWith('\n'), `the last line is cut: ${JSON.stringify(run.stdout.slice(-200))}`);
  const messages = parseMessages(run.stdout, run.stderr);
  assert.ok(messagesOfType(messages, 'RECORD').length > 0);
  const last = messages[messages.length - 1]!;
  assert.equal(last.type, 'TRACE', `the last message is ${JSON.stringify(last).slice(0, 300)}`);
  const errors = errorTraces(messages);
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.equal(last.trace?.error, errors[0]);
  assert.match(errors[0]!.message, new RegExp(`stopped by ${signal}`));
  assert.equal(errors[0]!.failure_type, 'transient_error');
  assertNoStackTrace(run.stderr);
}
