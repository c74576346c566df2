// A stream's availability as the CDK checks it: its first slice, read until its first record.
// A stream with no slice, or whose first slice has no record, is available.
import type { Logger, StreamSlice } from '@tributary/cdk';
import type { DeclarativeStream } from '../streams/declarative-stream.js';

export async function firstRecordOf(stream: DeclarativeStream, logger: Logger): Promise<Record<string, unknown> | undefined> {
  const signal = new AbortController().signal;
  const slices = await stream.streamSlices({ syncMode: 'full_refresh', logger, signal, state: {} });
  const iterator = slices[Symbol.asyncIterator]();
  const first = await iterator.next();
  await iterator.return?.();
  if (first.done) return undefined;
  const records = stream.readRecords({ syncMode: 'full_refresh', logger, signal, slice: first.value as StreamSlice, state: {} });
  try {
    const record = await records.next();
    return record.done ? undefined : record.value;
  } finally {
    await records.return(undefined);
  }
}
