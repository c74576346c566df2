/** Reading a stream in-process, the way the read command does, with a logger that keeps what it is told. */
import type { Logger } from '../../src/output/logger.js';
import type { ReadOptions } from '../../src/streams/read-options.js';
import type { Stream } from '../../src/streams/stream.js';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
}

export class MemoryLogger implements Logger {
  readonly lines: LogLine[] = [];

  constructor(readonly isDebugEnabled = true) {}

  debug(message: string): void {
    this.lines.push({ level: 'debug', message });
  }

  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }

  warn(message: string): void {
    this.lines.push({ level: 'warn', message });
  }

  error(message: string): void {
    this.lines.push({ level: 'error', message });
  }

  /** Every message at `level` (default all), joined with newlines. */
  text(level?: LogLine['level']): string {
    return this.lines
      .filter((line) => level === undefined || line.level === level)
      .map((line) => line.message)
      .join('\n');
  }
}

export function readOptions(extra: Partial<ReadOptions> & Record<string, unknown> = {}): ReadOptions {
  return { syncMode: 'full_refresh', logger: new MemoryLogger(), signal: new AbortController().signal, ...extra };
}

/** All records of one read of `stream`; rejects with what the read threw. */
export async function readAll<R>(stream: Stream<R>, options: ReadOptions = readOptions()): Promise<R[]> {
  const records: R[] = [];
  const source = await stream.readRecords(options);
  if (Symbol.asyncIterator in source) for await (const record of source as AsyncIterable<R>) records.push(record);
  else for (const record of source as Iterable<R>) records.push(record);
  return records;
}

/** The records read before the read failed, and the error (undefined when it did not fail). */
export async function readUntilFailure<R>(
  stream: Stream<R>,
  options: ReadOptions = readOptions(),
): Promise<{ records: R[]; error: unknown }> {
  const records: R[] = [];
  try {
    const source = await stream.readRecords(options);
    for await (const record of source as AsyncIterable<R>) records.push(record);
    return { records, error: undefined };
  } catch (error) {
    return { records, error };
  }
}
