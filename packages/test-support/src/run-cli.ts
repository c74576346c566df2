/**
 * Runs a connector's real command line in a child process and hands back what it printed:
 * the exit code, every stdout line parsed as JSON (a line that is not JSON fails the test, since
 * the protocol allows nothing else on stdout) and stderr. Shared by the CDK's CLI tests and the
 * example connectors' end-to-end tests.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { AirbyteCatalog, AirbyteErrorTrace, AirbyteMessage, AirbyteRecord, ConfiguredAirbyteCatalog } from '@tributary/cdk';

/** The repository root (this file is packages/test-support/src/run-cli.ts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The `tsx` loader as an absolute URL, so TypeScript entrypoints run from any working directory. */
export const TSX_LOADER = import.meta.resolve('tsx');

/** Generous: the shared CI machine is slow and runs other work at the same time. */
export const DEFAULT_TIMEOUT_MS = 120_000;

export interface RunOptions {
  cwd?: string;
  /** Added to (or, with `undefined` values, removed from) the child's environment. */
  env?: Record<string, string | undefined>;
  /** Arguments for node itself, before the script. */
  nodeArgs?: string[];
  timeoutMs?: number;
  /** Run the child as this user (the test must run as root); see `permission-denied.ts`. */
  user?: { uid: number; gid: number };
}

export interface CliRun {
  /** The exit code, or null when the process was killed by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Every stdout line, parsed (the run fails if one is not a JSON message). */
  messages: AirbyteMessage[];
}

/** The environment a connector is started with: the test's own, minus what would change its behaviour. */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The test runner marks its own children; a connector must not think it is a test file.
  delete env.NODE_TEST_CONTEXT;
  delete env.NODE_OPTIONS;
  delete env.LOG_LEVEL;
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/**
 * Starts `node [nodeArgs] <script> <args>` with stdout and stderr piped (or stdout sent to
 * `stdout`, another process's stdin say), for tests that consume the output as a stream.
 */
export function spawnNode(script: string, args: readonly string[], options: RunOptions & { stdout?: Writable } = {}): ChildProcess {
  return spawn(process.execPath, [...(options.nodeArgs ?? []), script, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: childEnv(options.env),
    stdio: ['ignore', options.stdout ?? 'pipe', 'pipe'],
    ...options.user,
  });
}

/** Resolves with how a child process ended; kills it and rejects if that takes longer than `timeoutMs`. */
export function exitOf(
  child: ChildProcess,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`process ${child.pid} did not exit within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal });
    });
  });
}

/** Everything a readable stream yields, as text, once it ends. */
export async function textOf(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs `node [nodeArgs] <script> <args>` to completion. */
export function runNode(script: string, args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const child = spawnNode(script, args, options);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `${script} ${args.join(' ')} did not finish within ${timeoutMs} ms\nstderr:\n${Buffer.concat(err).toString('utf8').slice(-2000)}`,
        ),
      );
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      try {
        resolvePromise({ code, signal, stdout, stderr, messages: parseMessages(stdout, stderr) });
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** Runs a TypeScript entrypoint through the tsx loader, as `node --import tsx <script>` does. */
export function runTs(script: string, args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  return runNode(script, args, { ...options, nodeArgs: ['--import', TSX_LOADER, ...(options.nodeArgs ?? [])] });
}

/** Parses stdout strictly: every line must be a JSON object with a string `type`. */
export function parseMessages(stdout: string, stderr = ''): AirbyteMessage[] {
  const messages: AirbyteMessage[] = [];
  const lines = stdout.split('\n');
  lines.forEach((line, index) => {
    if (line === '' && index === lines.length - 1) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      assert.fail(`stdout line ${index + 1} is not JSON: ${JSON.stringify(line.slice(0, 300))}\nstderr:\n${stderr.slice(-2000)}`);
    }
    assert.ok(
      typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && typeof (parsed as { type?: unknown }).type === 'string',
      `stdout line ${index + 1} is not an Airbyte message: ${line.slice(0, 300)}`,
    );
    messages.push(parsed as AirbyteMessage);
  });
  return messages;
}

// ---- Looking things up in the output ----

export type MessageOfType<T extends AirbyteMessage['type']> = Extract<AirbyteMessage, { type: T }>;

export function messagesOfType<T extends AirbyteMessage['type']>(messages: readonly AirbyteMessage[], type: T): MessageOfType<T>[] {
  return messages.filter((message): message is MessageOfType<T> => message.type === type);
}

export function recordsOf(messages: readonly AirbyteMessage[], stream?: string): AirbyteRecord[] {
  return messages.flatMap((message) =>
    message.type === 'RECORD' && message.record && (stream === undefined || message.record.stream === stream) ? [message.record] : [],
  );
}

/** The data of every record of `stream`, in order. */
export function recordDataOf(messages: readonly AirbyteMessage[], stream: string): Record<string, unknown>[] {
  return recordsOf(messages, stream).map((record) => record.data);
}

/**
 * Every string anywhere in a parsed value, object keys included, so a secret cannot hide in an
 * escaped spelling that only the parsed text shows.
 */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, item]) => [key, ...stringsIn(item)]);
  return [];
}

/** A record without its `emitted_at`, the one field that differs between two identical reads. */
export function withoutEmittedAt(record: AirbyteRecord): Omit<AirbyteRecord, 'emitted_at'> {
  const copy: Partial<AirbyteRecord> = { ...record };
  delete copy.emitted_at;
  return copy as Omit<AirbyteRecord, 'emitted_at'>;
}

export function errorTraces(messages: readonly AirbyteMessage[]): AirbyteErrorTrace[] {
  return messages.flatMap((message) =>
    message.type === 'TRACE' && message.trace?.type === 'ERROR' && message.trace.error ? [message.trace.error] : [],
  );
}

/** The one CATALOG message of a discover run. */
export function catalogOf(run: CliRun): AirbyteCatalog {
  const catalogs = messagesOfType(run.messages, 'CATALOG');
  assert.equal(catalogs.length, 1, `expected one CATALOG message; stderr:\n${run.stderr}`);
  return catalogs[0]!.catalog;
}

/**
 * A compact outline of a read, one entry per message of `stream`: `STARTED`, `RUNNING`,
 * `RECORD`, `STATE`, `COMPLETE`, `INCOMPLETE`, `ERROR`. Consecutive records collapse into
 * one `RECORD×n` entry, so order assertions stay readable.
 */
export function outlineOf(messages: readonly AirbyteMessage[], stream: string): string[] {
  const outline: string[] = [];
  let records = 0;
  const flush = () => {
    if (records > 0) outline.push(`RECORD×${records}`);
    records = 0;
  };
  for (const message of messages) {
    if (message.type === 'RECORD' && message.record?.stream === stream) {
      records++;
      continue;
    }
    let entry: string | undefined;
    if (message.type === 'STATE' && message.state?.stream?.stream_descriptor.name === stream) entry = 'STATE';
    if (message.type === 'TRACE' && message.trace?.stream_status?.stream_descriptor.name === stream)
      entry = message.trace.stream_status.status;
    if (message.type === 'TRACE' && message.trace?.type === 'ERROR' && message.trace.error?.stream_descriptor?.name === stream)
      entry = 'ERROR';
    if (entry !== undefined) {
      flush();
      outline.push(entry);
    }
  }
  flush();
  return outline;
}

/** A configured catalog for streams known by name only (the CDK needs nothing else to read them). */
export function catalogFor(...names: string[]): ConfiguredAirbyteCatalog {
  return {
    streams: names.map((name) => ({
      stream: { name, json_schema: { type: 'object' }, supported_sync_modes: ['full_refresh'] },
      sync_mode: 'full_refresh',
      destination_sync_mode: 'overwrite',
    })),
  };
}

// ---- Assertions shared by many tests ----

const STACK_FRAME = /^\s+at .+/m;

/** Stderr may be empty or carry plain lines, but never a raw stack trace. */
export function assertNoStackTrace(stderr: string): void {
  assert.doesNotMatch(stderr, STACK_FRAME, `stderr holds a stack trace:\n${stderr}`);
}

/**
 * The shape of a failed run: a non-zero exit, a TRACE error of the given failure type whose
 * message matches every pattern, and no stack trace on stderr. Returns that error.
 */
export function assertFailedWith(run: CliRun, failureType: string, ...patterns: RegExp[]): AirbyteErrorTrace {
  assert.notEqual(run.code, 0, `expected a non-zero exit; stdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  assert.equal(run.signal, null);
  const errors = errorTraces(run.messages);
  assert.ok(errors.length > 0, `expected a TRACE error; stdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  const error = errors[errors.length - 1]!;
  assert.equal(error.failure_type, failureType, `failure_type of: ${error.message}`);
  for (const pattern of patterns) assert.match(error.message, pattern);
  assertNoStackTrace(run.stderr);
  return error;
}
