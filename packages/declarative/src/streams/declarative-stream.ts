import { ConnectorError, type JsonSchema, type ReadOptions, Stream } from '@tributary/cdk';
import type { SchemaLoader } from '../schema-loaders/schema-loader.js';

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
}

/**
 * A stream of a declarative manifest, as a CDK stream: the catalog entry is the Python CDK's
 * (`is_resumable` only for incremental streams, which is how its concurrent streams describe
 * themselves, and `is_file_based`).
 */
export class DeclarativeStream extends Stream<Record<string, unknown>> {
  readonly supportsResumableFullRefresh = false;

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

  readRecords(_options: ReadOptions): never {
    throw ConnectorError.config(
      this.definition.readBlocker ??
        `Stream '${this.name}': reading declarative streams is not supported yet by Tributary (spec and discover are); it comes with the retrievers, paginators and cursors of the declarative runtime`,
    );
  }
}
