/**
 * The entry of a run worker (a worker thread): loads the project fresh (a rebuilt `dist/` is what
 * runs), carries out one command and posts the result. Stack traces get TypeScript locations
 * from the connector's source maps.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Job, JobResult, WorkerInput, WorkerMessage } from '../runs/job.js';
import { type ConnectorKit, loadKit } from './connector-kit.js';
import { runCheck, runDiscover, runReadJob, runSpec, runValidate } from './jobs.js';

process.setSourceMapsEnabled(true);

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

function run(kit: ConnectorKit, job: Job): Promise<JobResult> {
  switch (job.command) {
    case 'spec':
      return runSpec(kit);
    case 'validate':
      return runValidate(kit, job.config);
    case 'check':
      return runCheck(kit, job.config);
    case 'discover':
      return runDiscover(kit, job.config);
    case 'read':
      return runReadJob(kit, job, (counts) => post({ type: 'progress', ...counts }));
  }
}

const input = workerData as WorkerInput;
let kit: ConnectorKit | undefined;
try {
  kit = await loadKit(input.project);
  kit.runtime.maskStream(process.stdout, kit.runtime.secretMasker);
  kit.runtime.maskStream(process.stderr, kit.runtime.secretMasker);
  post({ type: 'result', result: await run(kit, input.job) });
} catch (error) {
  const mask = (text: string) => kit?.runtime.secretMasker.mask(text) ?? text;
  const message = mask(error instanceof Error ? error.message : String(error));
  const stackTrace = error instanceof Error && error.stack !== undefined ? mask(error.stack) : undefined;
  post({ type: 'failure', error: stackTrace === undefined ? { message } : { message, stackTrace } });
}
