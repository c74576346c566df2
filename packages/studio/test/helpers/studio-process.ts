/**
 * Runs `tributary studio` as a user does: the real CLI in a child process, on a free port, without
 * opening a browser; the URL is read from what it prints.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { childEnv, REPO_ROOT } from '@tributary/test-support/run-cli';

export const CLI = join(REPO_ROOT, 'packages/cli/bin/tributary.js');
const START_TIMEOUT_MS = 60_000;

export class StudioProcess {
  private constructor(
    private readonly child: ChildProcess,
    /** The link the CLI printed (with the token). */
    readonly url: string,
    readonly token: string,
    readonly port: number,
    /** Everything printed so far. */
    readonly output: { text: string },
  ) {}

  static async start(target: string, args: readonly string[] = []): Promise<StudioProcess> {
    const child = spawn(process.execPath, [CLI, 'studio', target, '--no-open', ...args], {
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = { text: '' };
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output.text += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output.text += chunk));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`tributary studio printed no URL in time:\n${output.text}`)), START_TIMEOUT_MS);
      const look = () => {
        const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+/.exec(output.text);
        if (match !== null) {
          clearTimeout(timer);
          resolve(match[0]);
        }
      };
      child.stdout!.on('data', look);
      child.on('exit', (code) => reject(new Error(`tributary studio exited (${code}) before printing its URL:\n${output.text}`)));
    });
    const parsed = new URL(url);
    return new StudioProcess(child, url, parsed.searchParams.get('token')!, Number(parsed.port), output);
  }

  /** The server's origin, `http://127.0.0.1:<port>`. */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Calls the API as the page does (the token in its header). */
  async api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.origin}${path}`, {
      method,
      headers: { 'x-studio-token': this.token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    assert.ok(response.ok, `${method} ${path} answered ${response.status}: ${text}`);
    return (response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T;
  }

  /** Stops it as Ctrl-C does; resolves to the exit code. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.kill('SIGINT');
    return exited;
  }
}
