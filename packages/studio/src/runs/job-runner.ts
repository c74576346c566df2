/**
 * Runs one job in a worker thread of its own: the connector's code is loaded fresh each time (a
 * rebuilt `dist/` is what runs), a run can be stopped at once (the worker is terminated), and a
 * connector that blocks its event loop does not freeze the page's server. What the connector
 * prints (`console.log`) comes back as output lines, masked by the worker.
 */
import { Worker } from 'node:worker_threads';
import type { Job, JobResult, ProjectTarget, WorkerInput, WorkerMessage } from './job.js';

export interface JobRun {
  result: JobResult;
  /** Lines the connector printed to stdout or stderr, secrets masked. */
  output: string[];
}

export interface JobOptions {
  onProgress?: (counts: { records: number; requests: number; slices: number }) => void;
  signal?: AbortSignal;
}

/** Why a job ended without a result: the worker failed or was stopped. */
export class JobFailure extends Error {
  constructor(
    message: string,
    readonly stackTrace?: string,
    readonly cancelled = false,
  ) {
    super(message);
  }
}

const WORKER = new URL('../worker/run-worker.js', import.meta.url);

export function runJob(project: ProjectTarget, job: Job, options: JobOptions = {}): Promise<JobRun> {
  const input: WorkerInput = { project, job };
  const worker = new Worker(WORKER, { workerData: input, stdout: true, stderr: true });
  const output: string[] = [];
  collectLines(worker.stdout, output);
  collectLines(worker.stderr, output);
  return new Promise<JobRun>((resolve, reject) => {
    let settled = false;
    // The worker is ended first, so the lines it printed are all in before the outcome.
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', stop);
      void worker.terminate().then(() => setImmediate(outcome));
    };
    const stop = () => settle(() => reject(new JobFailure('stopped', undefined, true)));
    if (options.signal?.aborted) stop();
    options.signal?.addEventListener('abort', stop, { once: true });
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') options.onProgress?.(message);
      else if (message.type === 'result') settle(() => resolve({ result: message.result, output }));
      else settle(() => reject(new JobFailure(message.error.message, message.error.stackTrace)));
    });
    worker.on('error', (error) =>
      settle(() => reject(new JobFailure(`the connector failed outside the run: ${error.message}`, error.stack))),
    );
    worker.on('exit', (code) => settle(() => reject(new JobFailure(`the run worker stopped (exit code ${code}) before answering`))));
  });
}

function collectLines(stream: NodeJS.ReadableStream, into: string[]): void {
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    into.push(...lines.filter((line) => line !== ''));
  });
  stream.on('end', () => {
    if (partial !== '') into.push(partial);
  });
}
