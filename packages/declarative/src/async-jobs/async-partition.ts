// The CDK's AsyncPartition: the jobs of one slice and how many times each was attempted (3 at most,
// the first included). Its status is that of its jobs: completed when all are, else failed, timed
// out, ignored or running, in that order.
import type { StreamSlice } from '../slices/stream-slice.js';
import type { AsyncJob } from './async-job.js';
import type { AsyncJobStatus } from './async-job-status.js';

export const DEFAULT_MAX_JOB_ATTEMPTS = 3;

export class AsyncPartition {
  private readonly attempts = new Map<AsyncJob, number>();

  constructor(
    job: AsyncJob,
    readonly slice: StreamSlice,
    private readonly maxAttempts = DEFAULT_MAX_JOB_ATTEMPTS,
  ) {
    this.attempts.set(job, 1);
  }

  get jobs(): AsyncJob[] {
    return [...this.attempts.keys()];
  }

  hasReachedMaxAttempts(): boolean {
    for (const count of this.attempts.values()) if (count >= this.maxAttempts) return true;
    return false;
  }

  /** Puts `replacement` in the place of `job`, one attempt further. */
  replace(job: AsyncJob, replacement: AsyncJob): void {
    const count = this.attempts.get(job) ?? 0;
    this.attempts.delete(job);
    this.attempts.set(replacement, count + 1);
  }

  status(): AsyncJobStatus {
    const statuses = new Set(this.jobs.map((job) => job.status()));
    if (statuses.size === 1 && statuses.has('completed')) return 'completed';
    for (const status of ['failed', 'timed_out', 'ignore'] as const) if (statuses.has(status)) return status;
    return 'running';
  }

  /** The statuses of its jobs, for an error message. */
  describe(): string {
    return [...this.attempts]
      .map(([job, count]) => `job ${job.id}: ${statusName(job.status())}, attempt ${count} of ${this.maxAttempts}`)
      .join('; ');
  }
}

/** A status as the manifest's status_mapping names it. */
export function statusName(status: AsyncJobStatus): string {
  if (status === 'timed_out') return 'timeout';
  if (status === 'ignore') return 'skipped';
  return status;
}
