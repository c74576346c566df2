import type { AirbyteMessage, StreamDescriptor } from '../protocol/types.js';
import type { MessageSink, RecordWriter } from './message-sink.js';
import type { SecretMasker } from './secret-masker.js';

const MASKED_TYPES: ReadonlySet<AirbyteMessage['type']> = new Set(['LOG', 'TRACE', 'CONNECTION_STATUS']);

/**
 * Masks secrets in the messages people read (LOG, TRACE, CONNECTION_STATUS) before they reach an
 * in-process sink, as the CLI's writer does before stdout. Records, STATE and CONTROL pass
 * through untouched: their data must round-trip exactly.
 */
export class MaskingSink implements MessageSink {
  constructor(
    private readonly inner: MessageSink,
    private readonly masker: SecretMasker,
  ) {}

  get isClosed(): boolean {
    return this.inner.isClosed;
  }

  writeMessage(message: AirbyteMessage): void {
    this.inner.writeMessage(MASKED_TYPES.has(message.type) ? this.masker.maskDeep(message) : message);
  }

  recordWriter(stream: StreamDescriptor): RecordWriter {
    return this.inner.recordWriter(stream);
  }

  drain(): Promise<void> {
    return this.inner.drain();
  }
}
