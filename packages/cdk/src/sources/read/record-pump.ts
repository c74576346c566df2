import { ConnectorError } from '../../errors/connector-error.js';
import type { MessageSink, RecordWriter } from '../../output/message-sink.js';
import type { RecordCounts } from '../../state/stream-checkpointer.js';
import type { RecordSource } from '../../streams/read-options.js';

/** Records of one slice, opened once and pumped in as many runs as checkpoints need. */
export interface OpenRecords {
  sync?: Iterator<unknown>;
  async?: AsyncIterator<unknown>;
  done: boolean;
}

export interface RecordSink {
  sink: MessageSink;
  /** Writes one record (normalised and serialized as the stream needs); true when the sink is full. */
  write: RecordWriter;
  /** Called once, before the stream's first record is written (the RUNNING status goes out here). */
  beforeFirst: () => void;
  /** Sees each record after it is written (for `getUpdatedState`); undefined on the fast path. */
  observe: ((record: object) => void) | undefined;
  counts: RecordCounts;
  /** The stream stops after this many records in total (the `_limit` config key). */
  limit: number;
  streamName: string;
}

export function openRecords(records: RecordSource<unknown>, streamName: string): OpenRecords {
  if (records !== null && typeof records === 'object' && Symbol.iterator in records) {
    return { sync: (records as Iterable<unknown>)[Symbol.iterator](), done: false };
  }
  if (records !== null && typeof records === 'object' && Symbol.asyncIterator in records) {
    return { async: (records as AsyncIterable<unknown>)[Symbol.asyncIterator](), done: false };
  }
  throw new ConnectorError(
    `Stream '${streamName}': readRecords() must return an iterable or async iterable (a generator, an async generator or an array)`,
  );
}

/** Lets a generator run its `finally` blocks when the read stops before it is exhausted. */
export async function closeRecords(records: OpenRecords): Promise<void> {
  if (records.done) return;
  records.done = true;
  if (records.sync) records.sync.return?.();
  else await records.async?.return?.();
}

/**
 * Moves up to `max` records to the writer: the hot loop. A synchronous iterator is drained
 * without any `await` unless the writer reports backpressure; an async one awaits only its own
 * `next()`. Returns how many records were written; sets `records.done` when they ran out.
 */
export async function pumpRecords(records: OpenRecords, sink: RecordSink, max: number): Promise<number> {
  let written = 0;
  const { counts, limit } = sink;
  if (counts.total === 0 && max > 0 && limit > 0) {
    const first = await nextRecord(records, sink.streamName);
    if (first === undefined) return 0;
    sink.beforeFirst();
    written++;
    if (writeRecord(first, sink) && (await blocked(sink.sink))) return written;
  }
  const iterator = records.sync;
  if (iterator !== undefined) {
    while (written < max && counts.total < limit) {
      const step = iterator.next();
      if (step.done) {
        records.done = true;
        break;
      }
      written++;
      if (writeRecord(checked(step.value, sink.streamName), sink) && (await blocked(sink.sink))) break;
    }
  } else {
    while (written < max && counts.total < limit) {
      const record = await nextRecord(records, sink.streamName);
      if (record === undefined) break;
      written++;
      if (writeRecord(record, sink) && (await blocked(sink.sink))) break;
    }
  }
  return written;
}

/** Writes one record; true when the writer asks the producer to wait. */
function writeRecord(record: object, sink: RecordSink): boolean {
  sink.counts.total++;
  sink.counts.sinceState++;
  const full = sink.write(record);
  if (sink.observe !== undefined) sink.observe(record);
  return full;
}

/** The next record, or undefined when there are none left. */
async function nextRecord(records: OpenRecords, streamName: string): Promise<object | undefined> {
  if (records.done) return undefined;
  const step = records.sync ? records.sync.next() : await (records.async as AsyncIterator<unknown>).next();
  if (step.done) {
    records.done = true;
    return undefined;
  }
  return checked(step.value, streamName);
}

function checked(value: unknown, streamName: string): object {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
  const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
  throw new ConnectorError(`Stream '${streamName}' yielded ${kind} where a record (a JSON object) was expected`);
}

/** Waits out backpressure; true when the reader went away and the read must stop. */
async function blocked(sink: MessageSink): Promise<boolean> {
  await sink.drain();
  return sink.isClosed;
}
