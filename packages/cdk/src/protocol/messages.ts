import type {
  AirbyteConnectionStatus,
  AirbyteErrorTrace,
  AirbyteMessage,
  AirbyteStreamStatusReason,
  AirbyteStreamStatusTrace,
  StreamDescriptor,
  StreamStatus,
} from './types.js';

/** Builders for the control messages; each sets only the fields it is given, never null. */

export function streamDescriptor(name: string, namespace?: string): StreamDescriptor {
  return namespace === undefined ? { name } : { name, namespace };
}

export function streamStatusMessage(stream: StreamDescriptor, status: StreamStatus, reasons?: AirbyteStreamStatusReason[]): AirbyteMessage {
  const streamStatus: AirbyteStreamStatusTrace = { stream_descriptor: stream, status };
  if (reasons !== undefined) streamStatus.reasons = reasons;
  return { type: 'TRACE', trace: { type: 'STREAM_STATUS', emitted_at: Date.now(), stream_status: streamStatus } };
}

/** The RUNNING status with reason RATE_LIMITED the platform shows while a stream waits on a rate limit. */
export function rateLimitedMessage(stream: StreamDescriptor, quotaResetAt?: number): AirbyteMessage {
  const reason: AirbyteStreamStatusReason =
    quotaResetAt === undefined ? { type: 'RATE_LIMITED' } : { type: 'RATE_LIMITED', rate_limited: { quota_reset: quotaResetAt } };
  return streamStatusMessage(stream, 'RUNNING', [reason]);
}

export function errorTraceMessage(error: AirbyteErrorTrace): AirbyteMessage {
  return { type: 'TRACE', trace: { type: 'ERROR', emitted_at: Date.now(), error } };
}

export function connectionStatusMessage(status: AirbyteConnectionStatus): AirbyteMessage {
  return { type: 'CONNECTION_STATUS', connectionStatus: status };
}

export function streamStateMessage(stream: StreamDescriptor, streamState: Record<string, unknown>, recordCount: number): AirbyteMessage {
  return {
    type: 'STATE',
    state: {
      type: 'STREAM',
      stream: { stream_descriptor: stream, stream_state: streamState },
      sourceStats: { recordCount },
    },
  };
}
