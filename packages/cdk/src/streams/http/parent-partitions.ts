import { type CursorValue, compareCursorValues, MaxCursor } from '../../state/max-cursor.js';
import { PartitionedState } from '../../state/partitioned-state.js';
import { FULL_REFRESH_COMPLETE_KEY } from '../../state/state-markers.js';
import type { StreamSlice, StreamState } from '../../state/stream-state.js';
import { normalizeCursorField } from '../primary-key.js';
import type { ReadOptions, SliceOptions } from '../read-options.js';
import type { Stream } from '../stream.js';
import { readParent } from './read-parent.js';
import { RecordCache } from './record-cache.js';
import { NEXT_PAGE_TOKEN_KEY, type SliceProgress, savedPageToken } from './slice-progress.js';

/** What `ParentPartitions` needs of the stream it reads for (an `HttpStream` with a parent). */
export interface ChildStream {
  readonly name: string;
  readonly parent: Stream<unknown>;
  readonly cursorField?: string | string[];
  readonly maxPartitions?: number;
  readonly parentCacheMemoryBytes?: number;
  readonly incrementalDependency?: boolean;
  readonly supportsResumableFullRefresh?: boolean;
  /** @deprecated name of `minCheckpointIntervalMs`, which a subclass may still set. */
  readonly checkpointIntervalMs?: number;
  partition(parent: never): StreamSlice;
  parentOf(options: { slice?: StreamSlice }): unknown;
}

/**
 * The state and slices of a stream read once per record of its parent: the parent read (once,
 * to its end, into a cache), one slice `{ parent: record }` per record, and the per-partition
 * state in the Python CDK's shape (`PartitionedState`), with the parent's own state kept beside
 * it under `incrementalDependency`. One instance per stream, reset at the start of each read.
 */
export class ParentPartitions {
  /** The state being built by the current read. */
  private partitions: PartitionedState | undefined;
  /**
   * The state the read started from, for lookups: a partition the cap drops from the state
   * being built still resumes from its input cursor when its turn comes in this read.
   */
  private input: PartitionedState | undefined;
  /** Incremental dependency: the parent's state this read started from, and the one after reading the parent. */
  private parentInput: StreamState | undefined;
  private parentNext: StreamState | undefined;
  /** Incremental dependency: partitions this read has (-1 until the parent is read) and has completed. */
  private partitionsTotal = -1;
  private partitionsDone = 0;

  constructor(private readonly child: ChildStream) {}

  /** One slice per parent record: `{ parent: record }`. The parent is read once, to its end, and cached. */
  async *slices(options: SliceOptions): AsyncGenerator<StreamSlice> {
    const incremental = options.syncMode === 'incremental';
    const fresh = !incremental && this.child.supportsResumableFullRefresh !== true;
    this.reset(fresh ? undefined : options.state, incremental ? options.cursorField : undefined);
    const { name, parent } = this.child;
    const cache = new RecordCache(this.child.parentCacheMemoryBytes);
    try {
      if (incremental && this.child.incrementalDependency === true) {
        const since = this.parentInput === undefined ? '' : ` since its state ${JSON.stringify(this.parentInput)}`;
        options.logger.info(`Stream '${name}': reading its parent stream '${parent.name}' incrementally${since}`);
        this.parentNext = await readParent(parent, cache, options, { state: this.parentInput, childName: name });
        this.partitionsTotal = cache.count;
      } else {
        options.logger.info(`Stream '${name}': reading its parent stream '${parent.name}'`);
        await readParent(parent, cache, options);
      }
      const spilled = cache.spilled ? ', cached in a temporary file' : '';
      options.logger.info(`Stream '${name}': ${cache.count} parent record${cache.count === 1 ? '' : 's'} of '${parent.name}'${spilled}`);
      for await (const record of cache.records()) yield { parent: record };
    } finally {
      await cache.dispose();
    }
  }

  /**
   * The per-partition state. With `incrementalDependency`, also the parent's state: the one
   * the read started from until every partition of the parents read in this sync is complete,
   * then the parent's new state (an interrupted read reads the same parents again next time).
   */
  get state(): StreamState {
    const partitions = this.partitions?.toState() ?? {};
    const complete = this.partitionsTotal >= 0 && this.partitionsDone >= this.partitionsTotal;
    const parentState = complete ? this.parentNext : this.parentInput;
    if (parentState === undefined) return partitions;
    const kept = typeof partitions.parent_state === 'object' && partitions.parent_state !== null ? partitions.parent_state : {};
    return { ...partitions, parent_state: { ...kept, [this.child.parent.name]: parentState } };
  }

  /**
   * Every STATE lists all the partitions, so with many partitions a STATE after each one would
   * grow the output with the square of their number: past 500 partitions, write one at most
   * every 5 s (which still keeps the platform's heartbeat alive).
   */
  get minCheckpointIntervalMs(): number | undefined {
    return this.child.checkpointIntervalMs ?? ((this.partitions?.size ?? 0) > 500 ? 5_000 : undefined);
  }

  /** How the slice of one parent record starts and reports progress: its cursor, or its page token and completion. */
  progress<T>(options: ReadOptions): SliceProgress<T> {
    if (this.partitions === undefined || this.input === undefined) this.reset(undefined, undefined);
    const partition = this.child.partition(this.child.parentOf(options) as never);
    if (options.syncMode === 'incremental') return this.cursorProgress(partition, options);
    return this.pageProgress<T>(partition, options);
  }

  /** Starts over from a state blob (undefined: nothing read yet), comparing cursors at `cursorField`. */
  reset(blob: StreamState | undefined, cursorField: string[] | undefined): void {
    const key = cursorField?.join('.');
    const options = {
      maxPartitions: this.child.maxPartitions,
      streamName: this.child.name,
      compareCursors: key === undefined ? undefined : (a: StreamState, b: StreamState) => compareOptional(a[key], b[key]),
    };
    this.partitions = PartitionedState.from(blob, options);
    this.input = PartitionedState.from(blob, options);
    const parentStates = blob?.parent_state;
    const own =
      typeof parentStates === 'object' && parentStates !== null
        ? (parentStates as Record<string, unknown>)[this.child.parent.name]
        : undefined;
    this.parentInput = typeof own === 'object' && own !== null && !Array.isArray(own) ? structuredClone(own as StreamState) : undefined;
    this.parentNext = undefined;
    this.partitionsTotal = -1;
    this.partitionsDone = 0;
  }

  /** Incremental: the partition's own cursor (or the global one), the greatest value seen kept when the slice completes. */
  private cursorProgress<T>(partition: StreamSlice, options: ReadOptions): SliceProgress<T> {
    const partitions = this.partitions as PartitionedState;
    const field = options.cursorField ?? normalizeCursorField(this.child.cursorField);
    const start = partitions.get(partition) ?? (this.input as PartitionedState).cursorFor(partition) ?? {};
    const finished = (state: StreamState) => {
      partitions.set(partition, state);
      this.partitionsDone++;
    };
    if (field.length === 0) return { state: start, sliceDone: () => finished(start) };
    const cursor = new MaxCursor(field);
    cursor.state = start;
    return { state: start, observe: (record) => cursor.observe(record as object), sliceDone: () => finished(cursor.state) };
  }

  /** Full refresh: completed partitions are skipped; the current one resumes from its page token when it may. */
  private pageProgress<T>(partition: StreamSlice, options: ReadOptions): SliceProgress<T> {
    const partitions = this.partitions as PartitionedState;
    const done = () => partitions.set(partition, { [FULL_REFRESH_COMPLETE_KEY]: true });
    if (this.child.supportsResumableFullRefresh !== true) return { state: {}, sliceDone: done };
    const own = partitions.get(partition) ?? (this.input as PartitionedState).get(partition);
    if (own?.[FULL_REFRESH_COMPLETE_KEY] === true) {
      options.logger.debug(`Stream '${this.child.name}': partition ${JSON.stringify(partition)} was read completely before; skipping it`);
      return { skip: true };
    }
    const checkpoint = options.checkpoint;
    const startToken = savedPageToken<T>(own);
    return {
      state: startToken === undefined ? {} : (own as StreamState),
      startToken,
      pageDone: (next) => {
        // Without a token that can be saved, the partition starts again from its first page.
        partitions.set(partition, next === undefined ? {} : { [NEXT_PAGE_TOKEN_KEY]: next });
        checkpoint?.(partitions.toState());
      },
      sliceDone: done,
    };
  }
}

/** Orders cursor values; a missing one is the earliest (read from the start). */
function compareOptional(a: unknown, b: unknown): number {
  const validA = typeof a === 'string' || typeof a === 'number';
  const validB = typeof b === 'string' || typeof b === 'number';
  if (!validA) return validB ? -1 : 0;
  if (!validB) return 1;
  return compareCursorValues(a as CursorValue, b as CursorValue);
}
