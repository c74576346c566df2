import type { AirbyteMessage, AirbyteState, ConfiguredAirbyteCatalog, Source, SyncMode } from '../index.js';
import { type InvokeRequest, invoke, type ReadLimits, type ReadObserver } from '../runtime.js';
import { configuredCatalog, type StreamSelection } from './catalog-builder.js';
import { CollectingSink } from './collecting-sink.js';
import { CheckResult, DiscoverResult, ReadResult, SpecResult } from './results.js';

/** The CDK's own config keys (`_limit`, `_page_size`, `_concurrency`), allowed in every test config. */
export interface InternalConfigKeys {
  _limit?: number;
  _page_size?: number;
  _concurrency?: number;
}

/** A config for a source of `Config`, plus the CDK's `_` keys. */
export type TestConfig<Config> = Config & InternalConfigKeys;

/** Options every runner takes. */
export interface RunOptions {
  /** DEBUG logs, like `--debug`. */
  debug?: boolean;
  /** Stops the command early. */
  signal?: AbortSignal;
  /** Sees each message as the command writes it (the result has them all at the end). */
  onMessage?: (message: AirbyteMessage) => void;
}

/** What `check` and `discover` take: the config, typed like the source's. */
export interface ConfigInput<Config> extends RunOptions {
  config: TestConfig<Config>;
}

/** What `read` takes: the config, which streams to read and how, and the state to start from. */
export interface ReadInput<Config> extends ConfigInput<Config> {
  /** The configured catalog, or anything with a `build()` returning one (a `CatalogBuilder`). */
  catalog?:
    | ConfiguredAirbyteCatalog
    | {
        /** The catalog to read. */
        build(): ConfiguredAirbyteCatalog;
      };
  /** Instead of a catalog: the streams to read, configured from a `discover` run first. */
  streams?: readonly StreamSelection[];
  /** The sync mode of streams selected by name, and of every stream when neither `catalog` nor `streams` is given (default `full_refresh`). */
  syncMode?: SyncMode;
  /** The input state: STATE payloads (a `StateBuilder`'s, or a previous result's `finalState`), or any JSON a `--state` file could hold. */
  state?: readonly AirbyteState[] | { build(): AirbyteState[] } | unknown;
  /** A preview read: records, slices and pages per slice, or the slices to read (`ReadLimits`). */
  limits?: ReadLimits;
  /** Told of each slice and page as it is read, in order with `onMessage` (`ReadObserver`). */
  observer?: ReadObserver;
}

/** Runs `spec` in this process, through the same code as the command line. */
export async function spec<Config>(source: Source<Config>, options: RunOptions = {}): Promise<SpecResult> {
  const { exitCode, messages } = await run(source, { command: 'spec' }, options);
  return new SpecResult(exitCode, messages);
}

/** Runs `check`: the result has the connection status (`FAILED` with exit code 0 for a bad config). */
export async function check<Config>(source: Source<Config>, input: ConfigInput<Config>): Promise<CheckResult> {
  const { exitCode, messages } = await run(source, { command: 'check', config: input.config as Record<string, unknown> }, input);
  return new CheckResult(exitCode, messages);
}

/** Runs `discover`: the result has the catalog. */
export async function discover<Config>(source: Source<Config>, input: ConfigInput<Config>): Promise<DiscoverResult> {
  const { exitCode, messages } = await run(source, { command: 'discover', config: input.config as Record<string, unknown> }, input);
  return new DiscoverResult(exitCode, messages);
}

/**
 * Runs `read`: records, states, statuses, logs and errors, per stream. Give a `catalog`, or
 * `streams` (names, or names with a sync mode) to configure from a `discover` run; with neither,
 * every discovered stream is read (in `syncMode`, default full refresh).
 */
export async function read<Config>(source: Source<Config>, input: ReadInput<Config>): Promise<ReadResult> {
  const catalog = await catalogFor(source, input);
  const request: InvokeRequest = { command: 'read', config: input.config as Record<string, unknown>, catalog };
  const state = buildable(input.state);
  if (state !== undefined) request.state = state;
  const { exitCode, messages } = await run(source, request, input, { observer: input.observer, limits: input.limits });
  return new ReadResult(exitCode, messages);
}

async function catalogFor<Config>(source: Source<Config>, input: ReadInput<Config>): Promise<ConfiguredAirbyteCatalog> {
  if (input.catalog !== undefined) {
    if (input.streams !== undefined) throw new Error('read() takes a catalog or streams, not both');
    return buildable(input.catalog) as ConfiguredAirbyteCatalog;
  }
  const discovered = await discover(source, { config: input.config, debug: input.debug, signal: input.signal });
  if (discovered.exitCode !== 0) throw new Error(`discover failed before the read (${discovered.describeErrors()})`);
  return configuredCatalog(discovered.catalog, input.streams, { syncMode: input.syncMode });
}

function buildable(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && typeof (value as { build?: unknown }).build === 'function') {
    return (value as { build(): unknown }).build();
  }
  return value;
}

async function run<Config>(
  source: Source<Config>,
  request: InvokeRequest,
  options: RunOptions,
  read: { observer?: ReadObserver; limits?: ReadLimits } = {},
) {
  const sink = new CollectingSink(options.onMessage);
  const exitCode = await invoke(source, request, sink, { debug: options.debug, signal: options.signal, ...read });
  return { exitCode, messages: sink.messages };
}
