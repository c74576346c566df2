import type { Writable } from 'node:stream';
import { errorTraceFor } from '../errors/error-trace.js';
import { MessageLogger } from '../output/logger.js';
import { MessageWriter } from '../output/message-writer.js';
import { secretMasker } from '../output/secret-masker.js';
import { errorTraceMessage } from '../protocol/messages.js';
import type { Source } from '../sources/source.js';
import { type CliCommand, parseCliArgs } from './cli-args.js';
import type { CommandRequest } from './command-request.js';
import { execute } from './execute.js';
import { readCatalogFile, readConfigFile, readJsonFile } from './input-files.js';
import { tuneHeapForStreaming } from './node-options.js';
import { captureConsole, maskStream } from './process-output.js';
import { exitCodeFor, SignalShutdown } from './signal-shutdown.js';

/**
 * What `launch()` takes besides the source; tests and embedders pass streams and an exit hook
 * instead of the real process.
 */
export interface LaunchOptions {
  /** Where messages go; default `process.stdout`. */
  stdout?: Writable;
  /**
   * Whether launch owns the process: routes `console.*` into LOG messages, masks stderr,
   * handles SIGTERM/SIGINT (signal-shutdown.ts) and uncaught errors, tunes V8's heap growth for a long stream
   * (node-options.ts), and exits when done. Default: true when
   * writing to `process.stdout`; false otherwise (for running a connector inside a test).
   */
  ownProcess?: boolean;
}

/**
 * The connector entrypoint: `await launch(new MySource())`. Implements `spec`, `check`,
 * `discover` and `read` with the Airbyte argument contract and resolves to the exit code.
 */
export async function launch<Config>(
  source: Source<Config>,
  argv: readonly string[] = process.argv.slice(2),
  options: LaunchOptions = {},
): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const ownProcess = options.ownProcess ?? stdout === process.stdout;
  const writer = new MessageWriter(stdout, { masker: secretMasker });
  const debug = argv.includes('--debug') || (process.env.LOG_LEVEL ?? '').toLowerCase() === 'debug';
  const logger = new MessageLogger(writer, debug);
  const abort = new AbortController();
  const shutdown = new SignalShutdown(writer, abort);
  writer.onClosedByReader(() => {
    abort.abort(new Error('stdout was closed'));
    // Nobody is listening any more: stop quietly, as a command in a pipeline should.
    if (ownProcess) process.exit(shutdown.signal === undefined ? 0 : exitCodeFor(shutdown.signal));
  });

  const cleanups: Array<() => void> = [];
  const fail = (error: unknown) => writer.writeMessage(errorTraceMessage(errorTraceFor(error)));
  if (ownProcess) {
    tuneHeapForStreaming();
    cleanups.push(captureConsole(logger), maskStream(process.stderr, secretMasker));
    const onFatal = (error: unknown) => {
      fail(error);
      void writer.close().then(() => process.exit(1));
    };
    process.on('uncaughtException', onFatal);
    process.on('unhandledRejection', onFatal);
    cleanups.push(shutdown.install(), () => {
      process.off('uncaughtException', onFatal);
      process.off('unhandledRejection', onFatal);
    });
  }

  let code: number;
  try {
    const cli = parseCliArgs(argv);
    if ('help' in cli) {
      process.stderr.write(cli.help);
      code = 0;
    } else {
      code = await execute(source, requestFromCli(cli), writer, logger, abort.signal);
    }
  } catch (error) {
    fail(error);
    code = 1;
  }
  // Stopped by a signal: the stop, not the command's own outcome, ends the process.
  if (ownProcess && shutdown.signal !== undefined) await shutdown.finish();
  await writer.close();
  for (const cleanup of cleanups) cleanup();
  if (ownProcess) {
    process.exitCode = code;
    // Open sockets or timers left by connector code must not keep a finished sync alive.
    process.exit(code);
  }
  return code;
}

/** The CLI's inputs are files: each is read when the command needs it, and named in errors. */
function requestFromCli(cli: CliCommand): CommandRequest {
  switch (cli.command) {
    case 'spec':
      return { command: 'spec' };
    case 'check':
    case 'discover':
      return { command: cli.command, config: () => readConfigFile(cli.config), configLabel: `config file '${cli.config}'` };
    case 'read': {
      const { state } = cli;
      const request: CommandRequest = {
        command: 'read',
        config: () => readConfigFile(cli.config),
        configLabel: `config file '${cli.config}'`,
        catalog: () => readCatalogFile(cli.catalog),
        stateLabel: `state file '${state}'`,
      };
      if (state !== undefined) request.state = () => readJsonFile(state, 'state');
      return request;
    }
  }
}
