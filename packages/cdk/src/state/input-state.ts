import { ConnectorError } from '../errors/connector-error.js';
import { assertUsableJsonInput } from '../json/json-input.js';
import type { Logger } from '../output/logger.js';
import type { StreamDescriptor } from '../protocol/types.js';

/** The state a read starts from: each stream's blob, plus a global shared state if one was given. */
export interface InputState {
  streams: Map<string, Record<string, unknown>>;
  shared?: Record<string, unknown>;
}

export function stateKey(stream: StreamDescriptor): string {
  return `${stream.namespace ?? ''}\0${stream.name}`;
}

/**
 * Parses the `--state` input: a JSON array of STATE messages (STREAM, GLOBAL or LEGACY entries).
 * A legacy single object is accepted with a warning, as older platforms wrote it. Anything of
 * the wrong shape is a `config_error` naming the entry and, where known, the stream.
 */
export function parseInputState(raw: unknown, logger: Logger, source = 'state'): InputState {
  const result: InputState = { streams: new Map() };
  const problem = (detail: string) => ConnectorError.config(`The ${source} is not valid: ${detail}`);
  assertUsableJsonInput(raw, source);
  if (raw === null || raw === undefined) return result;
  if (!Array.isArray(raw)) {
    if (typeof raw === 'object') {
      logger.warn(
        `The ${source} is a single object (the legacy format); expected an array of state messages. Reading it as per-stream legacy state.`,
      );
      for (const [name, blob] of Object.entries(raw as Record<string, unknown>)) {
        if (isObject(blob)) result.streams.set(stateKey({ name }), blob);
      }
      return result;
    }
    throw problem(`expected a JSON array of state messages, got ${typeof raw}`);
  }
  raw.forEach((item: unknown, index: number) => {
    const at = `entry ${index}`;
    if (!isObject(item)) throw problem(`${at} must be an object`);
    // A whole STATE message copied from a connector's output is accepted as its payload.
    const entry = item.type === 'STATE' && isObject(item.state) ? item.state : item;
    const type = entry.type ?? (entry.stream ? 'STREAM' : entry.global ? 'GLOBAL' : entry.data ? 'LEGACY' : undefined);
    if (type === undefined) throw problem(`${at} has no "type" and none of "stream", "global" or "data"`);
    if (type === 'STREAM') {
      const stream = entry.stream;
      if (!isObject(stream)) throw problem(`${at} has type STREAM but no "stream" object`);
      const descriptor = stream.stream_descriptor;
      if (!isObject(descriptor) || typeof descriptor.name !== 'string')
        throw problem(`${at}: stream.stream_descriptor.name must be a string`);
      const name = descriptor.name;
      const namespace = typeof descriptor.namespace === 'string' ? descriptor.namespace : undefined;
      const blob = stream.stream_state;
      if (blob !== undefined && blob !== null && !isObject(blob)) {
        throw problem(`the state of stream '${name}' (${at}) must be an object, got ${Array.isArray(blob) ? 'an array' : typeof blob}`);
      }
      if (isObject(blob)) result.streams.set(stateKey({ name, namespace }), blob);
    } else if (type === 'GLOBAL') {
      const global = entry.global;
      if (!isObject(global) || !Array.isArray(global.stream_states))
        throw problem(`${at} has type GLOBAL but no "global.stream_states" array`);
      if (global.shared_state !== undefined && global.shared_state !== null && !isObject(global.shared_state)) {
        throw problem(`${at}: global.shared_state must be an object`);
      }
      if (isObject(global.shared_state)) result.shared = global.shared_state;
      global.stream_states.forEach((streamState: unknown, inner: number) => {
        if (!isObject(streamState) || !isObject(streamState.stream_descriptor) || typeof streamState.stream_descriptor.name !== 'string') {
          throw problem(`${at}: global.stream_states[${inner}] needs a stream_descriptor with a name`);
        }
        const name = streamState.stream_descriptor.name;
        const namespace = typeof streamState.stream_descriptor.namespace === 'string' ? streamState.stream_descriptor.namespace : undefined;
        if (streamState.stream_state !== undefined && streamState.stream_state !== null && !isObject(streamState.stream_state)) {
          throw problem(`the state of stream '${name}' in ${at} must be an object`);
        }
        if (isObject(streamState.stream_state)) result.streams.set(stateKey({ name, namespace }), streamState.stream_state);
      });
    } else if (type === 'LEGACY') {
      logger.warn(`Ignoring LEGACY state ${at}; per-stream state is expected.`);
    } else {
      throw problem(`${at} has unknown type ${JSON.stringify(type)} (expected STREAM, GLOBAL or LEGACY)`);
    }
  });
  return result;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
