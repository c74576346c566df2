import { readFile } from 'node:fs/promises';
import { ConnectorError } from '../errors/connector-error.js';
import { describeFileError } from '../errors/file-error.js';
import { describeJsonSyntaxError } from '../errors/json-syntax-error.js';
import { assertUsableJsonInput, stripBom } from '../json/json-input.js';
import type { ConfiguredAirbyteCatalog, ConfiguredAirbyteStream, DestinationSyncMode, SyncMode } from '../protocol/types.js';

/**
 * Reading the three input files. Each problem is a `config_error` that names the file and what
 * is wrong with it; the file's content is never echoed, since a config holds secrets.
 */
export async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw ConnectorError.config(`Cannot read the ${what} file '${path}': ${describeFileError(error)}`);
  }
  try {
    return JSON.parse(stripBom(text));
  } catch (error) {
    throw ConnectorError.config(`The ${what} file '${path}' is not valid JSON (${describeJsonSyntaxError(error)})`);
  }
}

export async function readConfigFile(path: string): Promise<Record<string, unknown>> {
  return parseConfig(await readJsonFile(path, 'config'), `config file '${path}'`);
}

/** Checks that a config is a JSON object; `label` names where it came from in messages. */
export function parseConfig(config: unknown, label = 'config'): Record<string, unknown> {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw ConnectorError.config(`The ${label} must contain a JSON object, not ${jsonKind(config)}`);
  }
  return config as Record<string, unknown>;
}

const SYNC_MODES: readonly SyncMode[] = ['full_refresh', 'incremental'];
const DESTINATION_SYNC_MODES: readonly DestinationSyncMode[] = ['append', 'overwrite', 'append_dedup', 'update', 'soft_delete'];

/** Reads and checks a ConfiguredAirbyteCatalog file. */
export async function readCatalogFile(path: string): Promise<ConfiguredAirbyteCatalog> {
  return parseCatalog(await readJsonFile(path, 'catalog'), `catalog file '${path}'`);
}

/**
 * Checks a ConfiguredAirbyteCatalog, naming the first entry that is not the right shape. A
 * stream listed twice (same name and namespace) is refused: it would be read, and every record
 * written, twice.
 */
export function parseCatalog(catalog: unknown, label = 'catalog'): ConfiguredAirbyteCatalog {
  const problem = (detail: string) => ConnectorError.config(`The ${label} is not a valid configured catalog: ${detail}`);
  assertUsableJsonInput(catalog, label);
  if (!isObject(catalog)) throw problem(`expected a JSON object, got ${jsonKind(catalog)}`);
  if (!Array.isArray(catalog.streams)) throw problem('"streams" must be an array');
  const streams: ConfiguredAirbyteStream[] = catalog.streams.map((entry: unknown, index: number) => {
    const at = `streams[${index}]`;
    if (!isObject(entry)) throw problem(`${at} must be an object`);
    const stream = entry.stream;
    if (!isObject(stream)) throw problem(`${at}.stream must be an object`);
    if (typeof stream.name !== 'string' || stream.name === '') throw problem(`${at}.stream.name must be a non-empty string`);
    if (stream.namespace !== undefined && stream.namespace !== null && typeof stream.namespace !== 'string') {
      throw problem(`${at}.stream.namespace must be a string`);
    }
    const syncMode = entry.sync_mode ?? 'full_refresh';
    if (!SYNC_MODES.includes(syncMode as SyncMode)) {
      throw problem(`${at}.sync_mode must be one of ${SYNC_MODES.join(', ')}, got ${JSON.stringify(syncMode)}`);
    }
    const destinationSyncMode = entry.destination_sync_mode ?? 'append';
    if (!DESTINATION_SYNC_MODES.includes(destinationSyncMode as DestinationSyncMode)) {
      throw problem(
        `${at}.destination_sync_mode must be one of ${DESTINATION_SYNC_MODES.join(', ')}, got ${JSON.stringify(destinationSyncMode)}`,
      );
    }
    if (entry.cursor_field !== undefined && !isStringArray(entry.cursor_field)) {
      throw problem(`${at}.cursor_field must be an array of strings`);
    }
    if (entry.primary_key !== undefined && !(Array.isArray(entry.primary_key) && entry.primary_key.every(isStringArray))) {
      throw problem(`${at}.primary_key must be an array of arrays of strings`);
    }
    const namespace = typeof stream.namespace === 'string' ? stream.namespace : undefined;
    const configured = {
      ...entry,
      stream: { ...stream, name: stream.name, ...(namespace === undefined ? {} : { namespace }) },
      sync_mode: syncMode,
      destination_sync_mode: destinationSyncMode,
    } as ConfiguredAirbyteStream;
    if (namespace === undefined) delete configured.stream.namespace;
    return configured;
  });
  const firstIndex = new Map<string, number>();
  streams.forEach(({ stream }, index) => {
    const key = `${stream.namespace ?? ''}\0${stream.name}`;
    const first = firstIndex.get(key);
    if (first !== undefined) {
      const named = stream.namespace === undefined ? `'${stream.name}'` : `'${stream.name}' in namespace '${stream.namespace}'`;
      throw problem(`streams[${index}] lists stream ${named} again (first at streams[${first}]); list each stream once`);
    }
    firstIndex.set(key, index);
  });
  return { streams };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

export function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
