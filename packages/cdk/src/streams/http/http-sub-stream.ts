import { ConnectorError } from '../../errors/connector-error.js';
import { valueAtKeyPath } from '../../json/key-path.js';
import { type CursorValue, compareCursorValues, MaxCursor } from '../../state/max-cursor.js';
import { PartitionedState } from '../../state/partitioned-state.js';
import { FULL_REFRESH_COMPLETE_KEY } from '../../state/state-markers.js';
import type { StreamSlice, StreamState } from '../../state/stream-state.js';
import { normalizeCursorField, normalizePrimaryKey } from '../primary-key.js';
import type { ReadOptions, SliceOptions } from '../read-options.js';
import type { Stream } from '../stream.js';
import { HttpStream, NEXT_PAGE_TOKEN_KEY, type SliceProgress, savedPageToken, sliceProgress } from './http-stream.js';
import { RecordCache } from './record-cache.js';

/** The slice of a sub-stream: one record of the parent stream. */
export interface ParentSlice<P> {
  parent: P;
}

/** Where the parent given to the constructor is kept (not a property a subclass could shadow). */
const parentSlot = Symbol('tributary.parent');

/**
 * Members an `HttpSubStream` subclass may define as class fields or getters (see `Stream`).
 */
// biome-ignore lint/correctness/noUnusedVariables: a merged interface must repeat the class's type parameters
export interface HttpSubStream<R = Record<string, unknown>, P = Record<string, unknown>, T = unknown> {
  /** The parent stream, whose records are this stream's slices (given to the constructor, or defined by the subclass). */
  readonly parent: Stream<P>;
  /**
   * The most partitions (parent records) the state keeps (default 25 000, as in the Python CDK);
   * beyond it the least recently read are dropped first and read again from the start next time.
   */
  readonly maxPartitions?: number;
  /**
   * How much of the parent's records are kept in memory, in bytes of JSON (default 16 MiB);
   * beyond it they go to a temporary file, deleted when the read ends.
   */
  readonly parentCacheMemoryBytes?: number;
  /**
   * In an incremental read, read the parent incrementally too (the Python CDK's
   * `incremental_dependency`): from the parent's state kept in this stream's state as
   * `parent_state: { <parent name>: … }`, so only the parents that changed since the last sync
   * are partitions. For APIs where a child's change updates its parent's cursor (an issue's
   * `updated_at` moves when a comment is added); children of parents that did not change are
   * not read. The parent must be incremental (a `cursorField`). Default false.
   */
  readonly incrementalDependency?: boolean;
}

/**
 * A stream read once per record of a parent stream (`/posts/{id}/comments`): each parent record
 * is a slice `{ parent: record }`, and `parentOf(options)` gives it back, typed, to the hooks.
 *
 * ```ts
 * class Comments extends HttpSubStream<Comment, Post> {
 *   urlBase = 'https://api.example.com';
 *   path(options: HttpRequestOptions) { return `posts/${this.parentOf(options).id}/comments`; }
 * }
 * new Comments(new Posts(config));
 * ```
 *
 * - The parent is read once per read of the sub-stream, to its end, before the first child
 *   request (so a parent's pagination cursor cannot expire while children are read); its
 *   records are cached in memory, or in a temporary file when there are many. Give the
 *   sub-stream its own parent instance rather than one the source also lists.
 * - State is kept per partition in the Python CDK's shape (see `PartitionedState`); a partition
 *   is named by `partition(parent)`, by default the parent's primary key (`{ parent_id: 7 }`).
 *   Incremental: each partition keeps the greatest `cursorField` value of its records, and the
 *   hooks see that partition's state as `options.state`. Full refresh: completed partitions are
 *   marked `{ "__ab_full_refresh_sync_complete": true }` and the current one keeps its page
 *   token, so an interrupted read resumes where it stopped.
 * - Partitions are independent, so the CDK may read several at the same time.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the merged interface is how subclasses may override these members as fields or getters
export abstract class HttpSubStream<R = Record<string, unknown>, P = Record<string, unknown>, T = unknown> extends HttpStream<R, T> {
  private readonly [parentSlot]: Stream<P> | undefined;
  /** The state being built by the current read. */
  #partitions: PartitionedState | undefined;
  /**
   * The state the read started from, for lookups: a partition the cap drops from the state
   * being built still resumes from its input cursor when its turn comes in this read.
   */
  #input: PartitionedState | undefined;
  /** Incremental dependency: the parent's state this read started from, and the one after reading the parent. */
  #parentInput: StreamState | undefined;
  #parentNext: StreamState | undefined;
  /** Incremental dependency: partitions this read has (-1 until the parent is read) and has completed. */
  #partitionsTotal = -1;
  #partitionsDone = 0;

  constructor(parent?: Stream<P>) {
    super();
    this[parentSlot] = parent;
  }

  /** The parent record of the slice being read. */
  parentOf(options: { slice?: StreamSlice }): P {
    const slice = options.slice as Partial<ParentSlice<P>> | undefined;
    if (slice === undefined || slice === null || !('parent' in slice)) {
      throw new ConnectorError(
        `Stream '${this.name}' is a sub-stream: it reads one slice per parent record ({ parent: record }), but was given ${slice === undefined ? 'no slice' : 'a slice without "parent"'}`,
      );
    }
    return slice.parent as P;
  }

  /**
   * The partition a parent record stands for in the state: small and stable. By default the
   * parent's primary key, `parent_<field>` for each of its fields (`{ parent_id: 7 }`).
   */
  partition(parent: P): StreamSlice {
    const key = normalizePrimaryKey(this.parent.primaryKey);
    if (key === undefined) {
      throw new ConnectorError(
        `Stream '${this.name}': its parent stream '${this.parent.name}' has no primary key to name partitions by; define partition(parent) on '${this.name}'`,
      );
    }
    const out: StreamSlice = {};
    for (const path of key) {
      const value = valueAtKeyPath(parent, path);
      if (value === undefined || value === null) {
        throw new ConnectorError(
          `Stream '${this.name}': a record of its parent stream '${this.parent.name}' has no '${path.join('.')}' (the parent's primary key), so it cannot name a partition`,
        );
      }
      out[`parent_${path.join('_')}`] = value;
    }
    return out;
  }

  /** One slice per parent record: `{ parent: record }`. The parent is read once, to its end, and cached. */
  async *streamSlices(options: SliceOptions): AsyncGenerator<StreamSlice> {
    const incremental = options.syncMode === 'incremental';
    const fresh = !incremental && this.supportsResumableFullRefresh !== true;
    this.resetState(fresh ? undefined : options.state, incremental ? options.cursorField : undefined);
    const parent = this.parent;
    const cache = new RecordCache(this.parentCacheMemoryBytes);
    const dependent = incremental && this.incrementalDependency === true;
    try {
      if (dependent) {
        const since = this.#parentInput === undefined ? '' : ` since its state ${JSON.stringify(this.#parentInput)}`;
        options.logger.info(`Stream '${this.name}': reading its parent stream '${parent.name}' incrementally${since}`);
        this.#parentNext = await readParent(parent as Stream<unknown>, cache, options, { state: this.#parentInput, childName: this.name });
        this.#partitionsTotal = cache.count;
      } else {
        options.logger.info(`Stream '${this.name}': reading its parent stream '${parent.name}'`);
        await readParent(parent as Stream<unknown>, cache, options);
      }
      options.logger.info(
        `Stream '${this.name}': ${cache.count} parent record${cache.count === 1 ? '' : 's'} of '${parent.name}'${cache.spilled ? ', cached in a temporary file' : ''}`,
      );
      for await (const record of cache.records()) yield { parent: record };
    } finally {
      await cache.dispose();
    }
  }

  /**
   * The per-partition state (see `PartitionedState`). With `incrementalDependency`, also the
   * parent's state: the one the read started from until every partition of the parents read
   * in this sync is complete, then the parent's new state (an interrupted read reads the same
   * parents again next time).
   */
  get state(): StreamState {
    const partitions = this.#partitions?.toState() ?? {};
    const complete = this.#partitionsTotal >= 0 && this.#partitionsDone >= this.#partitionsTotal;
    const parentState = complete ? this.#parentNext : this.#parentInput;
    if (parentState === undefined) return partitions;
    const kept = typeof partitions.parent_state === 'object' && partitions.parent_state !== null ? partitions.parent_state : {};
    return { ...partitions, parent_state: { ...kept, [this.parent.name]: parentState } };
  }

  set state(value: StreamState | undefined) {
    this.resetState(value, undefined);
  }

  /**
   * Every STATE of a sub-stream lists all its partitions, so with many partitions a STATE after
   * each one would grow the output with the square of their number: past 500 partitions, write
   * one at most every 5 s (which still keeps the platform's heartbeat alive).
   */
  get checkpointIntervalMs(): number | undefined {
    return (this.#partitions?.size ?? 0) > 500 ? 5_000 : undefined;
  }

  /** Partitions do not depend on each other: after any completed slice the whole per-partition state is safe. */
  sliceState(_slice: StreamSlice): StreamState {
    return this.state;
  }

  /** @internal Per-partition progress: the partition's cursor, or its page token and completion. */
  [sliceProgress](options: ReadOptions): SliceProgress<T> {
    if (this.#partitions === undefined || this.#input === undefined) this.resetState(undefined, undefined);
    const partitions = this.#partitions as PartitionedState;
    const input = this.#input as PartitionedState;
    const partition = this.partition(this.parentOf(options));
    if (options.syncMode === 'incremental') {
      const field = options.cursorField ?? normalizeCursorField(this.cursorField);
      const start = partitions.get(partition) ?? input.cursorFor(partition) ?? {};
      const finished = (state: StreamState) => {
        partitions.set(partition, state);
        this.#partitionsDone++;
      };
      if (field.length === 0) return { state: start, sliceDone: () => finished(start) };
      const cursor = new MaxCursor(field);
      cursor.state = start;
      return {
        state: start,
        observe: (record) => cursor.observe(record as object),
        sliceDone: () => finished(cursor.state),
      };
    }
    const done = () => partitions.set(partition, { [FULL_REFRESH_COMPLETE_KEY]: true });
    if (this.supportsResumableFullRefresh !== true) return { state: {}, sliceDone: done };
    const own = partitions.get(partition) ?? input.get(partition);
    if (own?.[FULL_REFRESH_COMPLETE_KEY] === true) {
      options.logger.debug(`Stream '${this.name}': partition ${JSON.stringify(partition)} was read completely before; skipping it`);
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

  private resetState(blob: StreamState | undefined, cursorField: string[] | undefined): void {
    const key = cursorField?.join('.');
    const options = {
      maxPartitions: this.maxPartitions,
      streamName: this.name,
      compareCursors: key === undefined ? undefined : (a: StreamState, b: StreamState) => compareOptional(a[key], b[key]),
    };
    this.#partitions = PartitionedState.from(blob, options);
    this.#input = PartitionedState.from(blob, options);
    const parentStates = blob?.parent_state;
    const own =
      typeof parentStates === 'object' && parentStates !== null ? (parentStates as Record<string, unknown>)[this.parent.name] : undefined;
    this.#parentInput = typeof own === 'object' && own !== null && !Array.isArray(own) ? structuredClone(own as StreamState) : undefined;
    this.#parentNext = undefined;
    this.#partitionsTotal = -1;
    this.#partitionsDone = 0;
  }
}

/**
 * Resumable full refresh per partition, on by default for a sub-stream without a cursor that
 * uses the CDK's own `readRecords`.
 */
Object.defineProperty(HttpSubStream.prototype, 'supportsResumableFullRefresh', {
  configurable: true,
  enumerable: false,
  get(this: HttpSubStream<object, object>): boolean {
    return normalizeCursorField(this.cursorField).length === 0 && this.readRecords === HttpStream.prototype.readRecords;
  },
  set(this: HttpSubStream<object, object>, value: boolean) {
    Object.defineProperty(this, 'supportsResumableFullRefresh', { value, writable: true, enumerable: true, configurable: true });
  },
});

Object.defineProperty(HttpSubStream.prototype, 'parent', {
  configurable: true,
  enumerable: false,
  get(this: HttpSubStream<object, object>): Stream<object> {
    const parent = this[parentSlot];
    if (parent === undefined) {
      throw new ConnectorError(`Stream '${this.name}' is a sub-stream without a parent: pass it to the constructor or define \`parent\``);
    }
    return parent;
  },
  set(this: HttpSubStream<object, object>, value: Stream<object>) {
    Object.defineProperty(this, 'parent', { value, writable: true, enumerable: true, configurable: true });
  },
});

/**
 * Every record of the parent `stream`, all its slices, into `cache`: a full refresh, or with
 * `since` an incremental read from that state. An incremental read returns the parent's state
 * after it: its own (`state` accessor or `getUpdatedState`) or the greatest value of its
 * `cursorField`.
 */
async function readParent(
  stream: Stream<unknown>,
  cache: RecordCache,
  options: SliceOptions,
  since?: { state: StreamState | undefined; childName: string },
): Promise<StreamState | undefined> {
  const { logger, signal, reportRateLimited } = options;
  const progress = since === undefined ? undefined : parentProgress(stream, since.state, since.childName);
  const base: SliceOptions =
    progress === undefined
      ? { syncMode: 'full_refresh', logger, signal }
      : { syncMode: 'incremental', cursorField: progress.cursorField, state: structuredClone(progress.start), logger, signal };
  const slices = typeof stream.streamSlices === 'function' ? await stream.streamSlices(base) : [undefined];
  for await (const slice of slices) {
    signal.throwIfAborted();
    const readOptions: ReadOptions = { ...base };
    if (progress !== undefined) readOptions.state = progress.sliceState();
    if (reportRateLimited !== undefined) readOptions.reportRateLimited = reportRateLimited;
    if (slice !== undefined) readOptions.slice = slice;
    for await (const record of await stream.readRecords(readOptions)) {
      progress?.observe(record as object);
      await cache.add(record);
    }
  }
  return progress?.final();
}

/**
 * How an incremental read of a parent tracks its state from `state`: what each slice sees as
 * its state (the stream's own, as it goes, or the state the read started from) and the state
 * after the read.
 */
function parentProgress(stream: Stream<unknown>, state: StreamState | undefined, childName: string) {
  const cursorField = normalizeCursorField(stream.cursorField);
  if (cursorField.length === 0) {
    throw new ConnectorError(
      `Stream '${childName}' has incrementalDependency, but its parent stream '${stream.name}' has no cursorField to read it incrementally by`,
    );
  }
  const start = structuredClone(state ?? {});
  if ('state' in stream) {
    stream.state = structuredClone(start);
    const own = () => stream.state ?? {};
    return { cursorField, start, sliceState: own, observe: () => undefined, final: () => structuredClone(own()) };
  }
  const update = typeof stream.getUpdatedState === 'function' ? stream.getUpdatedState.bind(stream) : undefined;
  if (update !== undefined) {
    let current = start;
    const latest = () => current;
    return {
      cursorField,
      start,
      sliceState: latest,
      observe: (record: object) => {
        current = update(current, record);
      },
      final: latest,
    };
  }
  const cursor = new MaxCursor(cursorField);
  cursor.state = start;
  return { cursorField, start, sliceState: () => start, observe: (record: object) => cursor.observe(record), final: () => cursor.state };
}

/** Orders cursor values; a missing one is the earliest (read from the start). */
function compareOptional(a: unknown, b: unknown): number {
  const validA = typeof a === 'string' || typeof a === 'number';
  const validB = typeof b === 'string' || typeof b === 'number';
  if (!validA) return validB ? -1 : 0;
  if (!validB) return 1;
  return compareCursorValues(a as CursorValue, b as CursorValue);
}
