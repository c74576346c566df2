/**
 * The configured catalog of a sync: the `--catalog` file, or every discovered stream (or those
 * named), each with the best sync mode it supports: incremental where it can (append_dedup when
 * it has a primary key, else append), otherwise full refresh (overwrite).
 */
import type { AirbyteCatalog, AirbyteStream, ConfiguredAirbyteCatalog, ConfiguredAirbyteStream } from '@tributary/cdk';
import type { Connector } from '../connectors/connector.js';
import { asUsageError } from '../exit-codes.js';
import { readJsonInput } from '../inputs/json-input.js';
import { readList } from '../inputs/list-input.js';

export interface CatalogChoice {
  /** `--catalog`: a configured catalog file. */
  catalog?: string;
  /** `--streams a,b`: only these streams. */
  streams?: string;
}

/** The catalog of a sync: `--catalog`, else built from discover; with `--streams`, only those streams. */
export async function chooseCatalog(
  connector: Connector,
  config: Record<string, unknown>,
  choice: CatalogChoice,
  signal: AbortSignal,
): Promise<ConfiguredAirbyteCatalog> {
  const streams = readList(choice.streams);
  if (choice.catalog !== undefined) {
    const { value } = asUsageError(() => readJsonInput(choice.catalog as string, { what: 'catalog' }));
    return filterCatalog(parseCatalogFile(value, choice.catalog), streams);
  }
  const discovered = await connector.discover(config, signal);
  return asUsageError(() => buildCatalog(discovered, streams));
}

/**
 * The configured catalog a sync uses when given none: every stream (or those named), incremental
 * where supported.
 */
export function buildCatalog(discovered: AirbyteCatalog, streams: string[] | undefined): ConfiguredAirbyteCatalog {
  const selected = select(discovered.streams, streams, (stream) => stream);
  return { streams: selected.map(configure) };
}

/** Keeps the streams named in `--streams` (in catalog order). */
export function filterCatalog(catalog: ConfiguredAirbyteCatalog, streams: string[] | undefined): ConfiguredAirbyteCatalog {
  return { streams: select(catalog.streams, streams, (configured) => configured.stream) };
}

function select<T>(items: T[], names: string[] | undefined, streamOf: (item: T) => AirbyteStream): T[] {
  if (names === undefined || names.length === 0) return items;
  const label = (stream: AirbyteStream) => (stream.namespace ? `${stream.namespace}.${stream.name}` : stream.name);
  const unknown = names.filter((name) => !items.some((item) => label(streamOf(item)) === name || streamOf(item).name === name));
  if (unknown.length > 0) {
    const available = items.map((item) => label(streamOf(item))).join(', ') || 'none';
    throw new Error(`no stream named ${unknown.map((name) => `'${name}'`).join(', ')} (available: ${available})`);
  }
  return items.filter((item) => names.includes(label(streamOf(item))) || names.includes(streamOf(item).name));
}

function configure(stream: AirbyteStream): ConfiguredAirbyteStream {
  const primaryKey = stream.source_defined_primary_key ?? [];
  const incremental = stream.supported_sync_modes.includes('incremental');
  const configured: ConfiguredAirbyteStream = {
    stream,
    sync_mode: incremental ? 'incremental' : 'full_refresh',
    destination_sync_mode: incremental ? (primaryKey.length > 0 ? 'append_dedup' : 'append') : 'overwrite',
  };
  if (incremental && stream.default_cursor_field?.length) configured.cursor_field = stream.default_cursor_field;
  if (primaryKey.length > 0) configured.primary_key = primaryKey;
  return configured;
}

/** Checks the shape of a `--catalog` file enough to give a clear error. */
export function parseCatalogFile(raw: unknown, file: string): ConfiguredAirbyteCatalog {
  if (typeof raw !== 'object' || raw === null || !Array.isArray((raw as { streams?: unknown }).streams)) {
    throw new Error(
      `catalog file ${file} must be a configured catalog: {"streams": [{"stream": {...}, "sync_mode": ..., "destination_sync_mode": ...}]}`,
    );
  }
  const catalog = raw as ConfiguredAirbyteCatalog;
  catalog.streams.forEach((entry, index) => {
    if (typeof entry?.stream?.name !== 'string' || typeof entry.sync_mode !== 'string' || typeof entry.destination_sync_mode !== 'string') {
      throw new Error(`catalog file ${file}: streams[${index}] needs stream.name, sync_mode and destination_sync_mode`);
    }
  });
  return catalog;
}
