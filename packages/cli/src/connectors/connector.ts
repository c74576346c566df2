/** What the sync needs from a connector, however it runs (in-process, a command, a Docker image). */
import type { AirbyteCatalog, AirbyteErrorTrace, AirbyteState, ConfiguredAirbyteCatalog, ConnectorSpecification } from '@tributary/cdk';
import type { MessageSink } from '@tributary/cdk/runtime';
import type { SkippedLineKind } from './skipped-lines.js';

/** Where a connector's messages go: the CDK's sink, and what only the runner needs. */
export interface RunnerSink extends MessageSink {
  /**
   * Refuses a message the runner cannot take (malformed, a record without its primary key):
   * producers stop, and the sync fails with `problem`, keeping what came up to the last STATE.
   */
  reject(problem: string): void;
  /** A line of the connector's output that is not an Airbyte message: counted, logged, skipped. */
  skipLine(line: number, kind: SkippedLineKind): void;
  /** Where the message being handled came from, for error messages; set while a connector's output is read line by line. */
  locate: (() => string) | undefined;
}

/** A source the runner can read from, whether loaded in-process or run as a process or an image. */
export interface Connector {
  /** A short name: the default DuckDB file is `.tributary/<name>.duckdb`. */
  readonly name: string;
  /** How it runs, for the summary (`in-process source-faker (FakerSource)`, `command "..."`). */
  readonly description: string;
  /** The connector's spec: which config fields are secrets (`airbyte_secret`). */
  spec(): Promise<ConnectorSpecification>;
  /** Runs discover; `signal` stops it. */
  discover(config: Record<string, unknown>, signal: AbortSignal): Promise<AirbyteCatalog>;
  /** Reads into `sink` until the connector ends or `signal` stops it; resolves to the connector's exit code. */
  read(request: ReadRequest, sink: RunnerSink, signal: AbortSignal): Promise<number>;
}

/** What one read of a connector needs: the config, the catalog and the state from the last sync. */
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
