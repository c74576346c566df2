/** A test read request as the job the worker runs: the state it starts from, the slice a replay reads again. */
import type { Json, JsonObject, ReadRequest, ReadRunView } from '../api/types.js';
import { HttpProblem } from '../server/http-io.js';
import type { ReadJob } from './job.js';
import type { RunStore } from './run-store.js';

const MAX_LIMIT = 1_000_000;

export function readJob(request: ReadRequest, config: JsonObject, runs: RunStore): ReadJob {
  if (request.replay !== undefined) return replayJob(request.replay, config, runs);
  checkLimits(request);
  let state: Json[] | null = null;
  if (request.stateFromRun !== undefined) state = runOf(runs, request.stateFromRun).finalState;
  return { command: 'read', config, stream: request.stream, syncMode: request.syncMode, state, limits: request.limits };
}

/** One slice of an earlier run read again, from the state it started from, up to the page asked for. */
function replayJob(replay: NonNullable<ReadRequest['replay']>, config: JsonObject, runs: RunStore): ReadJob {
  const run = runOf(runs, replay.run);
  const position = run.slices.findIndex((slice) => slice.index === replay.slice);
  if (position < 0) throw new HttpProblem(400, `run ${run.id} has no slice ${replay.slice}`);
  const pages = replay.page ?? run.limits.pages;
  return {
    command: 'read',
    config,
    stream: run.stream,
    syncMode: run.syncMode === 'incremental' ? 'incremental' : 'full_refresh',
    state: stateBefore(run, position),
    limits: { records: run.limits.records, pages, slices: 1 },
    onlySlice: { slice: run.slices[position]!.slice },
  };
}

/** The stream's state when the slice at `position` started: the last one written before it, else the run's input state. */
function stateBefore(run: ReadRunView, position: number): Json[] | null {
  for (let index = position - 1; index >= 0; index--) {
    const last = run.slices[index]!.states.at(-1);
    if (last !== undefined) return [{ type: 'STREAM', stream: { stream_descriptor: { name: run.stream }, stream_state: last } }];
  }
  return run.inputState;
}

function runOf(runs: RunStore, id: string): ReadRunView {
  const run = runs.get(id);
  if (run === undefined) throw new HttpProblem(404, `no run ${id} (only the latest runs are kept)`);
  return run;
}

function checkLimits(request: ReadRequest): void {
  if (typeof request.stream !== 'string' || request.stream === '') throw new HttpProblem(400, 'name the stream to read');
  if (request.syncMode !== 'full_refresh' && request.syncMode !== 'incremental')
    throw new HttpProblem(400, 'syncMode is full_refresh or incremental');
  for (const name of ['records', 'pages', 'slices'] as const) {
    const value = request.limits?.[name];
    if (!Number.isInteger(value) || value < 1 || value > MAX_LIMIT)
      throw new HttpProblem(400, `limits.${name} must be an integer from 1 to ${MAX_LIMIT}`);
  }
}
