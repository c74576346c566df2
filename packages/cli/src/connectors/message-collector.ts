import type { AirbyteErrorTrace, AirbyteMessage } from '@tributary/cdk';
import type { RecordWriter } from '@tributary/cdk/runtime';
import type { RunnerSink } from './connector.js';
import { type SkippedLineKind, SkippedLines } from './skipped-lines.js';

/** A sink for the short commands (discover): keeps every message, ignores records. */
export class MessageCollector implements RunnerSink {
  readonly messages: AirbyteMessage[] = [];
  /** Why the output was refused (a malformed message), if it was. */
  rejection: string | undefined;
  locate: (() => string) | undefined;
  readonly skipped = new SkippedLines();

  constructor(private readonly onLog?: (level: string, message: string) => void) {}

  get isClosed(): boolean {
    return this.rejection !== undefined;
  }

  writeMessage(message: AirbyteMessage): void {
    if (message.type === 'LOG') this.onLog?.(message.log.level, message.log.message);
    this.messages.push(message);
  }

  recordWriter(): RecordWriter {
    return () => false;
  }

  async drain(): Promise<void> {}

  reject(problem: string): void {
    this.rejection ??= problem;
  }

  skipLine(line: number, kind: SkippedLineKind): void {
    this.skipped.add(line, kind);
  }

  get errors(): AirbyteErrorTrace[] {
    return this.messages.flatMap((m) => (m.type === 'TRACE' && m.trace.type === 'ERROR' && m.trace.error ? [m.trace.error] : []));
  }
}
