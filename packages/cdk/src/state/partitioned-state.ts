import { ConnectorError } from '../errors/connector-error.js';
import { canonicalJson } from '../json/canonical-json.js';
import type { StreamSlice, StreamState } from '../state/stream-state.js';

/** Partitions a per-partition state keeps by default, as in the Python CDK. */
export const DEFAULT_MAX_PARTITIONS = 25_000;

/** One partition's entry in the state: which partition, and how far it was read. */
export interface PartitionEntry {
  partition: StreamSlice;
  cursor: StreamState;
}

/**
 * Limits and ordering of a per-partition state, so it stays bounded without ever resuming past what
 * was read.
 */
export interface PartitionedStateOptions {
  /**
   * The most partitions kept (default 25 000). Beyond it the least recently updated partition
   * is dropped first; a dropped partition is read like a new one (from the global fallback, if
   * any), so dropping never loses data, it only costs re-reading.
   */
  maxPartitions?: number;
  /**
   * Orders two cursors (negative when `a` is earlier). When given, dropping a partition whose
   * cursor is earlier than the global fallback lowers the fallback to it, so the dropped
   * partition still resumes from a point it had reached. Without it, dropping a partition
   * removes the fallback (everything not listed is then read from the start).
   */
  compareCursors?: (a: StreamState, b: StreamState) => number;
  /** Named in error messages about a malformed state. */
  streamName?: string;
}

/**
 * The state of a stream read partition by partition (a sub-stream: one partition per parent
 * record), in the Python CDK's shape:
 *
 * ```json
 * { "states": [{ "partition": { "parent_id": 1 }, "cursor": { "updated_at": "…" } }],
 *   "state": { "updated_at": "…" } }
 * ```
 *
 * - `states` lists partitions from the least to the most recently updated; at most
 *   `maxPartitions` are kept, the oldest dropped first, so the state cannot grow without bound.
 * - `state` is the global fallback: the cursor of every partition that is not listed.
 * - A blob without `states` and `state` (the state of a stream that was not partitioned, say
 *   `{ "updated_at": "…" }`) is read as the global fallback; with `use_global_cursor: true` the
 *   listed partitions are ignored and the global cursor applies to all, as Python does.
 * - Other keys (`lookback_window`, `parent_state`…) are kept as they are.
 */
export class PartitionedState {
  readonly maxPartitions: number;
  /** How many partitions were dropped to stay under `maxPartitions` since this object was created. */
  droppedCount = 0;
  private readonly entries = new Map<string, PartitionEntry>();
  private globalCursor: StreamState | undefined;
  private extra: Record<string, unknown> = {};
  private readonly compare: PartitionedStateOptions['compareCursors'];
  private readonly streamName: string | undefined;

  constructor(options: PartitionedStateOptions = {}) {
    const max = options.maxPartitions ?? DEFAULT_MAX_PARTITIONS;
    if (!Number.isInteger(max) || max < 1) throw new TypeError(`maxPartitions must be a positive integer, got ${String(max)}`);
    this.maxPartitions = max;
    this.compare = options.compareCursors;
    this.streamName = options.streamName;
  }

  /** A per-partition state read from a stream's state blob (undefined or `{}`: nothing read yet). */
  static from(blob: StreamState | undefined, options: PartitionedStateOptions = {}): PartitionedState {
    const state = new PartitionedState(options);
    state.load(blob);
    return state;
  }

  /** Replaces the contents with those of a state blob. */
  load(blob: StreamState | undefined): void {
    this.entries.clear();
    this.globalCursor = undefined;
    this.extra = {};
    if (blob === undefined || blob === null) return;
    if (!isObject(blob)) throw this.problem(`expected an object, got ${describe(blob)}`);
    const { states, state, ...extra } = blob;
    if (states === undefined && state === undefined) {
      if (Object.keys(blob).length > 0) this.globalCursor = structuredClone(blob);
      return;
    }
    // In global mode (Python switches to it past 10 000 partitions) the listed partitions do not
    // count; this state goes on per partition from the global cursor, so the flag is not kept.
    const useGlobal = extra.use_global_cursor === true;
    if (useGlobal) delete extra.use_global_cursor;
    this.extra = structuredClone(extra);
    if (state !== undefined && state !== null) {
      if (!isObject(state)) throw this.problem(`"state" (the global cursor) must be an object, got ${describe(state)}`);
      this.globalCursor = structuredClone(state);
    }
    if (states === undefined || states === null || useGlobal === true) return;
    if (!Array.isArray(states)) throw this.problem(`"states" must be an array, got ${describe(states)}`);
    states.forEach((entry: unknown, index: number) => {
      if (!isObject(entry) || !isObject(entry.partition) || !isObject(entry.cursor)) {
        throw this.problem(`states[${index}] must be an object with a "partition" object and a "cursor" object`);
      }
      this.set(structuredClone(entry.partition), structuredClone(entry.cursor));
    });
  }

  /** How many partitions are listed. */
  get size(): number {
    return this.entries.size;
  }

  /** The global fallback cursor, applied to partitions that are not listed. */
  get global(): StreamState | undefined {
    return this.globalCursor;
  }

  set global(cursor: StreamState | undefined) {
    this.globalCursor = cursor;
  }

  /** The partition's own cursor, if it is listed. */
  get(partition: StreamSlice): StreamState | undefined {
    return this.entries.get(partitionKey(partition))?.cursor;
  }

  /** Where the partition resumes from: its own cursor, else the global fallback, else undefined (from the start). */
  cursorFor(partition: StreamSlice): StreamState | undefined {
    return this.get(partition) ?? this.globalCursor;
  }

  /** Records the partition's cursor; it becomes the most recently updated, and the oldest are dropped beyond the cap. */
  set(partition: StreamSlice, cursor: StreamState): void {
    const key = partitionKey(partition);
    this.entries.delete(key);
    this.entries.set(key, { partition, cursor });
    while (this.entries.size > this.maxPartitions) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [string, PartitionEntry];
      this.entries.delete(oldestKey);
      this.droppedCount++;
      this.lowerGlobalTo(oldest.cursor);
    }
  }

  /** The listed partitions, from the least to the most recently updated. */
  partitions(): PartitionEntry[] {
    return [...this.entries.values()];
  }

  /** The state blob: `{ states, state?, …other keys it was loaded with }`. */
  toState(): StreamState {
    const out: StreamState = { ...this.extra };
    out.states = this.partitions().map(({ partition, cursor }) => ({ partition, cursor }));
    if (this.globalCursor !== undefined) out.state = this.globalCursor;
    return out;
  }

  private lowerGlobalTo(cursor: StreamState): void {
    if (this.globalCursor === undefined) return;
    if (this.compare === undefined || Object.keys(cursor).length === 0) {
      this.globalCursor = undefined;
      return;
    }
    if (this.compare(cursor, this.globalCursor) < 0) this.globalCursor = cursor;
  }

  private problem(detail: string): ConnectorError {
    const whose = this.streamName === undefined ? 'a per-partition state' : `the state of stream '${this.streamName}'`;
    return ConnectorError.config(`The input state is not valid: ${whose}: ${detail}`);
  }
}

/** A partition's identity: its JSON with keys sorted at every level, so key order does not matter. */
export function partitionKey(partition: StreamSlice): string {
  return canonicalJson(partition);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
