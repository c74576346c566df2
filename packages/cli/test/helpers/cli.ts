/** Runs the real `tributary` command line (packages/cli/dist/main.js) in a child process, and reads DuckDB files. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

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
  /** Called for each chunk of stderr; return true to kill the process (SIGKILL). */
  killWhen?: (stderrSoFar: string) => boolean;
  timeoutMs?: number;
}

/** Runs `tributary <args>` from the repository root; never rejects on a non-zero exit. */
export function cli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolveRun, reject) => {
    const child: ChildProcess = spawn(process.execPath, [cliMain, ...args], {
      cwd: repoRoot,
      env: { ...process.env, CI: '1', ...options.env },
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
        child.kill('SIGKILL');
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
  const dir = mkdtempSync(join(tmpdir(), `tributary-cli-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
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
