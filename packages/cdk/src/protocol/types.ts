/**
 * Airbyte protocol message types, written from `airbyte_protocol.yaml` (protocol v0.3.x).
 * Field names follow the official schema exactly, including its camelCase exceptions
 * (`connectionStatus`, `connectorConfig`, `documentationUrl`, `sourceStats.recordCount`).
 */
import type { JsonSchema } from './json-schema.js';

/** How a stream is read: everything, or only what changed since the state. */
export type SyncMode = 'full_refresh' | 'incremental';
/** How the destination writes a stream; the source only passes it through the catalog. */
export type DestinationSyncMode = 'append' | 'overwrite' | 'append_dedup' | 'update' | 'soft_delete';
/**
 * Who must act on an error: the user (`config_error`), nobody yet (`transient_error`, retry later),
 * or the connector's authors (`system_error`).
 */
export type FailureType = 'system_error' | 'config_error' | 'transient_error';
/** Levels of LOG messages, as the platform shows them. */
export type LogLevel = 'FATAL' | 'ERROR' | 'WARN' | 'INFO' | 'DEBUG' | 'TRACE';
/**
 * The phases of a stream's read that the platform tracks (`RUNNING` goes out before the first
 * record).
 */
export type StreamStatus = 'STARTED' | 'RUNNING' | 'COMPLETE' | 'INCOMPLETE';

/**
 * Names a stream in states, statuses and errors; the namespace only tells apart streams that share
 * a name.
 */
export interface StreamDescriptor {
  name: string;
  namespace?: string;
}

/** One record of a stream, as it appears in a RECORD message. */
export interface AirbyteRecord {
  stream: string;
  data: Record<string, unknown>;
  emitted_at: number;
  namespace?: string;
}

/** The state of one stream: the blob the platform stores and passes back. */
export interface AirbyteStreamState {
  stream_descriptor: StreamDescriptor;
  stream_state?: Record<string, unknown>;
}

/**
 * A state shared by all streams plus each stream's own, for sources whose streams advance together.
 */
export interface AirbyteGlobalState {
  shared_state?: Record<string, unknown>;
  stream_states: AirbyteStreamState[];
}

/**
 * Counts attached to a STATE, which the platform uses to check that no record was lost between
 * checkpoints.
 */
export interface AirbyteStateStats {
  recordCount?: number;
}

/**
 * A STATE message's payload: per stream (`STREAM`), shared (`GLOBAL`), or the legacy single blob.
 */
export interface AirbyteState {
  type?: 'STREAM' | 'GLOBAL' | 'LEGACY';
  stream?: AirbyteStreamState;
  global?: AirbyteGlobalState;
  data?: Record<string, unknown>;
  sourceStats?: AirbyteStateStats;
  destinationStats?: AirbyteStateStats;
}

/**
 * A log line in the message stream; stdout carries only protocol messages, so logs travel as LOG
 * messages.
 */
export interface AirbyteLog {
  level: LogLevel;
  message: string;
  stack_trace?: string;
}

/**
 * An error the platform shows the user and classifies by `failure_type`; it may name the stream
 * that failed.
 */
export interface AirbyteErrorTrace {
  message: string;
  internal_message?: string;
  stack_trace?: string;
  failure_type?: FailureType;
  stream_descriptor?: StreamDescriptor;
}

/** Why a stream reports a status, such as waiting on a rate limit until `quota_reset`. */
export interface AirbyteStreamStatusReason {
  type: 'RATE_LIMITED';
  rate_limited?: { quota_reset?: number };
}

/** A change in a stream's phase, which the platform shows as progress. */
export interface AirbyteStreamStatusTrace {
  stream_descriptor: StreamDescriptor;
  status: StreamStatus;
  reasons?: AirbyteStreamStatusReason[];
}

/** How many rows or bytes a stream expects to produce, for the platform's progress estimate. */
export interface AirbyteEstimateTrace {
  name: string;
  type: 'STREAM' | 'SYNC';
  namespace?: string;
  row_estimate?: number;
  byte_estimate?: number;
}

/** A TRACE message's payload: an error, an estimate, a stream status or analytics, by `type`. */
export interface AirbyteTrace {
  type: 'ERROR' | 'ESTIMATE' | 'STREAM_STATUS' | 'ANALYTICS';
  emitted_at: number;
  error?: AirbyteErrorTrace;
  estimate?: AirbyteEstimateTrace;
  stream_status?: AirbyteStreamStatusTrace;
  analytics?: { type: string; value?: string };
}

/**
 * A CONTROL message's payload; `CONNECTOR_CONFIG` asks the platform to store an updated config (a
 * rotated token).
 */
export interface AirbyteControl {
  type: 'CONNECTOR_CONFIG';
  emitted_at: number;
  connectorConfig: { config: Record<string, unknown> };
}

/**
 * What `spec` prints: the JSON Schema of the config a user fills in, and what the connector
 * supports.
 */
export interface ConnectorSpecification {
  connectionSpecification: JsonSchema;
  documentationUrl?: string;
  changelogUrl?: string;
  supportsIncremental?: boolean;
  supportsNormalization?: boolean;
  supportsDBT?: boolean;
  supported_destination_sync_modes?: DestinationSyncMode[];
  advanced_auth?: Record<string, unknown>;
  protocol_version?: string;
  [extension: string]: unknown;
}

/** What `check` answers: whether the config works, and if not, why in words the user can act on. */
export interface AirbyteConnectionStatus {
  status: 'SUCCEEDED' | 'FAILED';
  message?: string;
}

/** A stream as `discover` describes it: its schema, sync modes, keys and cursor. */
export interface AirbyteStream {
  name: string;
  json_schema: JsonSchema;
  supported_sync_modes: SyncMode[];
  source_defined_cursor?: boolean;
  default_cursor_field?: string[];
  source_defined_primary_key?: string[][];
  namespace?: string;
  is_resumable?: boolean;
  is_file_based?: boolean;
}

/** What `discover` prints: every stream the source can read. */
export interface AirbyteCatalog {
  streams: AirbyteStream[];
}

/** One stream the user chose to sync, with the sync mode, cursor and keys chosen for it. */
export interface ConfiguredAirbyteStream {
  stream: AirbyteStream;
  sync_mode: SyncMode;
  destination_sync_mode: DestinationSyncMode;
  cursor_field?: string[];
  primary_key?: string[][];
  generation_id?: number;
  minimum_generation_id?: number;
  sync_id?: number;
}

/** What `read` is given: the streams to read and how, in the order to read them. */
export interface ConfiguredAirbyteCatalog {
  streams: ConfiguredAirbyteStream[];
}

/** One line of Airbyte output: exactly one payload key is set, matching `type`. */
export type AirbyteMessage =
  | { type: 'RECORD'; record: AirbyteRecord }
  | { type: 'STATE'; state: AirbyteState }
  | { type: 'LOG'; log: AirbyteLog }
  | { type: 'SPEC'; spec: ConnectorSpecification }
  | { type: 'CONNECTION_STATUS'; connectionStatus: AirbyteConnectionStatus }
  | { type: 'CATALOG'; catalog: AirbyteCatalog }
  | { type: 'TRACE'; trace: AirbyteTrace }
  | { type: 'CONTROL'; control: AirbyteControl };
