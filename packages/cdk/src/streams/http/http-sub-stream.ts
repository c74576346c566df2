import { ConnectorError } from '../../errors/connector-error.js';
import type { StreamSlice, StreamState } from '../../state/stream-state.js';
import type { SliceOptions } from '../read-options.js';
import type { Stream } from '../stream.js';
import { HttpStream } from './http-stream.js';

/** Where the parent given to the constructor is kept (not a property a subclass could shadow). */
const parentSlot = Symbol('tributary.parent');

/**
 * Members an `HttpSubStream` subclass may define as class fields or getters (see `Stream`).
 */
// biome-ignore lint/correctness/noUnusedVariables: a merged interface must repeat the class's type parameters
export interface HttpSubStream<R = Record<string, unknown>, P = Record<string, unknown>, T = unknown> {
  /** The parent stream, whose records are this stream's slices (given to the constructor, or defined by the subclass). */
  readonly parent: Stream<P>;
  /** One slice per parent record: `{ parent: record }`. The parent is read once, to its end, and cached. */
  streamSlices(options: SliceOptions): AsyncGenerator<StreamSlice>;
  /** Partitions do not depend on each other: after any completed slice the whole per-partition state is safe. */
  sliceState(slice: StreamSlice): StreamState;
  /** The per-partition state (see `PartitionedState`), with the parent's under `incrementalDependency`. */
  state: StreamState;
}

/**
 * An `HttpStream` whose parent is given to its constructor: read once per record of the
 * parent (`/posts/{id}/comments`), each parent record a slice `{ parent: record }` that
 * `parentOf(options)` gives back, typed, to the hooks.
 *
 * ```ts
 * class Comments extends HttpSubStream<Comment, Post> {
 *   urlBase = 'https://api.example.com';
 *   path(options: HttpRequestOptions) { return `posts/${this.parentOf(options).id}/comments`; }
 * }
 * new Comments(new Posts(config));
 * ```
 *
 * Having a parent is a capability of every `HttpStream` (its `parent` member): a stream that
 * shares a base class with its siblings defines `parent` instead of extending this class. What
 * a parent brings:
 * - The parent is read once per read of the stream, to its end, before the first child
 *   request (so a parent's pagination cursor cannot expire while children are read); its
 *   records are cached in memory, or in a temporary file when there are many. Give the
 *   stream its own parent instance rather than one the source also lists.
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

  constructor(parent?: Stream<P>) {
    super();
    this[parentSlot] = parent;
  }
}

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
