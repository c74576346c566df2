/** Runs the real `tributary` command line (packages/cli/dist/main.js) in a child process, and reads DuckDB files. */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { TempDir } from '@tributary/test-support/temp-dir';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const cliMain = join(repoRoot, 'packages/cli/dist/main.js');
export const fakerFolder = join(repoRoot, 'connectors/source-faker');
export const fixtureFolder = join(repoRoot, 'packages/cli/test/fixtures/evolving-source');
/** A connector executable that writes what its config says (see the file): `--command "node <it>"`. */
export const rawConnector = join(repoRoot, 'packages/cli/test/fixtures/raw-connector.mjs');

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
}

/** Runs `tributary <args>` from the repository root; never rejects on a non-zero exit. */
export function cli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolveRun, reject) => {
    const env = { ...process.env, CI: '1', ...options.env };
    const child: ChildProcess =
      options.shellPrefix === undefined
        ? spawn(process.execPath, [cliMain, ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] })
        : spawn('bash', ['-c', `${options.shellPrefix}; exec "$0" "$@"`, process.execPath, cliMain, ...args], {
            cwd: repoRoot,
            env,
            stdio: ['ignore', 'pipe', 'pipe'],
          });
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

/** Asserts a CLI run exited 0, showing its output otherwise. */
export function expectOk(result: CliResult): void {
  if (result.code !== 0) throw new Error(`exit ${result.code ?? result.signal}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
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
