import { ConnectorError } from '../../errors/connector-error.js';
import type { MessageWriter } from '../../output/message-writer.js';
import type { RecordSource } from '../../streams/read-options.js';

export interface RecordSink {
  writer: MessageWriter;
  toLine: (data: object) => string;
  /** Called once, before the first record is written (the RUNNING status goes out here). */
  beforeFirst: () => void;
  /** Stop after this many records in total (the `_limit` config key). */
  limit: number;
  /** Records already written by earlier slices; counts towards `limit`. */
  alreadyWritten: number;
  streamName: string;
}

/**
 * Moves records from a stream to the writer: the hot loop. A synchronous iterable is drained
 * without any `await` unless the writer reports backpressure; an async one awaits only its
 * own `next()`. Returns how many records were written.
 */
export async function pumpRecords(records: RecordSource<unknown>, sink: RecordSink): Promise<number> {
  const { writer, toLine, limit, streamName } = sink;
  let written = sink.alreadyWritten;
  if (written >= limit) return 0;
  let first = written === 0;
  if (Symbol.iterator in records) {
    for (const record of records as Iterable<unknown>) {
      if (typeof record !== 'object' || record === null || Array.isArray(record)) throw notARecord(streamName, record);
      if (first) {
        first = false;
        sink.beforeFirst();
      }
      written++;
      if (writer.writeLine(toLine(record))) {
        await writer.drain();
        if (writer.isClosed) break;
      }
      if (written >= limit) break;
    }
  } else if (Symbol.asyncIterator in records) {
    for await (const record of records as AsyncIterable<unknown>) {
      if (typeof record !== 'object' || record === null || Array.isArray(record)) throw notARecord(streamName, record);
      if (first) {
        first = false;
        sink.beforeFirst();
      }
      written++;
      if (writer.writeLine(toLine(record))) {
        await writer.drain();
        if (writer.isClosed) break;
      }
      if (written >= limit) break;
    }
  } else {
    throw new ConnectorError(
      `Stream '${streamName}': readRecords() must return an iterable or async iterable (a generator, an async generator or an array)`,
    );
  }
  return written - sink.alreadyWritten;
}

function notARecord(streamName: string, value: unknown): ConnectorError {
  const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
  return new ConnectorError(`Stream '${streamName}' yielded ${kind} where a record (a JSON object) was expected`);
}
