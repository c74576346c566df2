import type {
  AirbyteCatalog,
  AirbyteStream,
  ConfiguredAirbyteCatalog,
  ConfiguredAirbyteStream,
  DestinationSyncMode,
  JsonSchema,
  SyncMode,
} from '../index.js';
import { streamKey } from './results.js';

/** How one stream is configured; what is left out comes from the discovered stream. */
export interface StreamConfiguration {
  /** Default: `full_refresh`, or the builder's default (for a stream that supports it). */
  syncMode?: SyncMode;
  /** Default: the stream's `default_cursor_field` when read incrementally. */
  cursorField?: string | string[];
  /** Default: the stream's `source_defined_primary_key`. */
  primaryKey?: string | string[][];
  /** Default: `overwrite` for a full refresh, `append_dedup` (with a primary key) or `append` for incremental. */
  destinationSyncMode?: DestinationSyncMode;
  namespace?: string;
  /** For a stream the builder did not discover: its schema (default `{ "type": "object" }`). */
  jsonSchema?: JsonSchema;
}

/** A stream to read: its name, or its name with how to read it. */
export type StreamSelection = string | ({ name: string } & StreamConfiguration);

/**
 * Builds a ConfiguredAirbyteCatalog. Given the discovered catalog it copies each stream's entry
 * (schema, supported sync modes, keys) and fills in sensible defaults; without one it builds
 * minimal entries, which is enough for `read` (it only needs the names).
 *
 * ```ts
 * const catalog = new CatalogBuilder(discovered.catalog).stream('users', { syncMode: 'incremental' }).stream('products').build();
 * ```
 */
export class CatalogBuilder {
  private readonly configured: ConfiguredAirbyteStream[] = [];

  constructor(
    private readonly discovered?: AirbyteCatalog,
    private readonly defaults: StreamConfiguration = {},
  ) {}

  /** Adds one stream. */
  stream(name: string, configuration: StreamConfiguration = {}): this {
    const settings = { ...this.defaults, ...configuration };
    const key = streamKey({ name, namespace: settings.namespace });
    if (this.configured.some((entry) => streamKey(entry.stream) === key)) throw new Error(`Stream '${key}' is already in the catalog`);
    const stream = this.find(name, settings);
    // A default sync mode the stream does not support falls back to one it does (an explicit one fails).
    if (
      configuration.syncMode === undefined &&
      settings.syncMode !== undefined &&
      !stream.supported_sync_modes.includes(settings.syncMode)
    ) {
      settings.syncMode = stream.supported_sync_modes[0];
    }
    this.configured.push(configureStream(stream, settings));
    return this;
  }

  /** Adds every discovered stream (that is not in the catalog yet). */
  allStreams(configuration: StreamConfiguration = {}): this {
    if (this.discovered === undefined) throw new Error('allStreams() needs the discovered catalog: new CatalogBuilder(discovered.catalog)');
    for (const stream of this.discovered.streams) {
      if (this.configured.some((entry) => streamKey(entry.stream) === streamKey(stream))) continue;
      this.stream(stream.name, { ...configuration, namespace: stream.namespace });
    }
    return this;
  }

  /** The configured catalog, as `read` takes it. */
  build(): ConfiguredAirbyteCatalog {
    return { streams: structuredClone(this.configured) };
  }

  private find(name: string, settings: StreamConfiguration): AirbyteStream {
    const key = streamKey({ name, namespace: settings.namespace });
    if (this.discovered === undefined) {
      const stream: AirbyteStream = {
        name,
        json_schema: settings.jsonSchema ?? { type: 'object' },
        supported_sync_modes: ['full_refresh', 'incremental'],
      };
      if (settings.namespace !== undefined) stream.namespace = settings.namespace;
      return stream;
    }
    const found = this.discovered.streams.find((stream) => streamKey(stream) === key);
    if (found === undefined) {
      const names = this.discovered.streams.map((stream) => streamKey(stream));
      throw new Error(`The connector has no stream '${key}'; it has ${names.join(', ') || 'none'}`);
    }
    return found;
  }
}

/** A configured catalog of the selected streams (all discovered streams when `selection` is left out). */
export function configuredCatalog(
  discovered: AirbyteCatalog,
  selection?: readonly StreamSelection[],
  defaults: StreamConfiguration = {},
): ConfiguredAirbyteCatalog {
  const builder = new CatalogBuilder(discovered, defaults);
  if (selection === undefined) return builder.allStreams().build();
  for (const item of selection) {
    if (typeof item === 'string') builder.stream(item);
    else {
      const { name, ...configuration } = item;
      builder.stream(name, configuration);
    }
  }
  return builder.build();
}

function configureStream(stream: AirbyteStream, settings: StreamConfiguration): ConfiguredAirbyteStream {
  const syncMode = settings.syncMode ?? 'full_refresh';
  if (!stream.supported_sync_modes.includes(syncMode)) {
    throw new Error(`Stream '${streamKey(stream)}' does not support ${syncMode} (it supports ${stream.supported_sync_modes.join(', ')})`);
  }
  const primaryKey = toPrimaryKey(settings.primaryKey) ?? stream.source_defined_primary_key;
  const cursorField = toPath(settings.cursorField) ?? (syncMode === 'incremental' ? stream.default_cursor_field : undefined);
  const entry: ConfiguredAirbyteStream = {
    stream: structuredClone(stream),
    sync_mode: syncMode,
    destination_sync_mode:
      settings.destinationSyncMode ??
      (syncMode === 'full_refresh' ? 'overwrite' : primaryKey !== undefined && primaryKey.length > 0 ? 'append_dedup' : 'append'),
  };
  if (cursorField !== undefined && cursorField.length > 0) entry.cursor_field = [...cursorField];
  if (primaryKey !== undefined && primaryKey.length > 0) entry.primary_key = structuredClone(primaryKey);
  return entry;
}

function toPath(field: string | string[] | undefined): string[] | undefined {
  if (field === undefined) return undefined;
  return typeof field === 'string' ? [field] : [...field];
}

function toPrimaryKey(key: string | string[][] | undefined): string[][] | undefined {
  if (key === undefined) return undefined;
  return typeof key === 'string' ? [[key]] : key.map((path) => [...path]);
}
