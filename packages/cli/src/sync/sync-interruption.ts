/**
 * What SIGINT (Ctrl-C) and SIGTERM do to a running sync. The first one stops the connector (a
 * child process group gets SIGTERM, then SIGKILL after a grace period; an in-process connector
 * is aborted), lets the destination keep what came up to each stream's last STATE, and has the
 * sync end `interrupted`, exiting 130 (SIGINT) or 143 (SIGTERM). A second one quits at once:
 * the connector's group is killed and the sync's row stays `running`, which the next sync
 * marks `interrupted`.
 */
import { killRunningGroups, STOP_GRACE_MS } from '../connectors/process-group.js';
import { signalExitCode } from '../exit-codes.js';

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

export class SyncInterruption {
  /** The signal that interrupted the sync, if one did. */
  signal: NodeJS.Signals | undefined;
  private readonly controller = new AbortController();
  private readonly interrupted: Promise<void>;
  private wake: () => void = () => {};

  constructor(
    /** Called once, at the first signal, before the connector is told to stop. */
    private readonly onInterrupt: (signal: NodeJS.Signals) => void,
  ) {
    this.interrupted = new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  /** Stops the connector when aborted. */
  get abortSignal(): AbortSignal {
    return this.controller.signal;
  }

  install(): void {
    for (const signal of SIGNALS) process.on(signal, this.handle);
  }

  uninstall(): void {
    for (const signal of SIGNALS) process.off(signal, this.handle);
  }

  /**
   * Waits for `work` (the connector's read); once interrupted, no longer than twice the grace
   * period: a child process is killed by then, but an in-process connector that ignores its
   * abort signal cannot be, and the sync must still end. Resolves to undefined when it gave up.
   */
  async bounded<T>(work: Promise<T>): Promise<T | undefined> {
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const deadline = this.interrupted.then(
      () =>
        new Promise<undefined>((resolve) => {
          if (!settled) timer = setTimeout(() => resolve(undefined), 2 * STOP_GRACE_MS);
        }),
    );
    try {
      return await Promise.race([work, deadline]);
    } finally {
      settled = true;
      clearTimeout(timer);
    }
  }

  private readonly handle = (signal: NodeJS.Signals): void => {
    if (this.signal !== undefined) {
      killRunningGroups();
      process.exit(signalExitCode(signal));
    }
    this.signal = signal;
    this.onInterrupt(signal);
    this.controller.abort(new Error(`received ${signal}`));
    this.wake();
  };
}
