import {
  type StreamSlice as CdkSlice,
  ConnectorError,
  type JsonSchema,
  type ReadOptions,
  type SliceOptions,
  Stream,
  type StreamState,
} from '@tributary/cdk';
import type { DeclarativeStream as DeclarativeStreamModel } from '../components/component-types.js';
import type { StreamStateBlob } from '../incremental/cursor.js';
import type { ReadEnvironment } from '../read/read-environment.js';
import { buildStreamRuntime, type StreamRuntime } from '../read/stream-runtime.js';
import type { SchemaLoader } from '../schema-loaders/schema-loader.js';
import type { StreamSlice } from '../slices/stream-slice.js';
import { withoutNullMembers } from './record-output.js';
import { reportingTraced, tracedError } from './traced-error.js';

/** What the manifest says about one stream, once built for a config. */
export interface StreamDefinition {
  name: string;
  /** Top-level field names (the concurrent CDK's rule); empty when the stream has none. */
  primaryKey: string[];
  /** The cursor field when the stream is incremental. */
  cursorField?: string;
  schemaLoader: SchemaLoader;
  /** True when the stream has a `file_uploader`. */
  fileBased: boolean;
  /** Why reading it cannot work here, when known at build time (a custom Python component). */
  readBlocker?: string;
  /** The stream's component and where it is in the manifest. */
  model: DeclarativeStreamModel;
  path: Array<string | number>;
  /** True when other streams read this one as a parent (its responses are cached). */
  usesCache: boolean;
  /** What every stream of the read shares. */
  read: ReadEnvironment;
}

/**
 * A stream of a declarative manifest, as a CDK stream: the catalog entry is the Python CDK's
 * (`is_resumable` only for incremental streams, which is how its concurrent streams describe
 * themselves, and `is_file_based`). It is read as the Python CDK reads it: the cursor gives the
 * slices, the retriever reads each slice's pages, the cursor sees every record and writes the
 * stream's STATEs (after a slice when it has progress to record, and at the end), in either sync
 * mode. Slices are read one after another, so records keep the API's order.
 */
export class DeclarativeStream extends Stream<Record<string, unknown>> {
  readonly supportsResumableFullRefresh = false;
  readonly concurrent = false;
  private runtime: StreamRuntime | undefined;

  constructor(private readonly definition: StreamDefinition) {
    super();
  }

  get name(): string {
    return this.definition.name;
  }

  get primaryKey(): string[] | undefined {
    return this.definition.primaryKey.length > 0 ? this.definition.primaryKey : undefined;
  }

  get cursorField(): string | undefined {
    return this.definition.cursorField;
  }

  get isFileBased(): boolean {
    return this.definition.fileBased;
  }

  getJsonSchema(): JsonSchema | Promise<JsonSchema> {
    return this.definition.schemaLoader.getJsonSchema();
  }

  /** The cursor's slices (an AsyncRetriever's once their jobs completed); each is a declarative StreamSlice, which the CDK hands back to readRecords as it is. */
  async streamSlices(options: SliceOptions): Promise<AsyncIterable<CdkSlice>> {
    const { readBlocker, model, path, usesCache, read } = this.definition;
    if (readBlocker !== undefined) throw ConnectorError.config(readBlocker);
    const state = structuredClone((options.state ?? {}) as StreamStateBlob);
    const site = { path, depth: 0, useCache: usesCache };
    try {
      this.runtime = await buildStreamRuntime(model, state, site, { ...read, logger: options.logger });
    } catch (error) {
      throw tracedError(error);
    }
    const slices = this.runtime.retriever.readySlices(this.runtime.cursor.streamSlices(), {
      signal: options.signal,
      logger: options.logger,
    });
    return reportingTraced(slices as AsyncIterable<unknown> as AsyncIterable<CdkSlice>);
  }

  async *readRecords(options: ReadOptions): AsyncGenerator<Record<string, unknown>> {
    const runtime = this.runtime;
    if (runtime === undefined) throw new ConnectorError(`Stream '${this.name}' was read before its slices were asked for`);
    const slice = options.slice as unknown as StreamSlice;
    const { cursor, retriever } = runtime;
    const context = { signal: options.signal, logger: options.logger, reportRateLimited: options.reportRateLimited };
    let number = 0;
    try {
      for await (const page of retriever.pages(slice, context)) {
        // A runner that shows the read page by page is told of each page; it may end the slice there (a preview's page limit).
        const lastWanted = options.reportPage?.({ number: ++number }) === true;
        for (const record of page.records) {
          cursor.observe(record, slice);
          yield withoutNullMembers(record);
        }
        if (lastWanted) break;
      }
    } catch (error) {
      throw tracedError(error);
    }
    const state = cursor.closePartition(slice);
    if (state !== null) options.checkpoint?.(structuredClone(state) as StreamState);
  }

  /** The cursor's last state (`ensure_at_least_one_state_emitted`), written when the read ends, after a failure too. */
  finalState(): StreamState | undefined {
    const state = this.runtime?.cursor.ensureAtLeastOneStateEmitted();
    return state === null || state === undefined ? undefined : (structuredClone(state) as StreamState);
  }
}
