import type { AirbyteMessage, StreamDescriptor } from '../index.js';
import type { MessageSink, RecordWriter } from '../runtime.js';
import { secretMasker } from '../runtime.js';

/** The messages the CLI masks before printing: the ones people read. */
const MASKED_TYPES: ReadonlySet<AirbyteMessage['type']> = new Set(['LOG', 'TRACE', 'CONNECTION_STATUS']);

/**
 * A `MessageSink` that keeps every message in order, as a destination would receive it: each
 * message is a JSON copy of what the connector handed over (so a record mutated or reused after
 * it was written does not change what was kept, and values that JSON cannot hold behave as on
 * stdout), records become RECORD messages with `emitted_at`, and LOG, TRACE and
 * CONNECTION_STATUS messages have their secrets masked like the command line masks them.
 */
export class CollectingSink implements MessageSink {
  readonly messages: AirbyteMessage[] = [];
  readonly isClosed = false;

  /** `onMessage` sees each message as it is kept (a tool showing a read as it goes). */
  constructor(private readonly onMessage?: (message: AirbyteMessage) => void) {}

  writeMessage(message: AirbyteMessage): void {
    const copy = jsonCopy(message);
    this.keep(MASKED_TYPES.has(copy.type) ? secretMasker.maskDeep(copy) : copy);
  }

  recordWriter(stream: StreamDescriptor): RecordWriter {
    const { name, namespace } = stream;
    return (data) => {
      const record =
        namespace === undefined
          ? { stream: name, data: jsonCopy(data) as Record<string, unknown>, emitted_at: Date.now() }
          : { stream: name, namespace, data: jsonCopy(data) as Record<string, unknown>, emitted_at: Date.now() };
      this.keep({ type: 'RECORD', record });
      return false;
    };
  }

  private keep(message: AirbyteMessage): void {
    this.messages.push(message);
    this.onMessage?.(message);
  }

  drain(): Promise<void> {
    return Promise.resolve();
  }
}

function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
