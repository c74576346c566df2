/** The options of `tributary sync`, and what the ones with a meaning of their own mean. */
import { join } from 'node:path';
import { UsageError } from '../exit-codes.js';
import type { Output } from '../output.js';
import type { ProgressMode } from '../progress/progress-view.js';

/** The options of `tributary sync`, as the command line gives them. */
export interface SyncOptions {
  command?: string;
  image?: string;
  config?: string;
  catalog?: string;
  streams?: string;
  fullRefresh?: boolean;
  to?: string;
  progress?: string;
  progressInterval?: string;
  verbose?: boolean;
}

/** A scheme at the start of `--to` (`duckdb:`, `postgres:`); a drive letter on Windows is not one. */
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

/**
 * `--to duckdb:<path>`, `--to <path>` (a path without a scheme), or `.tributary/<connector>.duckdb`.
 * Any other scheme is refused rather than taken for a file name: `--to postgres:x` is a usage
 * error, and a path with a colon in it is written `duckdb:<path>`.
 */
export function destinationPath(to: string | undefined, connectorName: string): string {
  if (to === undefined) return join('.tributary', `${connectorName}.duckdb`);
  const scheme = SCHEME.exec(to)?.[1];
  const drive = process.platform === 'win32' && /^[A-Za-z]:[\\/]/.test(to);
  if (scheme !== undefined && scheme.toLowerCase() !== 'duckdb' && !drive) {
    throw new UsageError(
      `--to: unknown destination '${scheme}:' in '${to}'; the supported one is duckdb:<path> (or a path without a scheme; write a path with a colon as duckdb:<path>)`,
    );
  }
  const path = scheme !== undefined && !drive ? to.slice(scheme.length + 1) : to;
  if (path === '' || path.startsWith('//')) throw new UsageError(`--to takes duckdb:<path> (or a path), got '${to}'`);
  return path;
}

/** `--progress`: auto is the live view on a terminal (not in CI), plain lines otherwise. */
export function progressMode(requested: string | undefined, stderr: Output['stderr']): ProgressMode {
  if (requested === undefined || requested === 'auto') return stderr.isTTY && !process.env.CI ? 'tty' : 'plain';
  if (requested === 'tty' || requested === 'plain' || requested === 'none') return requested;
  throw new UsageError(`--progress takes auto, tty, plain or none, got '${requested}'`);
}

/** `--progress-interval <seconds>`, in milliseconds, at least 100. */
export function progressIntervalMs(seconds: string | undefined): number {
  return Math.max(100, Number(seconds ?? 10) * 1000);
}
