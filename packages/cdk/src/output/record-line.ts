import { ConnectorError } from '../errors/connector-error.js';
import type { StreamDescriptor } from '../protocol/types.js';

/**
 * Builds a function that turns a record into its complete RECORD line. Everything constant
 * for the stream (the envelope up to `"data":`) is built once; per record only the data is
 * serialized and, at most once per millisecond, the `emitted_at` tail is rebuilt. A record that
 * cannot be serialized fails with an error naming the stream and the reason.
 */
export function recordLineBuilder(stream: StreamDescriptor): (data: object) => string {
  const namespacePart = stream.namespace === undefined ? '' : `"namespace":${JSON.stringify(stream.namespace)},`;
  const prefix = `{"type":"RECORD","record":{"stream":${JSON.stringify(stream.name)},${namespacePart}"data":`;
  let lastMs = -1;
  let tail = '';
  return (data: object): string => {
    const now = Date.now();
    if (now !== lastMs) {
      lastMs = now;
      tail = `,"emitted_at":${now}}}\n`;
    }
    let json: string;
    try {
      json = JSON.stringify(data);
    } catch (error) {
      throw unserializable(stream, error);
    }
    return prefix + json + tail;
  };
}

function unserializable(stream: StreamDescriptor, error: unknown): ConnectorError {
  const detail = error instanceof Error ? error.message : String(error);
  const reason = /call stack/i.test(detail)
    ? 'it is nested too deeply (the stack ran out while serializing it)'
    : /invalid string length/i.test(detail)
      ? 'it is too large to hold as one string'
      : detail;
  return new ConnectorError(`Stream '${stream.name}' produced a record that cannot be written as JSON: ${reason}`, {
    internalMessage: detail,
    stream,
    cause: error,
  });
}
