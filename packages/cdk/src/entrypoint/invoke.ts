import { MessageLogger } from '../output/logger.js';
import { MaskingSink } from '../output/masking-sink.js';
import type { MessageSink } from '../output/message-sink.js';
import { secretMasker } from '../output/secret-masker.js';
import type { ReadLimits, ReadObserver } from '../sources/read/read-observer.js';
import type { Source } from '../sources/source.js';
import type { CommandRequest } from './command-request.js';
import { execute } from './execute.js';
import { parseCatalog, parseConfig } from './input-files.js';

/** A command for `invoke`, with its inputs as values instead of files. */
export type InvokeRequest =
  | { command: 'spec' }
  | { command: 'check' | 'discover'; config: Record<string, unknown> }
  | { command: 'read'; config: Record<string, unknown>; catalog: unknown; state?: unknown };

/** How an in-process run behaves where the command line would read flags (`--debug`) or signals. */
export interface InvokeOptions {
  /** Emit DEBUG logs, like `--debug`. */
  debug?: boolean;
  /** Stops a read early. */
  signal?: AbortSignal;
  /** Told of each slice and page of a read as it goes (a tool showing the read, Tributary Studio). */
  observer?: ReadObserver;
  /** Limits of a preview read: records, slices, pages per slice, the slices to read. */
  limits?: ReadLimits;
}

/**
 * Runs a connector command in this process, through the same code as the command line, and
 * hands every message to `sink`; records arrive as objects, never serialized. Resolves to the
 * exit code the CLI would have used. The local runner and the test kit are built on it.
 */
export function invoke<Config>(
  source: Source<Config>,
  request: InvokeRequest,
  sink: MessageSink,
  options: InvokeOptions = {},
): Promise<number> {
  const masked = new MaskingSink(sink, secretMasker);
  const logger = new MessageLogger(masked, options.debug === true);
  const signal = options.signal ?? new AbortController().signal;
  return execute(source, toCommandRequest(request), masked, logger, signal, { observer: options.observer, limits: options.limits });
}

function toCommandRequest(request: InvokeRequest): CommandRequest {
  switch (request.command) {
    case 'spec':
      return { command: 'spec' };
    case 'check':
    case 'discover':
      return { command: request.command, config: async () => parseConfig(request.config), configLabel: 'config' };
    case 'read': {
      const read: CommandRequest = {
        command: 'read',
        config: async () => parseConfig(request.config),
        configLabel: 'config',
        catalog: async () => parseCatalog(request.catalog),
        stateLabel: 'state',
      };
      if (request.state !== undefined) read.state = async () => request.state;
      return read;
    }
  }
}
