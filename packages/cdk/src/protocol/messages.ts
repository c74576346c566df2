import type { AirbyteConnectionStatus, AirbyteErrorTrace, AirbyteMessage, StreamDescriptor, StreamStatus } from './types.js';

/** Builders for the control messages; each sets only the fields it is given, never null. */

export function streamDescriptor(name: string, namespace?: string): StreamDescriptor {
  return namespace === undefined ? { name } : { name, namespace };
}

export function streamStatusMessage(stream: StreamDescriptor, status: StreamStatus): AirbyteMessage {
  return {
    type: 'TRACE',
    trace: { type: 'STREAM_STATUS', emitted_at: Date.now(), stream_status: { stream_descriptor: stream, status } },
  };
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
