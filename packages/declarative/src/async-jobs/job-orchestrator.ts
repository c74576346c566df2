// The CDK's AsyncJobOrchestrator: jobs are created for the slices as long as the job tracker has
// room, running jobs are polled every `pollIntervalMs`, and a slice is handed on once all its jobs
// completed. A failed or timed-out job is created again (timed-out ones aborted first) up to 3
// attempts; a failed one only after `failed_retry_wait_time_in_seconds` when the manifest sets it.
// A job that could not even be created counts as failed (and is retried) unless the error is the
// user's (config_error), which ends the stream. Slices whose jobs never completed end the stream
// with an error once the others have been read.
import { ConnectorError } from '@tributary/cdk';
import { pyRepr } from '../interpolation/values/repr.js';
import type { SendContext } from '../requesters/http-requester.js';
import type { StreamSlice } from '../slices/stream-slice.js';
import { AsyncJob } from './async-job.js';
import type { AsyncJobTiming } from './async-job-timing.js';
import { AsyncPartition } from './async-partition.js';
import type { HttpJobRepository } from './http-job-repository.js';
import type { JobTracker } from './job-tracker.js';
import { SliceQueue } from './slice-queue.js';

export interface OrchestratorParts {
  readonly streamName: string;
  readonly repository: HttpJobRepository;
  readonly tracker: JobTracker;
  readonly timing: AsyncJobTiming;
  /** Milliseconds before a job the API reported failed is created again (0: at once). */
  readonly failedRetryWaitMs: number;
  readonly maxAttempts?: number;
}

export class JobOrchestrator {
  private running: AsyncPartition[] = [];
  private readonly errors: ConnectorError[] = [];
  private readonly failedAt = new Map<AsyncJob, number>();

  constructor(private readonly parts: OrchestratorParts) {}

  /** The slices whose jobs completed, in the order they did. */
  async *completedSlices(slices: AsyncIterable<StreamSlice>, context: SendContext): AsyncGenerator<AsyncPartition> {
    const queue = new SliceQueue(slices);
    try {
      for (;;) {
        await this.startJobs(queue, context);
        if (this.running.length === 0 && (await queue.isEmpty())) break;
        if (this.running.length === 0) throw this.noRoomError();
        await this.parts.repository.updateStatuses(this.runningJobs(), context);
        yield* await this.sortPartitions(context);
        if (this.running.length > 0) await this.parts.timing.wait(this.parts.timing.pollIntervalMs, context.signal);
      }
    } finally {
      // After an error, or when the reader stopped early (a check reads one record): no job is left running.
      await this.abortAll(context);
    }
    if (this.errors.length > 0) throw this.combinedError();
  }

  private async startJobs(queue: SliceQueue, context: SendContext): Promise<void> {
    for (const partition of this.running) {
      for (const job of partition.jobs) {
        if (!this.dueForRetry(job)) continue;
        partition.replace(job, await this.startJob(job.slice, context, job));
      }
    }
    while (this.parts.tracker.hasRoom()) {
      const slice = await queue.next();
      if (slice === undefined) return;
      this.running.push(new AsyncPartition(await this.startJob(slice, context, null), slice, this.parts.maxAttempts));
    }
  }

  private dueForRetry(job: AsyncJob): boolean {
    const status = job.status();
    if (status === 'timed_out') return true;
    if (status !== 'failed') return false;
    const failedAt = this.failedAt.get(job);
    return failedAt === undefined || this.parts.timing.now() >= failedAt + this.parts.failedRetryWaitMs;
  }

  /** Creates the job of `slice` (in place of `previous`); a creation that fails gives a failed job, to be retried. */
  private async startJob(slice: StreamSlice, context: SendContext, previous: AsyncJob | null): Promise<AsyncJob> {
    const { repository, tracker, timing } = this.parts;
    if (previous !== null) tracker.remove(previous.id);
    try {
      const job = await repository.start(slice, context);
      tracker.add(job.id);
      return job;
    } catch (error) {
      const failure = asConnectorError(error);
      if (failure.failureType === 'config_error') throw failure;
      context.logger?.warn(
        `Could not start an async job for stream '${this.parts.streamName}'; it will be retried if attempts remain: ${failure.message}`,
      );
      const job = new AsyncJob(`not started (${pyRepr(slice)})`, slice, Number.POSITIVE_INFINITY, timing.now);
      job.updateStatus('failed');
      job.failure = failure;
      tracker.add(job.id);
      return job;
    }
  }

  private runningJobs(): AsyncJob[] {
    return this.running.flatMap((partition) => partition.jobs.filter((job) => job.status() === 'running'));
  }

  /** Completed partitions handed on, running ones kept, failed ones retried or given up. */
  private async sortPartitions(context: SendContext): Promise<AsyncPartition[]> {
    const completed: AsyncPartition[] = [];
    const stillRunning: AsyncPartition[] = [];
    for (const partition of this.running) {
      const status = partition.status();
      if (status === 'completed') completed.push(partition);
      else if (status === 'running') stillRunning.push(partition);
      else if (partition.hasReachedMaxAttempts()) await this.giveUp(partition, context);
      else if (status === 'ignore') {
        await this.stop(partition, context);
        context.logger?.warn(
          `Stream '${this.parts.streamName}': the async job of slice ${pyRepr(partition.slice)} was skipped by the API (no data)`,
        );
      } else {
        await this.prepareRetry(partition, context);
        stillRunning.unshift(partition);
      }
      for (const job of partition.jobs) if (job.status() === 'completed') this.parts.tracker.remove(job.id);
    }
    this.running = stillRunning;
    return completed;
  }

  private async prepareRetry(partition: AsyncPartition, context: SendContext): Promise<void> {
    for (const job of partition.jobs) {
      const status = job.status();
      if (status === 'timed_out') await this.parts.repository.abort(job, context);
      if (status === 'failed' && job.failure === null && !this.failedAt.has(job)) this.failedAt.set(job, this.parts.timing.now());
    }
  }

  private async giveUp(partition: AsyncPartition, context: SendContext): Promise<void> {
    await this.stop(partition, context);
    const failure = partition.jobs.map((job) => job.failure).find((error) => error !== null);
    const message = `Stream '${this.parts.streamName}': the async job of slice ${pyRepr(partition.slice)} did not complete (${partition.describe()})`;
    this.errors.push(
      failure instanceof ConnectorError
        ? new ConnectorError(`${message}: ${failure.message}`, { failureType: failure.failureType })
        : ConnectorError.config(`${message}. Check the job's report parameters and the API's limits.`),
    );
  }

  /** Aborts the partition's jobs still running on the API's side and frees their places. */
  private async stop(partition: AsyncPartition, context: SendContext): Promise<void> {
    for (const job of partition.jobs) {
      const status = job.status();
      if (status === 'running' || status === 'timed_out') await this.parts.repository.abort(job, context);
      this.parts.tracker.remove(job.id);
    }
  }

  private async abortAll(context: SendContext): Promise<void> {
    for (const partition of this.running) await this.stop(partition, context);
    this.running = [];
  }

  /** Slices wait while no job of this stream runs and every place is taken (by other streams' jobs). */
  private noRoomError(): ConnectorError {
    return new ConnectorError(
      `Stream '${this.parts.streamName}': no async job can start, all ${this.parts.tracker.limit} places (max_concurrent_async_job_count) are taken by jobs of other streams`,
    );
  }

  private combinedError(): ConnectorError {
    const [first] = this.errors;
    const message = this.errors.map((error) => error.message).join('\n');
    return new ConnectorError(message, { failureType: first.failureType });
  }
}

function asConnectorError(error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  return new ConnectorError(error instanceof Error ? error.message : String(error), { cause: error });
}
