/**
 * How a `tributary` command ends: 0 when it did what it was asked, 1 when it ran and failed
 * (a connector error, a failed check or build, a commit that failed), 2 when the command line
 * itself is wrong (an unknown option, a missing or malformed value, a connector argument that is
 * not a connector package), and 128 + the signal's number when a signal stopped it (130 for
 * SIGINT, 143 for SIGTERM), as shells report it.
 */
import { constants } from 'node:os';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A mistake in the command line: the command prints its message and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Runs `fn`; what it throws is a mistake in the command line: a UsageError with its message. */
export function asUsageError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The exit code of a process stopped by `signal`. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 15);
}
