import type { AirbyteErrorTrace, StreamDescriptor } from '../protocol/types.js';
import { ConnectorError, describeError } from './connector-error.js';

/**
 * Turns anything thrown into the TRACE error payload. A `ConnectorError` keeps the author's
 * message and failure type; anything else is a `system_error` whose message says what failed.
 */
export function errorTraceFor(error: unknown, stream?: StreamDescriptor): AirbyteErrorTrace {
  const detail = describeError(error);
  const stack = error instanceof Error ? error.stack : undefined;
  const descriptor = stream ?? (error instanceof ConnectorError ? error.stream : undefined);
  const trace: AirbyteErrorTrace =
    error instanceof ConnectorError
      ? {
          message: error.message,
          internal_message: error.internalMessage ?? causeMessage(error) ?? error.message,
          failure_type: error.failureType,
        }
      : {
          message: descriptor ? `Stream '${descriptor.name}' failed: ${detail}` : detail,
          internal_message: error instanceof Error ? `${error.name}: ${detail}` : detail,
          failure_type: 'system_error',
        };
  if (stack) trace.stack_trace = stack;
  if (descriptor) trace.stream_descriptor = descriptor;
  return trace;
}

function causeMessage(error: Error): string | undefined {
  return error.cause === undefined ? undefined : describeError(error.cause);
}
