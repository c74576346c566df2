/** Runs the real `tributary` command line (packages/cli/dist/main.js) in a child process, and reads DuckDB files. */
import assert from 'node:assert/strict';
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { TempDir } from '@tributary/test-support/temp-dir';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const cliMain = join(repoRoot, 'packages/cli/dist/main.js');
export const fakerFolder = join(repoRoot, 'connectors/source-faker');
export const fixtureFolder = join(repoRoot, 'packages/cli/test/fixtures/evolving-source');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string>;
  /** Called for each chunk of stderr; return true to send the process `signal` (once). */
  killWhen?: (stderrSoFar: string) => boolean;
  /** What `killWhen` sends; SIGKILL unless given. */
  signal?: NodeJS.Signals;
  /** Run through `bash -c '<prefix>; exec node ...'` (to set `ulimit`s, say). */
  shellPrefix?: string;
  timeoutMs?: number;
  /** Run as this user (and group), to meet permissions as an unprivileged user does. */
  user?: { uid: number; gid: number };
}

/** Plain progress lines every 0.1 s: what `killWhen` watches to stop a sync at a given point. */
export const PLAIN_PROGRESS = ['--progress', 'plain', '--progress-interval', '0.1'];

/**
 * The arguments of `tributary sync` of `connector` (a package folder, or the arguments that name
 * one: `['--command', ...]`) with `config` (JSON-encoded unless it is a string) into `db`, with no
 * progress unless `more` says otherwise (PLAIN_PROGRESS), then `more`.
 */
export function syncArgs(connector: string | readonly string[], config: object | string, db: string, ...more: string[]): string[] {
  const progress = more.includes('--progress') ? [] : ['--progress', 'none'];
  return [
    'sync',
    ...(typeof connector === 'string' ? [connector] : connector),
    '--config',
    typeof config === 'string' ? config : JSON.stringify(config),
    '--to',
    `duckdb:${db}`,
    ...progress,
    ...more,
  ];
}

/** Runs `tributary <args>` from the repository root; never rejects on a non-zero exit. */
export function cli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolveRun, reject) => {
    const env = { ...process.env, CI: '1', ...options.env };
    const spawnOptions: SpawnOptions = { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'], ...options.user };
    const child: ChildProcess =
      options.shellPrefix === undefined
        ? spawn(process.execPath, [cliMain, ...args], spawnOptions)
        : spawn('bash', ['-c', `${options.shellPrefix}; exec "$0" "$@"`, process.execPath, cliMain, ...args], spawnOptions);
    let stdout = '';
    let stderr = '';
    let killed = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tributary ${args.join(' ')} did not finish in time\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 120_000);
    child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
    });
    child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
      if (!killed && options.killWhen?.(stderr)) {
        killed = true;
        child.kill(options.signal ?? 'SIGKILL');
      }
    });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolveRun({ code, signal, stdout, stderr });
    });
  });
}

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const temp = TempDir.createSync(`tributary-cli-${prefix}-`);
  return { dir: temp.path, cleanup: () => temp.removeSync() };
}

/** The files below `dir`, by `/`-separated path relative to it, sorted. */
export function filesBelow(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => {
      const path = `${prefix}${entry.name}`;
      return entry.isDirectory() ? filesBelow(dir, `${path}/`) : [path];
    })
    .sort();
}

/** Runs a query on a DuckDB file (read-only) and returns its rows as JSON-like objects. */
export async function query(path: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The one value of a one-row, one-column query, as a number. */
export async function scalar(path: string, sql: string): Promise<number> {
  const [row] = await query(path, sql);
  return Number(Object.values(row ?? {})[0]);
}

/** The stored state of a stream (its `stream_state`), or undefined when it has none. */
export async function storedStreamState(db: string, stream: string): Promise<unknown> {
  const [row] = await query(db, `SELECT CAST(state AS VARCHAR) AS state FROM _tributary_state WHERE stream_name = '${stream}'`);
  return row === undefined ? undefined : JSON.parse(String(row.state)).stream.stream_state;
}

/** A CLI run as an assertion message shows it: its exit, stdout and stderr. */
export function shown(result: CliResult): string {
  return `exit ${result.code ?? result.signal}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
}

/** Asserts a CLI run exited 0, showing its output otherwise. */
export function expectOk(result: CliResult): void {
  if (result.code !== 0) throw new Error(shown(result));
}

/** Asserts a CLI run failed with exit `code` and `message` on stderr, a message and not a stack trace. */
export function expectExit(result: CliResult, code: number, message: RegExp): void {
  assert.equal(result.code, code, shown(result));
  assert.match(result.stderr, message, shown(result));
  assert.doesNotMatch(result.stderr, /^\s+at .+:\d+:\d+\)?$/m, `a stack trace instead of a message:\n${shown(result)}`);
}

/** Whether a process is alive: it exists and is not a zombie (an orphan nobody reaped is as good as dead). */
export function isAlive(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return false;
  try {
    // The state follows the command name, which is in parentheses and may hold spaces.
    const text = readFileSync(stat, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Polls `condition` until it holds, or gives up after `timeoutMs` and says so with `what`. */
export async function eventually(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`still not true after ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
