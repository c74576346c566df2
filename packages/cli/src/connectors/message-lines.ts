/**
 * Reads a connector's output, JSON lines, into a sink. A RECORD goes to its stream's record
 * writer, and when that asks for it the reading waits for `sink.drain()`; the other messages go
 * to `writeMessage`. A line that is not an Airbyte message (plain text, JSON cut short) is logged
 * and counted, as the Airbyte platform logs it. A message that is one but lacks what its type
 * requires, or nests too deeply, is refused: the sink is told which line and why, and reading stops.
 */
import type { AirbyteMessage } from '@tributary/cdk';
import type { RecordWriter } from '@tributary/cdk/runtime';
import { excessiveNesting, MAX_JSON_DEPTH } from '../json-depth.js';
import type { RunnerSink } from './connector.js';
import { MESSAGE_TYPES, messageProblem } from './message-shape.js';

type Log = (level: string, message: string) => void;

/**
 * Pumps `stdout` into `sink` until it ends, or until the sink closes (a refused message, a
 * destination failure): then `stopProducer` is called and the rest is not read.
 */
export async function pumpMessages(stdout: NodeJS.ReadableStream, sink: RunnerSink, log: Log, stopProducer: () => void): Promise<void> {
  const lines = new MessageLines(sink, log);
  sink.locate = () => `line ${lines.number} of the connector's output`;
  try {
    let rest = '';
    stdout.setEncoding('utf8');
    for await (const chunk of stdout as AsyncIterable<string>) {
      const text = rest + chunk;
      let start = 0;
      for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
        const line = text.slice(start, end);
        start = end + 1;
        if (lines.handle(line)) await sink.drain();
        if (sink.isClosed) {
          stopProducer();
          return;
        }
      }
      rest = text.slice(start);
    }
    // A last line without its newline: whole if it parses, else cut short (counted as such).
    if (rest.trim()) lines.handle(rest);
  } finally {
    sink.locate = undefined;
  }
}

class MessageLines {
  /** The number of the line being handled, from 1. */
  number = 0;
  private readonly writers = new Map<string, RecordWriter>();

  constructor(
    private readonly sink: RunnerSink,
    private readonly log: Log,
  ) {}

  /** Handles one line; true when the sink asked the producer to wait. */
  handle(line: string): boolean {
    this.number++;
    const trimmed = line.trim();
    if (trimmed === '') return false;
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(trimmed);
    } catch {
      return this.skip(trimmed, trimmed.startsWith('{') || trimmed.startsWith('[') ? 'invalid JSON' : 'not JSON');
    }
    if (typeof message !== 'object' || message === null || typeof message.type !== 'string' || !MESSAGE_TYPES.has(message.type)) {
      return this.skip(trimmed, 'not a message');
    }
    const problem = this.problemOf(trimmed, message);
    if (problem !== undefined) {
      this.sink.reject(`line ${this.number} of the connector's output, a ${message.type} message: ${problem}`);
      return true;
    }
    if (message.type !== 'RECORD') {
      this.sink.writeMessage(message as unknown as AirbyteMessage);
      return false;
    }
    const { stream, namespace, data } = message.record as { stream: string; namespace?: string | null; data: object };
    const key = namespace == null ? stream : `${namespace}\0${stream}`;
    let writer = this.writers.get(key);
    if (writer === undefined) {
      writer = this.sink.recordWriter(namespace == null ? { name: stream } : { name: stream, namespace });
      this.writers.set(key, writer);
    }
    return writer(data);
  }

  private problemOf(line: string, message: Record<string, unknown>): string | undefined {
    const shape = messageProblem(message);
    if (shape !== undefined) return shape;
    const deep = excessiveNesting(line);
    return deep === undefined ? undefined : `it nests deeper than ${MAX_JSON_DEPTH} levels (at character ${deep + 1})`;
  }

  private skip(line: string, kind: 'invalid JSON' | 'not JSON' | 'not a message'): false {
    this.sink.skipLine(this.number, kind);
    this.log('INFO', line);
    return false;
  }
}
