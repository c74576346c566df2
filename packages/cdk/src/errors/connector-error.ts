import type { FailureType, StreamDescriptor } from '../protocol/types.js';

/**
 * What a `ConnectorError` carries beyond its message: the failure type the platform acts on, and
 * details kept out of the user-facing text.
 */
export interface ConnectorErrorOptions {
  /** How the platform should treat the failure; defaults to `system_error`. */
  failureType?: FailureType;
  /** Detail for the connector's developers; shown as the trace's `internal_message`. */
  internalMessage?: string;
  /** The stream the error belongs to, when raised outside of that stream's read. */
  stream?: StreamDescriptor;
  cause?: unknown;
}

/**
 * The error a connector throws to choose what the user sees: `message` becomes the
 * TRACE error's user-facing message and `failureType` its `failure_type`.
 * Any other thrown value is reported as a `system_error`.
 */
export class ConnectorError extends Error {
  readonly failureType: FailureType;
  readonly internalMessage?: string;
  readonly stream?: StreamDescriptor;

  constructor(message: string, options: ConnectorErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConnectorError';
    this.failureType = options.failureType ?? 'system_error';
    this.internalMessage = options.internalMessage;
    this.stream = options.stream;
  }

  /** A problem the user can fix in the connector's configuration (or inputs). */
  static config(message: string, options: Omit<ConnectorErrorOptions, 'failureType'> = {}): ConnectorError {
    return new ConnectorError(message, { ...options, failureType: 'config_error' });
  }

  /** A problem that may go away when the sync is retried. */
  static transient(message: string, options: Omit<ConnectorErrorOptions, 'failureType'> = {}): ConnectorError {
    return new ConnectorError(message, { ...options, failureType: 'transient_error' });
  }
}

/** Reads a thrown value's message without assuming it is an Error. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
