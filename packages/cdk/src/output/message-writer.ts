import type { Writable } from 'node:stream';
import type { AirbyteMessage, StreamDescriptor } from '../protocol/types.js';
import type { MessageSink, RecordWriter } from './message-sink.js';
import { recordLineBuilder } from './record-line.js';
import type { SecretMasker } from './secret-masker.js';

const MASKED_TYPES: ReadonlySet<AirbyteMessage['type']> = new Set(['LOG', 'TRACE', 'CONNECTION_STATUS']);

export interface MessageWriterOptions {
  /** Buffered characters that trigger a write; large writes are what make output fast. */
  batchSize?: number;
  /** The longest a line may wait in the buffer before it is written anyway, in ms. */
  maxDelayMs?: number;
  masker: SecretMasker;
}

/**
 * The one owner of stdout. Every message goes through it, so ordering (a STATE only after the
 * records it covers), masking, batching, backpressure and a closed stdout are handled here.
 *
 * The record path calls `writeLine()` with a ready line and only awaits `drain()` when it
 * returns true, so a synchronous stream never awaits per record.
 */
export class MessageWriter implements MessageSink {
  private buffer = '';
  private blocked = false;
  private closedByReader = false;
  /** Set once the final message is written: nothing may follow it. */
  private sealed = false;
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly batchSize: number;
  private readonly maxDelayMs: number;
  private readonly masker: SecretMasker;
  private readonly closedListeners: Array<() => void> = [];

  constructor(
    private readonly out: Writable,
    options: MessageWriterOptions,
  ) {
    this.batchSize = options.batchSize ?? 64 * 1024;
    this.maxDelayMs = options.maxDelayMs ?? 100;
    this.masker = options.masker;
    out.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') this.markClosedByReader();
      else throw error;
    });
  }

  /** True once the reading end went away (for example `| head -1`); later writes are dropped. */
  get isClosed(): boolean {
    return this.closedByReader;
  }

  onClosedByReader(listener: () => void): void {
    this.closedListeners.push(listener);
  }

  /**
   * Appends a complete line (ending in `\n`). Returns true when the destination is full and the
   * caller should `await drain()` before producing more.
   */
  writeLine(line: string): boolean {
    if (this.sealed) return false;
    if (this.buffer.length === 0 && this.flushTimer === undefined) this.scheduleFlush();
    this.buffer += line;
    if (this.buffer.length >= this.batchSize) this.flush();
    return this.blocked;
  }

  /**
   * Writes a non-record message. Secrets are masked in the messages people read (LOG, TRACE,
   * CONNECTION_STATUS); STATE and CONTROL carry data that must round-trip exactly.
   */
  writeMessage(message: AirbyteMessage): void {
    const safe = MASKED_TYPES.has(message.type) ? this.masker.maskDeep(message) : message;
    this.writeLine(`${JSON.stringify(safe)}\n`);
  }

  /**
   * Writes `message` as the last line: every line written later is dropped. For the TRACE a
   * stopped connector ends with, which must come after the last record or STATE.
   */
  writeFinal(message: AirbyteMessage): void {
    this.writeMessage(message);
    this.sealed = true;
  }

  /** Record lines for one stream, the envelope built once. */
  recordWriter(stream: StreamDescriptor): RecordWriter {
    const toLine = recordLineBuilder(stream);
    return (data) => this.writeLine(toLine(data));
  }

  /** Resolves once the destination accepts more data. */
  drain(): Promise<void> {
    if (!this.blocked || this.closedByReader) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.out.off('drain', done);
        this.out.off('close', done);
        resolve();
      };
      this.out.on('drain', done);
      this.out.on('close', done);
    });
  }

  flush(): void {
    if (this.flushTimer !== undefined) {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
    }
    if (this.buffer.length === 0) return;
    const chunk = this.buffer;
    this.buffer = '';
    if (this.closedByReader) return;
    if (!this.out.write(chunk)) {
      this.blocked = true;
      this.out.once('drain', () => {
        this.blocked = false;
      });
    }
  }

  /** Writes everything buffered and resolves when the destination has taken it. */
  async close(): Promise<void> {
    this.flush();
    if (this.closedByReader) return;
    await new Promise<void>((resolve) => {
      if (this.out.writableLength === 0 && !this.blocked) resolve();
      else this.out.write('', () => resolve());
    });
  }

  /**
   * `close()`, but resolves false after `timeoutMs` if the destination has not taken everything
   * by then (a reader that stopped reading). Only whole lines are handed to the destination, so
   * what it took so far ends with a whole line unless the OS accepted part of one.
   */
  async closeWithin(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([this.close().then(() => true), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private scheduleFlush(): void {
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, this.maxDelayMs);
    this.flushTimer.unref();
  }

  private markClosedByReader(): void {
    if (this.closedByReader) return;
    this.closedByReader = true;
    this.buffer = '';
    for (const listener of this.closedListeners) listener();
  }
}
