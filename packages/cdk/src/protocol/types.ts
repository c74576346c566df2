/**
 * Airbyte protocol message types, written from `airbyte_protocol.yaml` (protocol v0.3.x).
 * Field names follow the official schema exactly, including its camelCase exceptions
 * (`connectionStatus`, `connectorConfig`, `documentationUrl`, `sourceStats.recordCount`).
 */
import type { JsonSchema } from './json-schema.js';

export type SyncMode = 'full_refresh' | 'incremental';
export type DestinationSyncMode = 'append' | 'overwrite' | 'append_dedup' | 'update' | 'soft_delete';
export type FailureType = 'system_error' | 'config_error' | 'transient_error';
export type LogLevel = 'FATAL' | 'ERROR' | 'WARN' | 'INFO' | 'DEBUG' | 'TRACE';
export type StreamStatus = 'STARTED' | 'RUNNING' | 'COMPLETE' | 'INCOMPLETE';

export interface StreamDescriptor {
  name: string;
  namespace?: string;
}

export interface AirbyteRecord {
  stream: string;
  data: Record<string, unknown>;
  emitted_at: number;
  namespace?: string;
}

export interface AirbyteStreamState {
  stream_descriptor: StreamDescriptor;
  stream_state?: Record<string, unknown>;
}

export interface AirbyteGlobalState {
  shared_state?: Record<string, unknown>;
  stream_states: AirbyteStreamState[];
}

export interface AirbyteStateStats {
  recordCount?: number;
}

export interface AirbyteState {
  type?: 'STREAM' | 'GLOBAL' | 'LEGACY';
  stream?: AirbyteStreamState;
  global?: AirbyteGlobalState;
  data?: Record<string, unknown>;
  sourceStats?: AirbyteStateStats;
  destinationStats?: AirbyteStateStats;
}

export interface AirbyteLog {
  level: LogLevel;
  message: string;
  stack_trace?: string;
}

export interface AirbyteErrorTrace {
  message: string;
  internal_message?: string;
  stack_trace?: string;
  failure_type?: FailureType;
  stream_descriptor?: StreamDescriptor;
}

export interface AirbyteStreamStatusReason {
  type: 'RATE_LIMITED';
  rate_limited?: { quota_reset?: number };
}

export interface AirbyteStreamStatusTrace {
  stream_descriptor: StreamDescriptor;
  status: StreamStatus;
  reasons?: AirbyteStreamStatusReason[];
}

export interface AirbyteEstimateTrace {
  name: string;
  type: 'STREAM' | 'SYNC';
  namespace?: string;
  row_estimate?: number;
  byte_estimate?: number;
}

export interface AirbyteTrace {
  type: 'ERROR' | 'ESTIMATE' | 'STREAM_STATUS' | 'ANALYTICS';
  emitted_at: number;
  error?: AirbyteErrorTrace;
  estimate?: AirbyteEstimateTrace;
  stream_status?: AirbyteStreamStatusTrace;
  analytics?: { type: string; value?: string };
}

export interface AirbyteControl {
  type: 'CONNECTOR_CONFIG';
  emitted_at: number;
  connectorConfig: { config: Record<string, unknown> };
}

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

export interface AirbyteConnectionStatus {
  status: 'SUCCEEDED' | 'FAILED';
  message?: string;
}

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

export interface AirbyteCatalog {
  streams: AirbyteStream[];
}

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
