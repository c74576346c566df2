import type { AirbyteErrorTrace, AirbyteMessage, MessageSink, RecordWriter } from '@tributary/cdk';

/** A sink for the short commands (discover): keeps every message, ignores records. */
export class MessageCollector implements MessageSink {
  readonly messages: AirbyteMessage[] = [];
  readonly isClosed = false;

  constructor(private readonly onLog?: (level: string, message: string) => void) {}

  writeMessage(message: AirbyteMessage): void {
    if (message.type === 'LOG') this.onLog?.(message.log.level, message.log.message);
    this.messages.push(message);
  }

  recordWriter(): RecordWriter {
    return () => false;
  }

  async drain(): Promise<void> {}

  get errors(): AirbyteErrorTrace[] {
    return this.messages.flatMap((m) => (m.type === 'TRACE' && m.trace.type === 'ERROR' && m.trace.error ? [m.trace.error] : []));
  }
}
