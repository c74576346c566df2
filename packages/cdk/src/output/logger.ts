import type { LogLevel } from '../protocol/types.js';
import type { MessageSink } from './message-sink.js';

/** The logger a connector uses; every line becomes an Airbyte `LOG` message with secrets masked. */
export interface Logger {
  /** Diagnostic detail, written only with `--debug` or `LOG_LEVEL=debug`. */
  debug(message: string): void;
  /** Progress a user may want to see in the sync log. */
  info(message: string): void;
  /** Something the user should act on that does not fail the sync. */
  warn(message: string): void;
  /** Logs at ERROR; when an error is given, its stack goes into `stack_trace`. */
  error(message: string, error?: unknown): void;
  readonly isDebugEnabled: boolean;
}

/** A logger that writes `LOG` messages through the message writer. */
export class MessageLogger implements Logger {
  constructor(
    private readonly writer: MessageSink,
    readonly isDebugEnabled: boolean,
  ) {}

  debug(message: string): void {
    if (this.isDebugEnabled) this.log('DEBUG', message);
  }

  info(message: string): void {
    this.log('INFO', message);
  }

  warn(message: string): void {
    this.log('WARN', message);
  }

  error(message: string, error?: unknown): void {
    this.log('ERROR', message, error instanceof Error ? error.stack : undefined);
  }

  log(level: LogLevel, message: string, stackTrace?: string): void {
    this.writer.writeMessage({ type: 'LOG', log: stackTrace ? { level, message, stack_trace: stackTrace } : { level, message } });
  }
}
