/**
 * Producing EACCES for a child process. A file with mode 000 denies reads to anyone but root,
 * and tests may run as root (CI containers do): then the child runs as `nobody` instead. Only
 * when that is impossible too is a permission test skipped, with the reason.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';

const NOBODY = { uid: 65534, gid: 65534 };

export type Unprivileged = { user?: { uid: number; gid: number }; skip?: undefined } | { skip: string; user?: undefined };

/** How to run a child that a mode-000 file denies: as this process, or as `nobody` when this is root. */
export function unprivilegedChild(): Unprivileged {
  if (process.getuid?.() !== 0) return {};
  const probe = spawnSync(process.execPath, ['-e', ''], { ...NOBODY, stdio: 'ignore' });
  if (probe.status === 0) return { user: NOBODY };
  return { skip: 'the tests run as root, which reads any file, and cannot start a process as another user to see EACCES' };
}

/** Lets another user reach files in the given folders (temp folders are created private). */
export function openToOthers(...folders: string[]): void {
  for (const folder of folders) chmodSync(folder, 0o755);
}
