// How long the async-job loop waits: the CDK polls running jobs every 5 seconds and times a job
// out after `polling_job_timeout` minutes (60 by default). Tests give their own clock and wait.
import { setTimeout as sleep } from 'node:timers/promises';

/** How an AsyncRetriever waits: its polling interval, its clock and its sleep (tests pass their own, to run without real waits). */
export interface AsyncJobTiming {
  /** Milliseconds between two rounds of polling. */
  readonly pollIntervalMs: number;
  /** The wall clock, in milliseconds (job timeouts and the wait before retrying a failed job). */
  readonly now: () => number;
  /** Waits `ms` milliseconds (rejects when `signal` aborts). */
  readonly wait: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const DEFAULT_POLL_INTERVAL_MS = 5_000;
export const DEFAULT_JOB_TIMEOUT_MINUTES = 60;

export const SYSTEM_TIMING: AsyncJobTiming = {
  pollIntervalMs: DEFAULT_POLL_INTERVAL_MS,
  now: () => Date.now(),
  wait: async (ms, signal) => {
    await sleep(ms, undefined, signal ? { signal } : undefined);
  },
};
