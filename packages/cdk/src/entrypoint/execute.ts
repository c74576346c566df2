import { errorTraceFor } from '../errors/error-trace.js';
import { stopObservingConfig } from '../output/config-updates.js';
import type { Logger } from '../output/logger.js';
import type { MessageSink } from '../output/message-sink.js';
import { secretMasker } from '../output/secret-masker.js';
import { errorTraceMessage } from '../protocol/messages.js';
import type { ReadLimits, ReadObserver } from '../sources/read/read-observer.js';
import type { Source } from '../sources/source.js';
import type { CommandRequest } from './command-request.js';
import { runCommand } from './commands.js';

/**
 * Runs one command against a sink: the part the CLI and in-process callers share. Whatever is
 * thrown becomes a TRACE error (secrets masked) and exit code 1.
 */
export async function execute<Config>(
  source: Source<Config>,
  request: CommandRequest,
  sink: MessageSink,
  logger: Logger,
  signal: AbortSignal,
  read: { observer?: ReadObserver; limits?: ReadLimits } = {},
): Promise<number> {
  try {
    return await runCommand(source, request, { writer: sink, logger, masker: secretMasker, signal, ...read });
  } catch (error) {
    sink.writeMessage(errorTraceMessage(errorTraceFor(error)));
    return 1;
  } finally {
    stopObservingConfig();
  }
}
