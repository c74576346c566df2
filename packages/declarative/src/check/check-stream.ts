// The manifest's `check`, as the Python CDK runs it: CheckStream reads the first record of each
// named stream (the config's `airbyte_check_stream_names` overrides the names), the first stream
// that cannot be read fails the check; CheckDynamicStream and `dynamic_streams_check_configs`
// check streams of `dynamic_streams`. A failure's message is the Python CDK's, as its
// CONNECTION_STATUS prints it (Python's repr() of the reason).
import { ConnectorError, type Logger } from '@tributary/cdk';
import { pythonRepr } from '../interpolation/index.js';
import { isMapping, type JsonMapping } from '../manifest/json-values.js';
import type { DeclarativeStream } from '../streams/declarative-stream.js';
import { firstRecordOf } from './stream-availability.js';

const CHECK_STREAM_NAMES_CONFIG_KEY = 'airbyte_check_stream_names';

export async function runCheck(
  check: unknown,
  streams: readonly DeclarativeStream[],
  config: Record<string, unknown>,
  logger: Logger,
): Promise<void> {
  if (!isMapping(check)) throw failure('The manifest has no check component');
  if (check.type === 'CheckDynamicStream' || hasDynamicChecks(check)) {
    throw failure(
      'Checking dynamic streams is not supported by Tributary yet: the manifest has dynamic_streams, which it does not support',
    );
  }
  if (check.type !== 'CheckStream') throw failure(`The check ${String(check.type)} cannot run in Tributary`);
  if (streams.length === 0) throw failure('No streams to connect to from source');
  const byName = new Map(streams.map((stream) => [stream.name, stream]));
  for (const name of streamNames(check, config)) {
    const stream = byName.get(name);
    if (stream === undefined) {
      throw failure(`${name} is not part of the catalog. Expected one of ${pythonRepr([...byName.keys()])}.`, false);
    }
    const reason = await unavailability(stream, logger);
    if (reason !== undefined) throw failure(reason);
  }
}

function streamNames(check: JsonMapping, config: Record<string, unknown>): string[] {
  const configured = config[CHECK_STREAM_NAMES_CONFIG_KEY];
  if (configured === undefined || configured === null) return Array.isArray(check.stream_names) ? check.stream_names.map(String) : [];
  if (!Array.isArray(configured) || !configured.every((name) => typeof name === 'string')) {
    throw failure(`${CHECK_STREAM_NAMES_CONFIG_KEY} must be a list of strings.`, false);
  }
  return configured as string[];
}

function hasDynamicChecks(check: JsonMapping): boolean {
  return Array.isArray(check.dynamic_streams_check_configs) && check.dynamic_streams_check_configs.length > 0;
}

/** Why the stream cannot be read, as the CDK words it; undefined when its first record came (or it has none). */
async function unavailability(stream: DeclarativeStream, logger: Logger): Promise<string | undefined> {
  try {
    await firstRecordOf(stream, logger);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ConnectorError) {
      const reason = `Stream ${stream.name} is not available: ${message}`;
      logger.warn(reason);
      return reason;
    }
    return `Encountered an error while checking availability of stream ${stream.name}. Error: ${message}`;
  }
}

/** A failed check: the reason as the Python CDK's CONNECTION_STATUS shows it (`repr(reason)`). */
function failure(reason: string, quoted = true): ConnectorError {
  return ConnectorError.config(quoted ? pythonRepr(reason) : reason);
}
