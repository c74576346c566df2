import type { AirbyteState, StreamState } from '../index.js';

/** The STATE payload of one stream, as a connector writes it and reads it back as input state. */
export function streamState(name: string, state: StreamState, namespace?: string): AirbyteState {
  return {
    type: 'STREAM',
    stream: { stream_descriptor: namespace === undefined ? { name } : { name, namespace }, stream_state: structuredClone(state) },
  };
}

/**
 * Builds the input state of a read (the `--state` file): per-stream states, or a GLOBAL state
 * with a shared part.
 *
 * ```ts
 * const state = new StateBuilder().stream('users', { updated_at: '2024-01-05T00:00:00.000Z' }).build();
 * ```
 */
export class StateBuilder {
  private readonly states: AirbyteState[] = [];

  /** Adds (or replaces) the state of one stream. */
  stream(name: string, state: StreamState, namespace?: string): this {
    const index = this.states.findIndex(
      (entry) =>
        entry.type === 'STREAM' && entry.stream?.stream_descriptor.name === name && entry.stream.stream_descriptor.namespace === namespace,
    );
    if (index >= 0) this.states.splice(index, 1);
    this.states.push(streamState(name, state, namespace));
    return this;
  }

  /** Adds a GLOBAL state: a shared part and the state of each stream (keyed by name). */
  global(shared: StreamState | undefined, streams: Record<string, StreamState>): this {
    this.states.push({
      type: 'GLOBAL',
      global: {
        ...(shared === undefined ? {} : { shared_state: structuredClone(shared) }),
        stream_states: Object.entries(streams).map(([name, state]) => ({
          stream_descriptor: { name },
          stream_state: structuredClone(state),
        })),
      },
    });
    return this;
  }

  /** The STATE payloads, as `read` and `--state` take them. */
  build(): AirbyteState[] {
    return structuredClone(this.states);
  }
}
