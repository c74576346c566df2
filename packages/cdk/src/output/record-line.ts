import type { StreamDescriptor } from '../protocol/types.js';

/** Serializes one record's data to JSON text; `JSON.stringify` unless a faster equivalent is given. */
export type DataSerializer = (data: object) => string;

/**
 * Builds a function that turns a record into its complete RECORD line. Everything constant
 * for the stream (the envelope up to `"data":`) is built once; per record only the data is
 * serialized and, at most once per millisecond, the `emitted_at` tail is rebuilt.
 */
export function recordLineBuilder(stream: StreamDescriptor, serialize: DataSerializer = JSON.stringify): (data: object) => string {
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
    return prefix + serialize(data) + tail;
  };
}
