/**
 * `tributary sync`: discover (or take `--catalog`), read the connector into DuckDB with the state
 * stored there by the previous sync, show progress, print a summary. Exit code 0 when every
 * stream synced, 1 when the connector or the destination failed (what was committed stays), 2 for
 * bad arguments, 130 when interrupted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AirbyteErrorTrace, type ConfiguredAirbyteCatalog, describeJsonSyntaxError, secretMasker } from '@tributary/cdk';
import { buildCatalog, filterCatalog, parseCatalogFile } from '../catalog.js';
import { readConfig, saveConfig } from '../config-input.js';
import { type Connector, ConnectorFailure } from '../connectors/connector.js';
import { maskConnectorSecrets } from '../connectors/connector-secrets.js';
import { PackageConnector } from '../connectors/package-connector.js';
import { ProcessConnector } from '../connectors/process-connector.js';
import { DuckDBDestination } from '../destinations/duckdb/duckdb-destination.js';
import { type ProgressMode, ProgressView } from '../progress/progress-view.js';
import { errorText, summaryText } from '../progress/summary.js';

export interface SyncOptions {
  command?: string;
  image?: string;
  config?: string;
  catalog?: string;
  streams?: string;
  fullRefresh?: boolean;
  to?: string;
  progress?: string;
  progressInterval?: string;
  verbose?: boolean;
}

/** Where output goes; tests replace it. */
export interface Output {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

export class UsageError extends Error {}

export async function syncCommand(connectorArg: string | undefined, options: SyncOptions, output: Output): Promise<number> {
  const started = performance.now();
  const progressMode = chooseProgress(options.progress, output.stderr);
  let view: ProgressView | undefined;
  // The same warning often comes from discover, from read and from the runner itself: shown once.
  const warned = new Set<string>();
  const log = (level: string, message: string) => {
    const upper = level.toUpperCase();
    if (upper === 'WARN' && warned.has(message)) return;
    if (upper === 'WARN') warned.add(message);
    if (!options.verbose && !['WARN', 'ERROR', 'FATAL'].includes(upper) && !(upper === 'DEBUG' && process.env.TRIBUTARY_DEBUG)) return;
    const line = `${upper === 'INFO' ? '' : `${upper.toLowerCase()}: `}${message}`;
    if (view) view.log(line);
    else output.stderr.write(`${line}\n`);
  };

  const connector = await openConnector(connectorArg, options, log);
  const { config, file: configFile } = usage(() => readConfig(options.config));
  const path = destinationPath(options.to, connector.name);
  const destination = await DuckDBDestination.open(path, {
    events: {
      log,
      config: (updated) => {
        if (configFile !== undefined) {
          saveConfig(configFile, updated);
          log('WARN', `the connector updated its config; saved to ${configFile}`);
        } else log('WARN', 'the connector updated its config, but it was given inline, so the change is not saved');
      },
    },
  });

  let status: 'succeeded' | 'failed' | 'interrupted' = 'failed';
  let errors: AirbyteErrorTrace[] = [];
  let problem: string | undefined;
  const abort = new AbortController();
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) process.exit(signal === 'SIGINT' ? 130 : 143);
    interrupted = true;
    output.stderr.write(`\n${signal}: stopping; committing what was read (again to quit at once)\n`);
    destination.stop();
    abort.abort(new Error(`received ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await destination.beginSync(connector.name);
    await maskConnectorSecrets(connector, [config], log);
    const catalog = await chooseCatalog(connector, config, options);
    if (catalog.streams.length === 0) throw new UsageError('the catalog has no streams to sync');
    const state = await destination.prepare(catalog, { fullRefresh: options.fullRefresh === true });
    view = new ProgressView(() => destination.stats, {
      mode: progressMode,
      out: output.stderr,
      intervalMs: Math.max(100, Number(options.progressInterval ?? 10) * 1000),
    });
    view.start();
    let code: number;
    try {
      code = await connector.read({ config, catalog, state }, destination, abort.signal);
    } finally {
      try {
        await destination.finish();
      } finally {
        view.stop();
      }
    }
    errors = destination.errors;
    if (interrupted) status = 'interrupted';
    else if (code === 0 && errors.length === 0) status = 'succeeded';
    else {
      status = 'failed';
      if (errors.length === 0) problem = `the connector exited with code ${code} without an error message`;
    }
  } catch (error) {
    if (error instanceof UsageError) {
      await destination
        .endSync({ status: 'failed', recordsRead: 0, recordsWritten: 0, error: secretMasker.mask(error.message) })
        .catch(() => undefined);
      destination.close();
      throw error;
    }
    errors = destination.errors;
    if (error instanceof ConnectorFailure && error.trace) errors = [...errors, error.trace];
    else problem = error instanceof Error ? error.message : String(error);
    status = interrupted ? 'interrupted' : 'failed';
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  await destination.checkpoint().catch(() => undefined);
  const errorSummary = errors.length > 0 ? errors.map((e) => `${e.message} (${e.failure_type ?? 'unknown'})`).join('; ') : problem;
  try {
    await destination.endSync({
      status,
      recordsRead: total(destination, 'records'),
      recordsWritten: destination.recordsWritten,
      error: errorSummary === undefined ? undefined : secretMasker.mask(errorSummary),
    });
  } catch {
    // The sync's own outcome matters more than its bookkeeping row.
  }
  const exampleTable = destination.targets.find((t) => t.stats.written > 0)?.stats.label ?? destination.targets[0]?.stats.label;
  output.stdout.write(
    `${summaryText({
      connector: connector.description,
      databasePath: destination.path,
      syncId: destination.syncId,
      elapsedMs: performance.now() - started,
      stats: destination.stats,
      exampleTable: exampleTable === undefined ? undefined : sqlName(exampleTable),
      status,
    })}\n`,
  );
  destination.close();
  if (process.env.TRIBUTARY_DEBUG) {
    const m = process.memoryUsage();
    output.stderr.write(
      `memory: rss ${(m.rss / 1e6).toFixed(0)} MB, heap ${(m.heapUsed / 1e6).toFixed(0)}/${(m.heapTotal / 1e6).toFixed(0)} MB, external ${(m.external / 1e6).toFixed(0)} MB, array buffers ${(m.arrayBuffers / 1e6).toFixed(0)} MB\n`,
    );
  }
  if (status === 'succeeded') return 0;
  const lines = [errors.length > 0 ? errorText(errors) : '', problem ? `error: ${problem}` : ''].filter(Boolean);
  lines.push(
    status === 'interrupted'
      ? 'Interrupted: what was read before the stop is committed; the next sync resumes from the last committed state.'
      : 'Kept what was committed: tables of streams that did not complete keep their previous data, and the next sync resumes from the last committed state.',
  );
  output.stderr.write(`${lines.join('\n')}\n`);
  return status === 'interrupted' ? 130 : 1;
}

async function openConnector(
  connectorArg: string | undefined,
  options: SyncOptions,
  log: (level: string, message: string) => void,
): Promise<Connector> {
  const given = [connectorArg !== undefined, options.command !== undefined, options.image !== undefined].filter(Boolean).length;
  if (given !== 1) throw new UsageError('give exactly one connector: a package folder, --command "<cmd>" or --image <image>');
  if (options.command !== undefined) return ProcessConnector.command(options.command, log);
  if (options.image !== undefined) return ProcessConnector.image(options.image, log);
  try {
    return await PackageConnector.load(connectorArg as string, log);
  } catch (error) {
    if (error instanceof ConnectorFailure) throw new UsageError(error.message);
    throw error;
  }
}

async function chooseCatalog(
  connector: Connector,
  config: Record<string, unknown>,
  options: SyncOptions,
): Promise<ConfiguredAirbyteCatalog> {
  const streams = options.streams
    ?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (options.catalog !== undefined) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(options.catalog, 'utf8'));
    } catch (error) {
      const reason = error instanceof SyntaxError ? `not valid JSON (${describeJsonSyntaxError(error)})` : (error as Error).message;
      throw new UsageError(`cannot read catalog file ${options.catalog}: ${reason}`);
    }
    return filterCatalog(parseCatalogFile(raw, options.catalog), streams);
  }
  const discovered = await connector.discover(config);
  try {
    return buildCatalog(discovered, streams);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function usage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** `--to duckdb:path`, `--to path`, or `.tributary/<connector>.duckdb`. */
export function destinationPath(to: string | undefined, connectorName: string): string {
  if (to === undefined) return join('.tributary', `${connectorName}.duckdb`);
  const path = to.startsWith('duckdb:') ? to.slice('duckdb:'.length) : to;
  if (path === '' || path.includes('://')) throw new UsageError(`--to takes duckdb:<path> (or a path), got '${to}'`);
  return path;
}

function chooseProgress(requested: string | undefined, stderr: Output['stderr']): ProgressMode {
  if (requested === undefined || requested === 'auto') return stderr.isTTY && !process.env.CI ? 'tty' : 'plain';
  if (requested === 'tty' || requested === 'plain' || requested === 'none') return requested;
  throw new UsageError(`--progress takes auto, tty, plain or none, got '${requested}'`);
}

function total(destination: DuckDBDestination, key: 'records'): number {
  return destination.stats.reduce((sum, s) => sum + s[key], 0);
}

/** A table name as it can be typed in a query. */
function sqlName(label: string): string {
  return label
    .split('.')
    .map((part) => (/^[a-z_][a-z0-9_]*$/.test(part) ? part : `\\"${part.replaceAll('"', '""')}\\"`))
    .join('.');
}
