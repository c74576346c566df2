import { maskConfigSecrets } from '../config/config-secrets.js';
import type { InternalConfig } from '../config/internal-config-keys.js';
import { ConnectorError, describeError } from '../errors/connector-error.js';
import { assertUsableJsonInput } from '../json/json-input.js';
import { observeConfig } from '../output/config-updates.js';
import type { Logger } from '../output/logger.js';
import type { MessageSink } from '../output/message-sink.js';
import type { SecretMasker } from '../output/secret-masker.js';
import { connectionStatusMessage } from '../protocol/messages.js';
import { SchemaError } from '../schema/schema-error.js';
import { discoverEntry } from '../sources/discover-entry.js';
import type { ReadLimits, ReadObserver } from '../sources/read/read-observer.js';
import { DEFAULT_CONCURRENCY, readSource } from '../sources/read/read-source.js';
import type { Source } from '../sources/source.js';
import { sourceStreams } from '../sources/source-streams.js';
import { parseInputState } from '../state/input-state.js';
import type { CommandRequest } from './command-request.js';
import { loadSpec, specIssues } from './config-problems.js';

export interface CommandContext {
  writer: MessageSink;
  logger: Logger;
  masker: SecretMasker;
  signal: AbortSignal;
  /** A read's observer and limits (in-process callers: see `InvokeOptions`). */
  observer?: ReadObserver;
  limits?: ReadLimits;
}

/** Runs one command; resolves to the exit code, or throws an error to report as a TRACE. */
export async function runCommand<Config>(source: Source<Config>, request: CommandRequest, context: CommandContext): Promise<number> {
  const { writer } = context;
  switch (request.command) {
    case 'spec':
      writer.writeMessage({ type: 'SPEC', spec: await loadSpec(source) });
      return 0;
    case 'check':
      return check(source, request, context);
    case 'discover': {
      const { config } = await validateConfig(source, await request.config(), request.configLabel, context);
      const streams = await sourceStreams(source, config);
      const entries = [];
      for (const stream of streams) entries.push(await describeStream(stream));
      writer.writeMessage({ type: 'CATALOG', catalog: { streams: entries } });
      return 0;
    }
    case 'read': {
      const { config, internal } = await validateConfig(source, await request.config(), request.configLabel, context);
      const catalog = await request.catalog();
      const inputState =
        request.state === undefined ? { streams: new Map() } : parseInputState(await request.state(), context.logger, request.stateLabel);
      const streams = await sourceStreams(source, config);
      const concurrency = internal.concurrency ?? source.concurrency ?? DEFAULT_CONCURRENCY;
      const { logger, signal, observer, limits } = context;
      await readSource(streams, catalog, { writer, logger, signal, internal, inputState, observer, limits }, concurrency);
      return 0;
    }
  }
}

async function check<Config>(
  source: Source<Config>,
  request: { config: () => Promise<Record<string, unknown>>; configLabel: string },
  context: CommandContext,
): Promise<number> {
  const { writer, logger } = context;
  // A config file that cannot be read or is not a JSON object is bad input, not a failed check:
  // like the Python CDK, report it as a TRACE error with a non-zero exit. A config that is read
  // but not valid (against the spec, too deep, a non-finite number) fails the check.
  const raw = await request.config();
  let config: Config;
  try {
    config = (await validateConfig(source, raw, request.configLabel, context)).config;
  } catch (error) {
    if (!(error instanceof ConnectorError) || error.failureType !== 'config_error') throw error;
    writer.writeMessage(connectionStatusMessage({ status: 'FAILED', message: error.message }));
    return 0;
  }
  try {
    await source.checkConnection(config, logger);
    writer.writeMessage(connectionStatusMessage({ status: 'SUCCEEDED' }));
  } catch (error) {
    logger.error(`Connection check failed: ${describeError(error)}`, error);
    writer.writeMessage(connectionStatusMessage({ status: 'FAILED', message: describeError(error) }));
  }
  return 0;
}

/**
 * Refuses a config too deeply nested or holding a non-finite number, registers its secrets for
 * masking before anything can print them, takes out the CDK's own `_` keys and validates the
 * rest against the spec.
 */
async function validateConfig<Config>(
  source: Source<Config>,
  raw: Record<string, unknown>,
  label: string,
  context: CommandContext,
): Promise<{ config: Config; internal: InternalConfig }> {
  assertUsableJsonInput(raw, label);
  const spec = await loadSpec(source);
  maskConfigSecrets(spec.connectionSpecification, raw, context.masker, (message) => context.logger.warn(message));
  const { config, internal, issues } = await specIssues(source, spec, raw);
  if (issues.length > 0) {
    throw ConnectorError.config(`Config validation error: ${issues.map((issue) => issue.message).join('; ')}`);
  }
  observeConfig(raw, (message) => context.writer.writeMessage(message));
  return { config: config as Config, internal };
}

async function describeStream(stream: Parameters<typeof discoverEntry>[0]) {
  try {
    return await discoverEntry(stream);
  } catch (error) {
    if (error instanceof SchemaError) throw error;
    throw new ConnectorError(`Cannot build the catalog entry of stream '${stream.name}': ${describeError(error)}`, { cause: error });
  }
}
