import type { MessageWriter } from '../output/message-writer.js';
import { errorTraceMessage } from '../protocol/messages.js';

/** How long the read gets to stop after a signal before the connector ends without it. */
export const STOP_GRACE_MS = 2000;
/** How long stdout's reader then gets to take what was written before the process exits anyway. */
export const DRAIN_TIMEOUT_MS = 3000;

/**
 * What a connector does on SIGTERM or SIGINT (the platform cancelling a sync, Ctrl-C):
 * 1. It stops reading (the read's AbortSignal fires) and waits up to `STOP_GRACE_MS` for the
 *    streams to stop; records already produced are still written, as whole lines.
 * 2. It writes an error TRACE naming the signal as the very last line; lines produced after it
 *    are dropped.
 * 3. It waits up to `DRAIN_TIMEOUT_MS` for stdout to take everything, so the reader never sees
 *    half a line, and exits with 128 + the signal number (143 for SIGTERM, 130 for SIGINT).
 * A second signal skips what is left of the grace period.
 */
export class SignalShutdown {
  private received: NodeJS.Signals | undefined;
  private finishing: Promise<never> | undefined;
  private graceTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly writer: MessageWriter,
    private readonly abort: AbortController,
  ) {}

  /** The signal that stops the connector, once one arrived. */
  get signal(): NodeJS.Signals | undefined {
    return this.received;
  }

  /** Handles SIGTERM and SIGINT from now on; returns the undo. */
  install(): () => void {
    const onSignal = (signal: NodeJS.Signals) => this.onSignal(signal);
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    return () => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      clearTimeout(this.graceTimer);
    };
  }

  /** Writes the final TRACE, lets stdout drain (for a bounded time) and exits. Never resolves. */
  finish(): Promise<never> {
    this.finishing ??= this.end(this.received ?? 'SIGTERM');
    return this.finishing;
  }

  private onSignal(signal: NodeJS.Signals): void {
    if (this.received !== undefined) {
      void this.finish();
      return;
    }
    this.received = signal;
    this.abort.abort(new Error(`received ${signal}`));
    this.graceTimer = setTimeout(() => void this.finish(), STOP_GRACE_MS);
  }

  private async end(signal: NodeJS.Signals): Promise<never> {
    clearTimeout(this.graceTimer);
    this.writer.writeFinal(
      errorTraceMessage({
        message: `The connector was stopped by ${signal} before it finished`,
        internal_message: `received ${signal}; the read was stopped and the connector exits with code ${exitCodeFor(signal)}`,
        failure_type: 'transient_error',
      }),
    );
    await this.writer.closeWithin(DRAIN_TIMEOUT_MS);
    process.exit(exitCodeFor(signal));
  }
}

/** The shell's convention: 128 + the signal number. */
export function exitCodeFor(signal: NodeJS.Signals): number {
  return signal === 'SIGINT' ? 130 : 143;
}
