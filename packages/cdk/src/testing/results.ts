import type {
  AirbyteCatalog,
  AirbyteConnectionStatus,
  AirbyteControl,
  AirbyteErrorTrace,
  AirbyteLog,
  AirbyteMessage,
  AirbyteRecord,
  AirbyteState,
  AirbyteStream,
  AirbyteTrace,
  ConnectorSpecification,
  StreamDescriptor,
  StreamState,
  StreamStatus,
} from '../index.js';

type MessageOf<T extends AirbyteMessage['type']> = Extract<AirbyteMessage, { type: T }>;

/** How results key streams: the name, or `namespace.name` for a namespaced stream. */
export function streamKey(stream: StreamDescriptor): string {
  return stream.namespace === undefined || stream.namespace === null ? stream.name : `${stream.namespace}.${stream.name}`;
}

/** What every command leaves behind: the exit code the CLI would have used and every message, in order. */
export class CommandResult {
  constructor(
    /** 0 on success; 1 when the command failed (its TRACE error says why). */
    readonly exitCode: number,
    /** Every message, in the order the connector wrote them (records as RECORD messages). */
    readonly messages: readonly AirbyteMessage[],
  ) {}

  /** The messages of one type. */
  messagesOfType<T extends AirbyteMessage['type']>(type: T): MessageOf<T>[] {
    return this.messages.filter((message): message is MessageOf<T> => message.type === type);
  }

  get logs(): AirbyteLog[] {
    return this.messagesOfType('LOG').map((message) => message.log);
  }

  get traces(): AirbyteTrace[] {
    return this.messagesOfType('TRACE').map((message) => message.trace);
  }

  /** The TRACE errors (a failed stream's, or the command's). */
  get errors(): AirbyteErrorTrace[] {
    return this.traces.flatMap((trace) => (trace.type === 'ERROR' && trace.error !== undefined ? [trace.error] : []));
  }

  /** CONTROL messages: configs the connector changed at run time (`updateConfig`). */
  get controls(): AirbyteControl[] {
    return this.messagesOfType('CONTROL').map((message) => message.control);
  }

  /** A one-line summary of the errors, for assertion messages. */
  describeErrors(): string {
    const errors = this.errors;
    if (errors.length === 0) return `exit code ${this.exitCode}, no TRACE error`;
    return `exit code ${this.exitCode}: ${errors.map((error) => `[${error.failure_type ?? 'error'}] ${error.message}`).join('; ')}`;
  }

  /** The single payload a command must produce, or a clear error naming what went wrong instead. */
  protected single<T extends AirbyteMessage['type']>(type: T, what: string): MessageOf<T> {
    const found = this.messagesOfType(type);
    if (found.length !== 1) {
      throw new Error(`Expected exactly one ${type} message (${what}), got ${found.length}; ${this.describeErrors()}`);
    }
    return found[0]!;
  }
}

export class SpecResult extends CommandResult {
  /** The connector specification; throws when the command did not print exactly one. */
  get spec(): ConnectorSpecification {
    return this.single('SPEC', 'the spec').spec;
  }
}

export class CheckResult extends CommandResult {
  /** The connection status; throws when the command did not print exactly one. */
  get connectionStatus(): AirbyteConnectionStatus {
    return this.single('CONNECTION_STATUS', 'the connection status').connectionStatus;
  }

  get succeeded(): boolean {
    return this.messagesOfType('CONNECTION_STATUS').some((message) => message.connectionStatus.status === 'SUCCEEDED');
  }
}

export class DiscoverResult extends CommandResult {
  /** The catalog; throws when the command did not print exactly one. */
  get catalog(): AirbyteCatalog {
    return this.single('CATALOG', 'the catalog').catalog;
  }

  get streamNames(): string[] {
    return this.catalog.streams.map((stream) => streamKey(stream));
  }

  /** One stream of the catalog; throws naming the streams there are when it is missing. */
  stream(name: string, namespace?: string): AirbyteStream {
    const key = streamKey({ name, namespace });
    const found = this.catalog.streams.find((stream) => streamKey(stream) === key);
    if (found === undefined) throw new Error(`The catalog has no stream '${key}'; it has ${this.streamNames.join(', ') || 'none'}`);
    return found;
  }
}

/** A read: records, states and statuses, per stream. */
export class ReadResult extends CommandResult {
  private readonly recordIndex = new Map<string, AirbyteRecord[]>();
  private readonly stateIndex = new Map<string, AirbyteState[]>();
  private readonly statusIndex = new Map<string, StreamStatus[]>();

  constructor(exitCode: number, messages: readonly AirbyteMessage[]) {
    super(exitCode, messages);
    for (const message of messages) {
      if (message.type === 'RECORD') push(this.recordIndex, recordKey(message.record), message.record);
      else if (message.type === 'STATE' && message.state.stream !== undefined) {
        push(this.stateIndex, streamKey(message.state.stream.stream_descriptor), message.state);
      } else if (message.type === 'TRACE' && message.trace.type === 'STREAM_STATUS' && message.trace.stream_status !== undefined) {
        const { stream_descriptor, status } = message.trace.stream_status;
        push(this.statusIndex, streamKey(stream_descriptor), status);
      }
    }
  }

  /** Every RECORD, in order. */
  get records(): AirbyteRecord[] {
    return this.messagesOfType('RECORD').map((message) => message.record);
  }

  /** The data of one stream's records, in order; `R` is the record type (see `schemaToTypeScript`). */
  recordsOf<R = Record<string, unknown>>(stream: string, namespace?: string): R[] {
    return (this.recordIndex.get(streamKey({ name: stream, namespace })) ?? []).map((record) => record.data as R);
  }

  /** The data of the records of each stream that has any. */
  get recordsByStream(): Map<string, Record<string, unknown>[]> {
    return new Map([...this.recordIndex].map(([key, records]) => [key, records.map((record) => record.data)]));
  }

  /** Every STATE payload, in order. */
  get states(): AirbyteState[] {
    return this.messagesOfType('STATE').map((message) => message.state);
  }

  /** One stream's state blobs, in order. */
  statesOf(stream: string, namespace?: string): StreamState[] {
    return (this.stateIndex.get(streamKey({ name: stream, namespace })) ?? []).map((state) => state.stream?.stream_state ?? {});
  }

  /** The most recent state blob of a stream. */
  latestState(stream: string, namespace?: string): StreamState | undefined {
    return this.statesOf(stream, namespace).at(-1);
  }

  /** The most recent STATE of every stream (and the last GLOBAL one): the input state of the next read. */
  get finalState(): AirbyteState[] {
    const latest: AirbyteState[] = [...this.stateIndex.values()].map((states) => states.at(-1)!);
    const global = this.states.filter((state) => state.type === 'GLOBAL').at(-1);
    if (global !== undefined) latest.push(global);
    return latest.map((state) => structuredClone(state));
  }

  /** One stream's statuses, in order (`STARTED`, `RUNNING`, `COMPLETE`, …). */
  statusesOf(stream: string, namespace?: string): StreamStatus[] {
    return [...(this.statusIndex.get(streamKey({ name: stream, namespace })) ?? [])];
  }

  /** The statuses of every stream that reported any. */
  get streamStatuses(): Map<string, StreamStatus[]> {
    return new Map([...this.statusIndex].map(([key, statuses]) => [key, [...statuses]]));
  }
}

function recordKey(record: AirbyteRecord): string {
  return streamKey({ name: record.stream, namespace: record.namespace });
}

function push<T>(index: Map<string, T[]>, key: string, value: T): void {
  const list = index.get(key);
  if (list === undefined) index.set(key, [value]);
  else list.push(value);
}
