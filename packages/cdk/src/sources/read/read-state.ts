import { isMarkerOnlyState } from '../../state/state-markers.js';
import type { StreamCheckpointer } from '../../state/stream-checkpointer.js';
import type { StreamState } from '../../state/stream-state.js';
import { checkpointIntervals } from '../../streams/checkpoint-intervals.js';
import type { Stream } from '../../streams/stream.js';
import type { ReadPlan } from './read-plan.js';

/**
 * The state of one stream's read: where it started, where it is, and the STATE messages that
 * say so. A state held back by the stream's `minCheckpointIntervalMs` is kept until the next
 * checkpoint may go out, or the end.
 */
export class ReadState {
  /** The state the read started from (`{}` for a first sync, or a stream that resumes nothing). */
  readonly start: StreamState;
  /** The state the CDK tracks for a stream without a `state` member of its own. */
  private tracked: StreamState;
  private pending: StreamState | undefined;

  constructor(
    private readonly stream: Stream<object>,
    private readonly plan: ReadPlan,
    inputState: StreamState | undefined,
    readonly checkpointer: StreamCheckpointer,
  ) {
    const resumes = (plan.incremental || plan.resumable) && !isMarkerOnlyState(inputState);
    this.start = resumes ? structuredClone(inputState as StreamState) : {};
    this.tracked = this.start;
  }

  /** Hands the start state to a stream that keeps its own, before it is read. */
  load(): void {
    if (this.plan.keepsState && (this.plan.incremental || this.plan.resumable)) this.stream.state = structuredClone(this.start);
  }

  /** The stream's state now: its own `state` member (slices read one at a time), else what is tracked. */
  current(): StreamState {
    if (this.plan.keepsState && this.plan.maxParallelSlices === 1) return this.stream.state ?? {};
    return this.tracked;
  }

  /** The state is now `state` (a checkpoint the stream declared, or its `sliceState`). */
  track(state: StreamState): void {
    this.tracked = state;
  }

  /** The stream's `getUpdatedState` sees each record written. */
  observe(record: object): void {
    if (this.plan.updater !== undefined) this.tracked = this.plan.updater(this.tracked, record);
  }

  /**
   * Writes a safe state now, or holds it back while the stream's `minCheckpointIntervalMs` has
   * not passed since its previous STATE (the newest held-back state is written at the end).
   */
  checkpoint(state: StreamState, force = false): void {
    const minimumMs = checkpointIntervals(this.stream).minMs;
    if (!force && minimumMs !== undefined && Date.now() - this.checkpointer.lastEmittedAt < minimumMs) {
      this.pending = state;
      return;
    }
    this.pending = undefined;
    this.checkpointer.emit(state);
  }

  /** Writes the state held back, if any: it was safe when computed. */
  flushPending(): void {
    if (this.pending !== undefined) this.checkpoint(this.pending, true);
  }
}
