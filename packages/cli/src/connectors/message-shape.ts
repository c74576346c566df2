/**
 * Checks that a message from a connector's output carries what its type promises (the
 * protocol's required fields), before the runner acts on it: a RECORD without `record` or
 * without `data`, or a STATE without a payload, must be refused with a message naming it, not
 * crash the runner halfway through a sync.
 */

/** The message types of the Airbyte protocol; a line with any other `type` is not a message. */
export const MESSAGE_TYPES: ReadonlySet<string> = new Set([
  'RECORD',
  'STATE',
  'LOG',
  'SPEC',
  'CONNECTION_STATUS',
  'CATALOG',
  'TRACE',
  'CONTROL',
  'DESTINATION_CATALOG',
]);

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a value is, in words (`a number`, `null`, `an array`). */
export function kindOf(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** What is wrong with a message of a known type, or undefined when it is well formed. */
export function messageProblem(message: Json): string | undefined {
  switch (message.type) {
    case 'RECORD':
      return recordProblem(message.record);
    case 'STATE':
      return stateProblem(message.state);
    case 'TRACE':
      return traceProblem(message.trace);
    case 'CONTROL':
      return controlProblem(message.control);
    case 'LOG':
      return isObject(message.log) && typeof message.log.message === 'string' ? undefined : 'it has no "log" with a "message"';
    case 'CATALOG':
      return isObject(message.catalog) && Array.isArray(message.catalog.streams) ? undefined : 'it has no "catalog" with "streams"';
    case 'CONNECTION_STATUS':
      return isObject(message.connectionStatus) && typeof message.connectionStatus.status === 'string'
        ? undefined
        : 'it has no "connectionStatus" with a "status"';
    case 'SPEC':
      return isObject(message.spec) ? undefined : 'it has no "spec"';
    default:
      return undefined;
  }
}

function recordProblem(record: unknown): string | undefined {
  if (!isObject(record)) return `it has no "record" (${kindOf(record)})`;
  if (typeof record.stream !== 'string' || record.stream === '') return `its record has no "stream" name (${kindOf(record.stream)})`;
  if (record.namespace !== undefined && record.namespace !== null && typeof record.namespace !== 'string') {
    return `the namespace of its record is ${kindOf(record.namespace)}, not a string`;
  }
  if (!isObject(record.data)) {
    const what = record.data === undefined ? 'has no "data"' : `has "data" that is ${kindOf(record.data)}, not a JSON object`;
    return `its record of stream '${record.stream}' ${what}`;
  }
  return undefined;
}

function stateProblem(state: unknown): string | undefined {
  if (!isObject(state)) return `it has no "state" payload (${kindOf(state)})`;
  const streamState = state.stream;
  if (state.type === 'STREAM' || (state.type === undefined && streamState !== undefined)) {
    if (!isObject(streamState) || !isObject(streamState.stream_descriptor) || typeof streamState.stream_descriptor.name !== 'string') {
      return 'its STREAM state has no "stream.stream_descriptor.name"';
    }
    return undefined;
  }
  if (state.type === 'GLOBAL' || (state.type === undefined && state.global !== undefined)) {
    return isObject(state.global) && Array.isArray(state.global.stream_states)
      ? undefined
      : 'its GLOBAL state has no "global.stream_states"';
  }
  if (state.type === 'LEGACY' || state.type === undefined)
    return state.data === undefined ? 'its state has no payload ("stream", "global" or "data")' : undefined;
  return `its state has the unknown type ${JSON.stringify(state.type)}`;
}

function traceProblem(trace: unknown): string | undefined {
  if (!isObject(trace) || typeof trace.type !== 'string') return 'it has no "trace" with a "type"';
  if (trace.type === 'ERROR' && !(isObject(trace.error) && typeof trace.error.message === 'string'))
    return 'its ERROR trace has no "error.message"';
  if (trace.type === 'STREAM_STATUS') {
    const status = trace.stream_status;
    if (
      !isObject(status) ||
      !isObject(status.stream_descriptor) ||
      typeof status.stream_descriptor.name !== 'string' ||
      typeof status.status !== 'string'
    ) {
      return 'its STREAM_STATUS trace has no "stream_status" with a "stream_descriptor.name" and a "status"';
    }
  }
  if (trace.type === 'ESTIMATE' && !isObject(trace.estimate)) return 'its ESTIMATE trace has no "estimate"';
  return undefined;
}

function controlProblem(control: unknown): string | undefined {
  if (!isObject(control) || typeof control.type !== 'string') return 'it has no "control" with a "type"';
  if (control.type === 'CONNECTOR_CONFIG' && !(isObject(control.connectorConfig) && isObject(control.connectorConfig.config))) {
    return 'its CONNECTOR_CONFIG control has no "connectorConfig.config" object';
  }
  return undefined;
}
