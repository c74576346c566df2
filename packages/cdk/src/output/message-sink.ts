import type { AirbyteMessage, StreamDescriptor } from '../protocol/types.js';

/**
 * Writes one record of a stream; returns true when the consumer is full and the producer should
 * `await sink.drain()` before producing more.
 */
export type RecordWriter = (data: object) => boolean;

/**
 * Where a connector's messages go. The CLI writes JSON lines to stdout (`MessageWriter`); an
 * in-process consumer (the local runner, the test kit) receives records as objects instead, so
 * nothing is serialized only to be parsed again. Either way one sink sees every message in order.
 */
export interface MessageSink {
  /** Writes a non-record message (LOG, TRACE, STATE, ...). */
  writeMessage(message: AirbyteMessage): void;
  /** The per-stream record writer; built once per stream, called once per record. */
  recordWriter(stream: StreamDescriptor): RecordWriter;
  /** Resolves once the consumer accepts more. */
  drain(): Promise<void>;
  /** True once the consumer went away; producers stop. */
  readonly isClosed: boolean;
}
