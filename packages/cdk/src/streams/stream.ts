import { join } from 'node:path';
import { callerPackageRoot } from '../package/caller-package.js';
import type { JsonSchema } from '../protocol/json-schema.js';
import { SchemaError } from '../schema/schema-error.js';
import { loadStreamSchema } from '../schema/schema-loader.js';
import type { StreamSlice, StreamState } from '../state/stream-state.js';
import type { PrimaryKey } from './primary-key.js';
import type { ReadOptions, RecordSource, SliceOptions } from './read-options.js';
import { streamNameFromClassName } from './stream-name.js';

export type SchemaNormalization = 'none' | 'default';

/** Where a stream was constructed from: the connector package that holds `schemas/`. */
const definingPackage = Symbol('tributary.definingPackage');

/** @internal Schemas folders the owning source provides: its explicit one, and its own package's. */
export const sourceSchemasDirs = Symbol('tributary.sourceSchemasDirs');
export interface SourceSchemasDirs {
  explicit?: string;
  fallback?: string;
}

/**
 * Members a subclass may override as a class field, a getter or a method. They are declared
 * here, on an interface merged with the class, so the base class never creates instance
 * properties that would shadow a subclass getter (and TypeScript accepts both styles).
 */
export interface Stream<R = Record<string, unknown>> {
  /** The stream's name; by default the class name in snake_case (`EmployeeBenefits` → `employee_benefits`). */
  readonly name: string;
  /** `'id'`, `['a', 'b']` (two single-field keys) or `[['a', 'b']]` (a nested path). */
  readonly primaryKey?: PrimaryKey;
  readonly namespace?: string;
  /** Overrides the folder holding `<name>.json` and `shared/` (default: `schemas/` of the connector package). */
  readonly schemasDir?: string;
  /**
   * `'default'` casts record values to the types the schema declares before they are written
   * (the Python CDK's TypeTransformer default normalization); `'none'` (default) writes them as they are.
   */
  readonly schemaNormalization?: SchemaNormalization;
  /** The cursor (a field name or a path) that makes the stream incremental. */
  readonly cursorField?: string | string[];
  /**
   * The stream's state. Define it as an accessor (or a field): the CDK sets it from the input
   * state before an incremental read and reads it at every checkpoint.
   */
  state?: StreamState;
  /** The state after `latest` was read; an alternative to a `state` accessor. */
  getUpdatedState?(current: StreamState, latest: R): StreamState;
  /** Splits the read into slices (date windows, partitions, parent ids); each reaches `readRecords()`. */
  streamSlices?(
    options: SliceOptions,
  ): Iterable<StreamSlice> | AsyncIterable<StreamSlice> | Promise<Iterable<StreamSlice> | AsyncIterable<StreamSlice>>;
  /**
   * The least time between two intermediate STATE messages, in ms: a state that comes sooner is
   * held back, and the newest held-back state is written at the end. For streams whose state is
   * large (many partitions), where a STATE after every slice would make the output grow with
   * the square of the partition count.
   */
  readonly minCheckpointIntervalMs?: number;
  /** @deprecated Renamed `minCheckpointIntervalMs`; still read when that is not set. */
  readonly checkpointIntervalMs?: number;
  /**
   * Also checkpoint every this many records inside a slice (the Python CDK's
   * `state_checkpoint_interval`); only correct when records come sorted by cursor.
   */
  readonly checkpointIntervalRecords?: number;
  /** @deprecated Renamed `checkpointIntervalRecords`; still read when that is not set. */
  readonly stateCheckpointInterval?: number;
  /**
   * True when a full refresh can resume where an interrupted one stopped: the stream reads
   * `options.state` and reports progress with `options.checkpoint()` (HTTP streams without a cursor do).
   */
  readonly supportsResumableFullRefresh?: boolean;
  /**
   * Whether the stream transfers files (the catalog's `is_file_based`); left out of the catalog
   * when undefined. Declarative streams set it (false unless they have a `file_uploader`).
   */
  readonly isFileBased?: boolean;
  /** Set to false when the API forbids parallel calls: the stream's slices are then read one at a time. */
  readonly concurrent?: boolean;
  /**
   * Streams with the same group name never read at the same time: at most one slice of the
   * whole group is in flight (for streams that share a parent, or an API that allows one call).
   */
  readonly concurrencyGroup?: string;
  /**
   * The state to checkpoint once `slice` and every slice before it are complete (for a date
   * window, its end). Defining it lets a stateful stream read its slices concurrently: the CDK
   * then only writes states that are safe to resume from.
   */
  sliceState?(slice: StreamSlice): StreamState;
  /**
   * For a stream that decides every STATE itself (its own cursor logic, as the declarative
   * runtime's cursors): the state written when its read ends, after its last slice and also after
   * a failure, so it must hold only progress that is complete. With it, the CDK writes no state of
   * its own for the stream, in any sync mode: the stream's intermediate STATEs are its
   * `options.checkpoint(state)` calls, and this is the last one (none when it returns undefined).
   */
  finalState?(): StreamState | undefined;
  /** Marker for `R`, so record types flow from stream to consumers; never set at run time. */
  readonly __recordType?: R;
}

/**
 * A stream of records. Subclasses implement `readRecords()` and may override `name`,
 * `primaryKey`, `namespace` and `getJsonSchema()`.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the merged interface is how subclasses may override these members as fields or getters
export abstract class Stream<R = Record<string, unknown>> {
  private readonly [definingPackage]: string | undefined;
  [sourceSchemasDirs]?: SourceSchemasDirs;

  constructor() {
    this[definingPackage] = callerPackageRoot();
  }

  /** Yields the records of one slice, one at a time. */
  abstract readRecords(options: ReadOptions): RecordSource<R> | Promise<RecordSource<R>>;

  /**
   * The stream's JSON Schema. The default loads `schemas/<name>.json` with its `$ref`s inlined,
   * synchronously, and returns a fresh object on every call, so an override may change what
   * `super.getJsonSchema()` returns. Overrides may be async.
   */
  getJsonSchema(): JsonSchema | Promise<JsonSchema> {
    return this.loadSchemaFile();
  }

  /** The schema file of this stream, resolved; typed as synchronous for overrides that edit it. */
  protected loadSchemaFile(): JsonSchema {
    return loadStreamSchema(this.resolveSchemasDir(), this.name);
  }

  private resolveSchemasDir(): string {
    if (this.schemasDir) return this.schemasDir;
    const fromSource = this[sourceSchemasDirs];
    if (fromSource?.explicit) return fromSource.explicit;
    const root = this[definingPackage];
    if (root) return join(root, 'schemas');
    if (fromSource?.fallback) return fromSource.fallback;
    throw new SchemaError(
      `Cannot load the schema of stream '${this.name}': no package.json was found above the code that created it; set \`schemasDir\` on the stream or source`,
    );
  }
}

Object.defineProperty(Stream.prototype, 'name', {
  configurable: true,
  enumerable: false,
  get(this: Stream): string {
    return streamNameFromClassName(this.constructor.name);
  },
  // A `name = '...'` class field compiled with assignment semantics (`useDefineForClassFields: false`,
  // the default for targets before ES2022) assigns instead of defining: make that an own property too.
  set(this: Stream, value: string) {
    Object.defineProperty(this, 'name', { value, writable: true, enumerable: true, configurable: true });
  },
});
