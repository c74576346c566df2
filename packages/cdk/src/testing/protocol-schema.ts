import type { ValidateFunction } from 'ajv';
import type { AirbyteMessage } from '../index.js';
import { createAjv, describeError } from './json-schema-tools.js';

/**
 * The Airbyte protocol's `AirbyteMessage` (v0.3), compact: the types, required fields and enums
 * of every message a source writes, as in the official `airbyte_protocol.yaml` (which does not
 * ship with the CDK). Like the official schema it allows additional properties everywhere.
 */
const descriptor = { type: 'object', required: ['name'], properties: { name: { type: 'string' }, namespace: { type: 'string' } } };
const blob = { type: 'object' };
const stringArray = { type: 'array', items: { type: 'string' } };
const syncMode = { enum: ['full_refresh', 'incremental'] };
const destinationSyncMode = { enum: ['append', 'overwrite', 'append_dedup', 'update', 'soft_delete'] };
const streamState = { type: 'object', required: ['stream_descriptor'], properties: { stream_descriptor: descriptor, stream_state: blob } };
const stateStats = { type: 'object', properties: { recordCount: { type: 'number' }, rejectedRecordCount: { type: 'number' } } };

/**
 * A compact JSON Schema of Airbyte protocol messages, which the acceptance suite checks every
 * message against.
 */
export const AIRBYTE_MESSAGE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'AirbyteMessage (compact, protocol v0.3)',
  type: 'object',
  required: ['type'],
  properties: {
    type: { enum: ['RECORD', 'STATE', 'LOG', 'SPEC', 'CONNECTION_STATUS', 'CATALOG', 'TRACE', 'CONTROL', 'DESTINATION_CATALOG'] },
    record: {
      type: 'object',
      required: ['stream', 'data', 'emitted_at'],
      properties: {
        namespace: { type: 'string' },
        stream: { type: 'string' },
        data: { type: 'object' },
        emitted_at: { type: 'integer' },
        meta: {
          type: 'object',
          properties: {
            changes: {
              type: 'array',
              items: {
                type: 'object',
                required: ['field', 'reason', 'change'],
                properties: { field: { type: 'string' }, change: { enum: ['NULLED', 'TRUNCATED'] }, reason: { type: 'string' } },
              },
            },
          },
        },
      },
    },
    state: {
      type: 'object',
      properties: {
        type: { enum: ['GLOBAL', 'STREAM', 'LEGACY'] },
        stream: streamState,
        global: {
          type: 'object',
          required: ['stream_states'],
          properties: { shared_state: blob, stream_states: { type: 'array', items: streamState } },
        },
        data: blob,
        sourceStats: stateStats,
        destinationStats: stateStats,
      },
    },
    log: {
      type: 'object',
      required: ['level', 'message'],
      properties: {
        level: { enum: ['FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE'] },
        message: { type: 'string' },
        stack_trace: { type: 'string' },
      },
    },
    spec: {
      type: 'object',
      required: ['connectionSpecification'],
      properties: {
        documentationUrl: { type: 'string', format: 'uri' },
        changelogUrl: { type: 'string', format: 'uri' },
        connectionSpecification: blob,
        supportsIncremental: { type: 'boolean' },
        supportsNormalization: { type: 'boolean' },
        supportsDBT: { type: 'boolean' },
        supported_destination_sync_modes: { type: 'array', items: destinationSyncMode },
        advanced_auth: blob,
        protocol_version: { type: 'string' },
      },
    },
    connectionStatus: {
      type: 'object',
      required: ['status'],
      properties: { status: { enum: ['SUCCEEDED', 'FAILED'] }, message: { type: 'string' } },
    },
    catalog: {
      type: 'object',
      required: ['streams'],
      properties: {
        streams: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'json_schema', 'supported_sync_modes'],
            properties: {
              name: { type: 'string' },
              json_schema: blob,
              supported_sync_modes: { type: 'array', minItems: 1, items: syncMode },
              source_defined_cursor: { type: 'boolean' },
              default_cursor_field: stringArray,
              source_defined_primary_key: { type: 'array', items: stringArray },
              namespace: { type: 'string' },
              is_resumable: { type: 'boolean' },
              is_file_based: { type: 'boolean' },
            },
          },
        },
      },
    },
    trace: {
      type: 'object',
      required: ['type', 'emitted_at'],
      properties: {
        type: { enum: ['ERROR', 'ESTIMATE', 'STREAM_STATUS', 'ANALYTICS'] },
        emitted_at: { type: 'number' },
        error: {
          type: 'object',
          required: ['message'],
          properties: {
            message: { type: 'string' },
            internal_message: { type: 'string' },
            stack_trace: { type: 'string' },
            failure_type: { enum: ['system_error', 'config_error', 'transient_error'] },
            stream_descriptor: descriptor,
          },
        },
        estimate: {
          type: 'object',
          required: ['name', 'type'],
          properties: {
            name: { type: 'string' },
            type: { enum: ['STREAM', 'SYNC'] },
            namespace: { type: 'string' },
            row_estimate: { type: 'integer' },
            byte_estimate: { type: 'integer' },
          },
        },
        stream_status: {
          type: 'object',
          required: ['stream_descriptor', 'status'],
          properties: {
            stream_descriptor: descriptor,
            status: { enum: ['STARTED', 'RUNNING', 'COMPLETE', 'INCOMPLETE'] },
            reasons: {
              type: 'array',
              items: {
                type: 'object',
                required: ['type'],
                properties: {
                  type: { enum: ['RATE_LIMITED'] },
                  rate_limited: { type: 'object', properties: { quota_reset: { type: 'integer' } } },
                },
              },
            },
          },
        },
        analytics: { type: 'object', required: ['type'], properties: { type: { type: 'string' }, value: { type: 'string' } } },
      },
    },
    control: {
      type: 'object',
      required: ['type', 'emitted_at'],
      properties: {
        type: { enum: ['CONNECTOR_CONFIG'] },
        emitted_at: { type: 'number' },
        connectorConfig: { type: 'object', required: ['config'], properties: { config: blob } },
      },
    },
  },
} as const;

/** The payload key each message type carries (the protocol's one camelCase exception included). */
const PAYLOAD_KEYS: Record<string, string> = {
  RECORD: 'record',
  STATE: 'state',
  LOG: 'log',
  SPEC: 'spec',
  CONNECTION_STATUS: 'connectionStatus',
  CATALOG: 'catalog',
  TRACE: 'trace',
  CONTROL: 'control',
  DESTINATION_CATALOG: 'destination_catalog',
};
const ALL_PAYLOADS = new Set(Object.values(PAYLOAD_KEYS));

let compiled: ValidateFunction | undefined;

/**
 * Why `message` is not a valid Airbyte message (empty when it is): the schema above, plus what
 * the schema cannot say: a message carries exactly the payload its `type` names, a TRACE its
 * matching part (`error` for ERROR…), a STATE the part its `type` names.
 */
export function protocolProblems(message: unknown): string[] {
  compiled ??= createAjv().compile(AIRBYTE_MESSAGE_SCHEMA);
  const problems = compiled(message)
    ? []
    : (compiled.errors ?? []).map((error) => describeError(error, message).replace('(record)', '(message)'));
  if (typeof message !== 'object' || message === null) return problems;
  const typed = message as AirbyteMessage & Record<string, unknown>;
  const expected = PAYLOAD_KEYS[typed.type];
  if (expected !== undefined) {
    const payloads = Object.keys(typed).filter((key) => ALL_PAYLOADS.has(key));
    if (payloads.length !== 1 || payloads[0] !== expected) {
      problems.push(
        `${article(typed.type)} ${typed.type} message must carry exactly the "${expected}" payload, found ${JSON.stringify(payloads)}`,
      );
    }
  }
  if (typed.type === 'TRACE' && typeof typed.trace === 'object' && typed.trace !== null) {
    const part = { ERROR: 'error', ESTIMATE: 'estimate', STREAM_STATUS: 'stream_status', ANALYTICS: 'analytics' }[typed.trace.type];
    if (part !== undefined && (typed.trace as unknown as Record<string, unknown>)[part] === undefined) {
      problems.push(`${article(typed.trace.type)} ${typed.trace.type} trace must carry "${part}"`);
    }
  }
  if (typed.type === 'STATE' && typeof typed.state === 'object' && typed.state !== null) {
    const part = { STREAM: 'stream', GLOBAL: 'global', LEGACY: 'data' }[typed.state.type ?? 'LEGACY'];
    if (part !== undefined && (typed.state as unknown as Record<string, unknown>)[part] === undefined) {
      problems.push(`${article(typed.state.type ?? 'LEGACY')} ${typed.state.type ?? 'LEGACY'} state must carry "${part}"`);
    }
  }
  if (typed.type === 'CONTROL' && typeof typed.control === 'object' && typed.control?.type === 'CONNECTOR_CONFIG') {
    if (typed.control.connectorConfig === undefined) problems.push('a CONNECTOR_CONFIG control message must carry "connectorConfig"');
  }
  return problems;
}

function article(word: string): string {
  return /^[AEIOU]/.test(word) ? 'an' : 'a';
}

/** Checks every message; returns the problems as `message N (TYPE): problem`. */
export function protocolProblemsOf(messages: readonly unknown[]): string[] {
  const problems: string[] = [];
  messages.forEach((message, index) => {
    for (const problem of protocolProblems(message)) {
      const type = (message as { type?: unknown } | null)?.type;
      problems.push(`message ${index + 1} (${typeof type === 'string' ? type : '?'}): ${problem}`);
    }
  });
  return problems;
}
