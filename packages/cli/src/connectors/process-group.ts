/**
 * A connector run as a child process in a process group of its own, so that stopping it stops
 * everything it started: with `--command`, the `/bin/sh -c` wrapper AND the connector under it
 * (signalling the wrapper alone would orphan the connector), and whatever they spawned.
 *
 * Stopping sends SIGTERM to the whole group, then SIGKILL once the grace period has passed. Once
 * the connector has finished, what it left behind in its group is killed. If the runner exits
 * while a group is running (a second Ctrl-C, an error), the group is killed too.
 */
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

/** How long a connector has to stop after SIGTERM before it gets SIGKILL. */
export const STOP_GRACE_MS = 5000;

const running = new Set<ProcessGroup>();
let exitHookInstalled = false;

export class ProcessGroup {
  private stopTimer: NodeJS.Timeout | undefined;
  private done = false;

  private constructor(readonly child: ChildProcessByStdio<null, Readable, Readable>) {}

  /** Starts `file` (a shell command line when `shell`) as the leader of a new process group. */
  static spawn(file: string, args: string[], shell: boolean): ProcessGroup {
    // Windows has no process groups to signal; there `detached` would open a console instead.
    const detached = process.platform !== 'win32';
    const group = new ProcessGroup(spawn(file, args, { shell, detached, stdio: ['ignore', 'pipe', 'pipe'] }));
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.on('exit', killRunningGroups);
    }
    running.add(group);
    group.child.once('exit', () => group.leaderExited());
    group.child.once('close', () => group.finished());
    group.child.once('error', () => group.finished());
    return group;
  }

  /** Asks the group to stop (SIGTERM); SIGKILL follows after STOP_GRACE_MS if it has not. */
  stop(): void {
    if (this.stopTimer !== undefined || this.done) return;
    this.signal('SIGTERM');
    this.stopTimer = setTimeout(() => this.signal('SIGKILL'), STOP_GRACE_MS);
  }

  /** Kills the group now. */
  kill(): void {
    this.signal('SIGKILL');
  }

  /**
   * The group's leader exited. Unasked, it had finished (a shell waits for its command), so what
   * is left in the group is left behind: it goes now, or it would hold the output open. Asked to
   * stop, the leader may be only the shell wrapper: the connector keeps its grace period.
   */
  private leaderExited(): void {
    if (this.stopTimer === undefined) this.signal('SIGKILL');
  }

  /** The output is closed and the leader gone: nothing of the group may outlive it. */
  private finished(): void {
    clearTimeout(this.stopTimer);
    if (!this.done) this.signal('SIGKILL');
    this.done = true;
    running.delete(this);
  }

  private signal(signal: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    try {
      if (process.platform === 'win32') this.child.kill(signal);
      else process.kill(-pid, signal);
    } catch {
      // ESRCH: the group has no process left.
    }
  }
}

/** Kills every connector group still running: the runner is about to exit. */
export function killRunningGroups(): void {
  for (const group of running) group.kill();
}
