// The CDK's AsyncJob: one job on the API's side for one slice. Its timer runs while it is running;
// a job still running when the timer expires reads as timed out (the CDK's rule: the API may still
// say "running", but the job is given up and retried).
import type { StreamSlice } from '../slices/stream-slice.js';
import { type AsyncJobStatus, isTerminal } from './async-job-status.js';

export class AsyncJob {
  private current: AsyncJobStatus = 'running';
  private deadline: number;
  /** Why the job could not even be created, when that is why it failed. */
  failure: Error | null = null;

  constructor(
    readonly id: string,
    readonly slice: StreamSlice,
    private readonly timeoutMs: number,
    private readonly now: () => number,
  ) {
    this.deadline = now() + timeoutMs;
  }

  status(): AsyncJobStatus {
    if (this.current === 'running' && this.now() >= this.deadline) return 'timed_out';
    return this.current;
  }

  /** The status the API reported (a job back to running restarts its timer). */
  updateStatus(status: AsyncJobStatus): void {
    if (this.current !== 'running' && status === 'running') this.deadline = this.now() + this.timeoutMs;
    else if (isTerminal(status)) this.deadline = Number.POSITIVE_INFINITY;
    this.current = status;
  }
}
