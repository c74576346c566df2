/** LOG and TRACE messages as the page shows them (the CDK masked their secrets already). */
import type { AirbyteErrorTrace, AirbyteMessage } from '@tributary/cdk';
import type { ErrorView, LogView } from '../api/types.js';

export function errorView(error: AirbyteErrorTrace): ErrorView {
  const view: ErrorView = { message: error.message };
  if (error.internal_message !== undefined && error.internal_message !== error.message) view.internalMessage = error.internal_message;
  if (error.failure_type !== undefined) view.failureType = error.failure_type;
  if (error.stack_trace !== undefined) view.stackTrace = error.stack_trace;
  if (error.stream_descriptor !== undefined) view.stream = error.stream_descriptor.name;
  return view;
}

export function logView(message: Extract<AirbyteMessage, { type: 'LOG' }>, where: { slice?: number; page?: number } = {}): LogView {
  const view: LogView = { level: message.log.level, message: message.log.message, ...where };
  if (message.log.stack_trace !== undefined) view.stackTrace = message.log.stack_trace;
  return view;
}

/** The logs and errors of a command's messages. */
export function logsAndErrors(messages: readonly AirbyteMessage[]): { logs: LogView[]; errors: ErrorView[] } {
  const logs: LogView[] = [];
  const errors: ErrorView[] = [];
  for (const message of messages) {
    if (message.type === 'LOG') logs.push(logView(message));
    else if (message.type === 'TRACE' && message.trace.type === 'ERROR' && message.trace.error) errors.push(errorView(message.trace.error));
  }
  return { logs, errors };
}

/** An error thrown by Studio's own run (the connector could not be loaded, say), as an error view. */
export function thrownErrorView(error: unknown, mask: (text: string) => string): ErrorView {
  const message = mask(error instanceof Error ? error.message : String(error));
  const view: ErrorView = { message, failureType: 'system_error' };
  if (error instanceof Error && error.stack !== undefined) view.stackTrace = mask(error.stack);
  return view;
}
