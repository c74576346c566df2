/** What the sync needs from a connector, however it runs (in-process, a command, a Docker image). */
import type {
  AirbyteCatalog,
  AirbyteErrorTrace,
  AirbyteState,
  ConfiguredAirbyteCatalog,
  ConnectorSpecification,
  MessageSink,
} from '@tributary/cdk';

export interface Connector {
  /** A short name: the default DuckDB file is `.tributary/<name>.duckdb`. */
  readonly name: string;
  /** How it runs, for the summary (`in-process source-faker (FakerSource)`, `command "..."`). */
  readonly description: string;
  /** The connector's spec: which config fields are secrets (`airbyte_secret`). */
  spec(): Promise<ConnectorSpecification>;
  discover(config: Record<string, unknown>): Promise<AirbyteCatalog>;
  /** Reads into `sink`; resolves to the connector's exit code. */
  read(request: ReadRequest, sink: MessageSink, signal: AbortSignal): Promise<number>;
}

export interface ReadRequest {
  config: Record<string, unknown>;
  catalog: ConfiguredAirbyteCatalog;
  /** STATE payloads to resume from; empty for a first (or full-refresh) sync. */
  state: AirbyteState[];
}

/** A connector command that failed: its TRACE error when it sent one. */
export class ConnectorFailure extends Error {
  constructor(
    message: string,
    readonly trace: AirbyteErrorTrace | undefined,
  ) {
    super(message);
    this.name = 'ConnectorFailure';
  }
}

/** The error to show for a failed command: the connector's own TRACE message, with its failure type. */
export function failureFrom(command: string, errors: AirbyteErrorTrace[], detail: string): ConnectorFailure {
  const trace = errors[0];
  if (trace === undefined) return new ConnectorFailure(`${command} failed: ${detail}`, undefined);
  return new ConnectorFailure(`${command} failed: ${trace.message} (failure type: ${trace.failure_type ?? 'unknown'})`, trace);
}
