/**
 * `tributary sync`: discover (or take `--catalog`), read the connector into DuckDB with the state
 * stored there by the previous sync, show progress, print a summary. Exit code 0 when every
 * stream synced, 1 when the connector or the destination failed (what was committed stays), 2 for
 * bad arguments, 130 or 143 when interrupted by SIGINT or SIGTERM (see sync/sync-interruption.ts).
 */
import { secretMasker } from '@tributary/cdk/runtime';
import type { Connector } from '../connectors/connector.js';
import { maskConnectorSecrets } from '../connectors/connector-secrets.js';
import { openConnector } from '../connectors/open-connector.js';
import { DuckDBDestination } from '../destinations/duckdb/duckdb-destination.js';
import { asUsageError, EXIT_FAILURE, EXIT_OK, signalExitCode, UsageError } from '../exit-codes.js';
import { readConfig, saveConfig } from '../inputs/config-input.js';
import type { Output } from '../output.js';
import { type ProgressMode, ProgressView } from '../progress/progress-view.js';
import { summaryText } from '../progress/summary.js';
import { chooseCatalog } from '../sync/catalog.js';
import { SyncInterruption } from '../sync/sync-interruption.js';
import { SyncLogger } from '../sync/sync-logger.js';
import { destinationPath, progressIntervalMs, progressMode, type SyncOptions } from '../sync/sync-options.js';
import { errorSummary, outcomeText, resultOfFailure, resultOfRead, type SyncResult } from '../sync/sync-result.js';

/** What one sync works with, once its connector, config and destination are open. */
interface SyncContext {
  connector: Connector;
  config: Record<string, unknown>;
  destination: DuckDBDestination;
  options: SyncOptions;
  output: Output;
  progress: ProgressMode;
  logger: SyncLogger;
}

/**
 * Runs `tributary sync`: reads the connector into DuckDB and returns the exit code, so programs can
 * embed the command.
 */
export async function syncCommand(connectorArg: string | undefined, options: SyncOptions, output: Output): Promise<number> {
  const started = performance.now();
  const progress = progressMode(options.progress, output.stderr);
  const logger = new SyncLogger(output.stderr, options.verbose === true);
  const { log } = logger;
  const connector = await openConnector({ folder: connectorArg, command: options.command, image: options.image }, log);
  const { config, file: configFile } = asUsageError(() => readConfig(options.config));
  const destination = await DuckDBDestination.open(destinationPath(options.to, connector.name), {
    events: { log, config: (updated) => configChanged(configFile, updated, log) },
  });
  const result = await runSync({ connector, config, destination, options, output, progress, logger });
  await recordOutcome(destination, result, log);
  output.stdout.write(`${summary(connector, destination, result, performance.now() - started)}\n`);
  destination.close();
  if (process.env.TRIBUTARY_DEBUG) output.stderr.write(`${memoryUsage()}\n`);
  if (result.status === 'succeeded') return EXIT_OK;
  output.stderr.write(`${outcomeText(result)}\n`);
  return result.status === 'interrupted' ? signalExitCode(result.signal ?? 'SIGINT') : EXIT_FAILURE;
}

/** A CONTROL message changed the config: saved to its file, as the Airbyte platform does, unless it was inline. */
function configChanged(file: string | undefined, config: Record<string, unknown>, log: SyncLogger['log']): void {
  if (file === undefined) {
    log('WARN', 'the connector updated its config, but it was given inline, so the change is not saved');
    return;
  }
  saveConfig(file, config);
  log('WARN', `the connector updated its config; saved to ${file}`);
}

/**
 * Runs the sync with Ctrl-C handling; resolves to how it ended. A mistake in the command line
 * found on the way (a catalog without streams, an unknown stream) is recorded as a failed sync
 * and thrown.
 */
async function runSync(context: SyncContext): Promise<SyncResult> {
  const { destination, output } = context;
  const interruption = new SyncInterruption((signal) => {
    output.stderr.write(
      `\n${signal}: stopping the connector; keeping what was read up to its last state (${signal} again to quit at once)\n`,
    );
    destination.interrupt();
  });
  interruption.install();
  try {
    const code = await read(context, interruption);
    return resultOfRead(destination, code, interruption.signal);
  } catch (error) {
    if (error instanceof UsageError) {
      await destination
        .endSync({ status: 'failed', recordsRead: 0, recordsWritten: 0, error: secretMasker.mask(error.message) })
        .catch(() => undefined);
      destination.close();
      throw error;
    }
    return resultOfFailure(destination, error, interruption.signal);
  } finally {
    interruption.uninstall();
  }
}

/** The read itself, with the progress view; resolves to the connector's exit code (undefined: it did not stop in time). */
async function read(context: SyncContext, interruption: SyncInterruption): Promise<number | undefined> {
  const { connector, config, destination, options, output, logger } = context;
  await destination.beginSync(connector.name);
  await maskConnectorSecrets(connector, [config], logger.log);
  const catalog = await chooseCatalog(connector, config, options, interruption.abortSignal);
  if (catalog.streams.length === 0) throw new UsageError('the catalog has no streams to sync');
  const state = await destination.prepare(catalog, { fullRefresh: options.fullRefresh === true });
  const view = new ProgressView(() => destination.stats, {
    mode: context.progress,
    out: output.stderr,
    intervalMs: progressIntervalMs(options.progressInterval),
  });
  logger.showThrough(view);
  view.start();
  try {
    return await interruption.bounded(connector.read({ config, catalog, state }, destination, interruption.abortSignal));
  } finally {
    try {
      await destination.finish();
    } finally {
      view.stop();
      logger.showThrough(undefined);
    }
  }
}

/** Writes the WAL into the file and records the outcome in `_tributary_syncs` (a failure to is only a warning). */
async function recordOutcome(destination: DuckDBDestination, result: SyncResult, log: SyncLogger['log']): Promise<void> {
  await destination.checkpoint().catch(() => undefined);
  const error = errorSummary(result);
  try {
    await destination.endSync({
      status: result.status,
      recordsRead: destination.recordsRead,
      recordsWritten: destination.recordsWritten,
      error: error === undefined ? undefined : secretMasker.mask(error),
    });
  } catch (failure) {
    // The sync's own outcome matters more than its bookkeeping row.
    log('WARN', `could not record this sync in _tributary_syncs (${(failure as Error).message}); the next sync marks it interrupted`);
  }
}

/** The table printed at the end: per stream, what was read and committed. */
function summary(connector: Connector, destination: DuckDBDestination, result: SyncResult, elapsedMs: number): string {
  return summaryText({
    connector: connector.description,
    databasePath: destination.path,
    syncId: destination.syncId,
    elapsedMs,
    stats: destination.stats,
    status: result.status,
    skippedLines: destination.skipped.describe(),
  });
}

/** TRIBUTARY_DEBUG: the process's memory at the end of a sync. */
function memoryUsage(): string {
  const m = process.memoryUsage();
  const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
  return `memory: rss ${mb(m.rss)} MB, heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} MB, external ${mb(m.external)} MB, array buffers ${mb(m.arrayBuffers)} MB`;
}
