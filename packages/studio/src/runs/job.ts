/**
 * What the server asks a run worker to do, and what the worker answers. Each command runs in a
 * worker thread of its own (see `job-runner.ts`), so the connector's code is loaded fresh.
 */
import type { CheckView, ConfigProblemView, DiscoverView, Json, JsonObject, ReadLimitsView, ReadRunView, SpecView } from '../api/types.js';

/** What Studio works on: a connector package folder, or a declarative manifest file. */
export type ProjectTarget = { kind: 'connector'; dir: string } | { kind: 'manifest'; file: string };

export interface ReadJob {
  command: 'read';
  config: JsonObject;
  stream: string;
  syncMode: 'full_refresh' | 'incremental';
  state: Json[] | null;
  limits: ReadLimitsView;
  /** Read only the slice equal to this value (a replay). */
  onlySlice?: { slice: Json | null };
}

export type Job =
  | { command: 'spec' }
  | { command: 'validate'; config: JsonObject }
  | { command: 'check'; config: JsonObject }
  | { command: 'discover'; config: JsonObject }
  | ReadJob;

/** A read as the worker gives it back: the run's view without what the server adds, and the whole text of truncated bodies. */
export type ReadOutcome = Omit<ReadRunView, 'id' | 'schema' | 'replay'> & {
  bodies: Record<string, string>;
  /** The stream's schema as discover declared it. */
  declaredSchema: JsonObject | null;
};

export type JobResult =
  | { command: 'spec'; view: SpecView }
  | { command: 'validate'; problems: ConfigProblemView[] }
  | { command: 'check'; view: CheckView }
  | { command: 'discover'; view: DiscoverView }
  | { command: 'read'; outcome: ReadOutcome };

/** Messages from the worker. */
export type WorkerMessage =
  | { type: 'progress'; records: number; requests: number; slices: number }
  | { type: 'result'; result: JobResult }
  | { type: 'failure'; error: { message: string; stackTrace?: string } };

export interface WorkerInput {
  project: ProjectTarget;
  job: Job;
}
