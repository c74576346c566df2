/**
 * `tributary sync`: discover (or take `--catalog`), read the connector into DuckDB with the state
 * stored there by the previous sync, show progress, print a summary. Exit code 0 when every
 * stream synced, 1 when the connector or the destination failed (what was committed stays), 2 for
 * bad arguments, 130 or 143 when interrupted by SIGINT or SIGTERM (see sync-interruption.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AirbyteErrorTrace, ConfiguredAirbyteCatalog } from '@tributary/cdk';
import { secretMasker } from '@tributary/cdk/runtime';
import { buildCatalog, filterCatalog, parseCatalogFile } from '../catalog.js';
import { readConfig, saveConfig } from '../config-input.js';
import { type Connector, ConnectorFailure } from '../connectors/connector.js';
import { maskConnectorSecrets } from '../connectors/connector-secrets.js';
import { PackageConnector } from '../connectors/package-connector.js';
import { ProcessConnector } from '../connectors/process-connector.js';
import { DuckDBDestination } from '../destinations/duckdb/duckdb-destination.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../exit-codes.js';
import { parseBoundedJson } from '../json-depth.js';
import { type ProgressMode, ProgressView } from '../progress/progress-view.js';
import { errorText, summaryText } from '../progress/summary.js';
import { SyncInterruption } from './sync-interruption.js';

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

export { UsageError };

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

  let status: SyncStatus = 'failed';
  let errors: AirbyteErrorTrace[] = [];
  let problem: string | undefined;
  const interruption = new SyncInterruption((signal) => {
    output.stderr.write(
      `\n${signal}: stopping the connector; keeping what was read up to its last state (${signal} again to quit at once)\n`,
    );
    destination.interrupt();
  });
  interruption.install();
  try {
    await destination.beginSync(connector.name);
    await maskConnectorSecrets(connector, [config], log);
    const catalog = await chooseCatalog(connector, config, options, interruption.abortSignal);
    if (catalog.streams.length === 0) throw new UsageError('the catalog has no streams to sync');
    const state = await destination.prepare(catalog, { fullRefresh: options.fullRefresh === true });
    view = new ProgressView(() => destination.stats, {
      mode: progressMode,
      out: output.stderr,
      intervalMs: Math.max(100, Number(options.progressInterval ?? 10) * 1000),
    });
    view.start();
    let code: number | undefined;
    try {
      code = await interruption.bounded(connector.read({ config, catalog, state }, destination, interruption.abortSignal));
    } finally {
      try {
        await destination.finish();
      } finally {
        view.stop();
      }
    }
    errors = destination.errors;
    problem = destination.rejection;
    if (problem !== undefined) status = 'failed';
    else if (interruption.signal !== undefined) status = 'interrupted';
    else if (code === 0 && errors.length === 0) status = 'succeeded';
    else if (errors.length === 0) problem = `the connector exited with code ${code} without an error message`;
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
    status = interruption.signal !== undefined && destination.error === undefined ? 'interrupted' : 'failed';
  } finally {
    interruption.uninstall();
  }

  await destination.checkpoint().catch(() => undefined);
  const errorSummary =
    errors.length > 0
      ? errors.map((e) => `${e.message} (${e.failure_type ?? 'unknown'})`).join('; ')
      : (problem ?? (status === 'interrupted' ? `interrupted by ${interruption.signal}` : undefined));
  try {
    await destination.endSync({
      status,
      recordsRead: total(destination, 'records'),
      recordsWritten: destination.recordsWritten,
      error: errorSummary === undefined ? undefined : secretMasker.mask(errorSummary),
    });
  } catch (error) {
    // The sync's own outcome matters more than its bookkeeping row.
    log('WARN', `could not record this sync in _tributary_syncs (${(error as Error).message}); the next sync marks it interrupted`);
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
      skippedLines: destination.skipped.describe(),
    })}\n`,
  );
  destination.close();
  if (process.env.TRIBUTARY_DEBUG) {
    const m = process.memoryUsage();
    output.stderr.write(
      `memory: rss ${(m.rss / 1e6).toFixed(0)} MB, heap ${(m.heapUsed / 1e6).toFixed(0)}/${(m.heapTotal / 1e6).toFixed(0)} MB, external ${(m.external / 1e6).toFixed(0)} MB, array buffers ${(m.arrayBuffers / 1e6).toFixed(0)} MB\n`,
    );
  }
  if (status === 'succeeded') return EXIT_OK;
  output.stderr.write(`${outcomeText(status, errors, problem)}\n`);
  return status === 'interrupted' ? interruption.exitCode : EXIT_FAILURE;
}

type SyncStatus = 'succeeded' | 'failed' | 'interrupted';

/** What a sync that did not succeed says on stderr: its errors, and what it kept. */
function outcomeText(status: SyncStatus, errors: AirbyteErrorTrace[], problem: string | undefined): string {
  const lines = [errors.length > 0 ? errorText(errors) : '', problem ? `error: ${problem}` : ''].filter(Boolean);
  lines.push(
    status === 'interrupted'
      ? 'Interrupted: what was read up to the last state of each stream is committed; the next sync resumes from there.'
      : 'Kept what was committed: tables of streams that did not complete keep their previous data, and the next sync resumes from the last committed state.',
  );
  return lines.join('\n');
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
  signal: AbortSignal,
): Promise<ConfiguredAirbyteCatalog> {
  const streams = options.streams
    ?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (options.catalog !== undefined) {
    let raw: unknown;
    try {
      raw = parseBoundedJson(readFileSync(options.catalog, 'utf8'), `catalog file ${options.catalog}`);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(code === undefined ? (error as Error).message : `cannot read catalog file ${options.catalog}: ${code}`);
    }
    return filterCatalog(parseCatalogFile(raw, options.catalog), streams);
  }
  const discovered = await connector.discover(config, signal);
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

/** A scheme at the start of `--to` (`duckdb:`, `postgres:`); a drive letter on Windows is not one. */
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

/**
 * `--to duckdb:<path>`, `--to <path>` (a path without a scheme), or `.tributary/<connector>.duckdb`.
 * Any other scheme is refused rather than taken for a file name: `--to postgres:x` is a usage
 * error, and a path with a colon in it is written `duckdb:<path>`.
 */
export function destinationPath(to: string | undefined, connectorName: string): string {
  if (to === undefined) return join('.tributary', `${connectorName}.duckdb`);
  const scheme = SCHEME.exec(to)?.[1];
  const drive = process.platform === 'win32' && /^[A-Za-z]:[\\/]/.test(to);
  if (scheme !== undefined && scheme.toLowerCase() !== 'duckdb' && !drive) {
    throw new UsageError(
      `--to: unknown destination '${scheme}:' in '${to}'; the supported one is duckdb:<path> (or a path without a scheme; write a path with a colon as duckdb:<path>)`,
    );
  }
  const path = scheme !== undefined && !drive ? to.slice(scheme.length + 1) : to;
  if (path === '' || path.startsWith('//')) throw new UsageError(`--to takes duckdb:<path> (or a path), got '${to}'`);
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
