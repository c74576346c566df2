/**
 * `_tributary_state`: one row per stream (or one GLOBAL / LEGACY row) holding the state to pass
 * back to the connector on the next sync. `state` belongs to the stream's table; `pending_state`
 * to an overwrite still in progress in its staging table (a resumable full refresh that was
 * interrupted continues from it; the swap at the end makes it `state`).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { AirbyteState } from '@tributary/cdk';
import { parseBoundedJson } from '../../json-depth.js';
import { literal, literalOrNull } from './sql.js';
import { STATE_TABLE } from './tables.js';

export interface StoredState {
  type: 'STREAM' | 'GLOBAL' | 'LEGACY';
  namespace: string | undefined;
  name: string;
  state: AirbyteState | null;
  pending: AirbyteState | null;
}

/** The key of a state: one per stream, one for the global state, one for a legacy blob. */
export function stateKey(type: StoredState['type'], namespace: string | undefined, name: string): string {
  return `${type}\0${namespace ?? ''}\0${name}`;
}

/** The key a STATE message is stored under. */
export function keyOfState(state: AirbyteState): { key: string; type: StoredState['type']; namespace: string | undefined; name: string } {
  if (state.type === 'GLOBAL' || (state.type === undefined && state.global !== undefined)) {
    return { key: stateKey('GLOBAL', undefined, ''), type: 'GLOBAL', namespace: undefined, name: '' };
  }
  const descriptor = state.stream?.stream_descriptor;
  if ((state.type === 'STREAM' || state.type === undefined) && descriptor !== undefined) {
    return {
      key: stateKey('STREAM', descriptor.namespace, descriptor.name),
      type: 'STREAM',
      namespace: descriptor.namespace,
      name: descriptor.name,
    };
  }
  return { key: stateKey('LEGACY', undefined, ''), type: 'LEGACY', namespace: undefined, name: '' };
}

/** The state as it is stored and passed back: the message payload without its statistics. */
export function storable(state: AirbyteState): AirbyteState {
  const { sourceStats: _source, destinationStats: _destination, ...rest } = state;
  return rest;
}

/** The stored states of the file as this process knows them: loaded when a sync begins, updated as batches commit. */
export class StateStore {
  private constructor(private readonly entries: Map<string, StoredState>) {}

  static async load(connection: DuckDBConnection): Promise<StateStore> {
    const reader = await connection.runAndReadAll(
      `SELECT state_type, stream_namespace, stream_name, CAST(state AS VARCHAR), CAST(pending_state AS VARCHAR) FROM ${STATE_TABLE}`,
    );
    const entries = new Map<string, StoredState>();
    for (const [type, namespace, name, state, pending] of reader.getRows()) {
      const what = `the stored state of ${type === 'STREAM' ? `stream '${namespace ? `${namespace}.` : ''}${name}'` : `type ${type}`} in ${STATE_TABLE}`;
      const entry: StoredState = {
        type: type as StoredState['type'],
        namespace: namespace === '' || namespace === null ? undefined : String(namespace),
        name: String(name),
        state: state === null ? null : (parseBoundedJson(String(state), what) as AirbyteState),
        pending: pending === null ? null : (parseBoundedJson(String(pending), what) as AirbyteState),
      };
      entries.set(stateKey(entry.type, entry.namespace, entry.name), entry);
    }
    return new StateStore(entries);
  }

  get(key: string): StoredState | undefined {
    return this.entries.get(key);
  }

  /** Records an entry as committed. */
  set(key: string, entry: StoredState): void {
    this.entries.set(key, entry);
  }

  /** The GLOBAL and LEGACY states, which belong to no one stream. */
  sharedStates(): AirbyteState[] {
    const states: AirbyteState[] = [];
    for (const entry of this.entries.values()) if (entry.type !== 'STREAM' && entry.state !== null) states.push(entry.state);
    return states;
  }
}

/** Replaces the row of one state (part of a batch's transaction). */
export function upsertStateSql(entry: StoredState, syncId: number): string {
  const where = `state_type = ${literal(entry.type)} AND stream_namespace = ${literal(entry.namespace ?? '')} AND stream_name = ${literal(entry.name)}`;
  const json = (value: AirbyteState | null) => (value === null ? 'NULL' : `${literal(JSON.stringify(value))}::JSON`);
  return (
    `DELETE FROM ${STATE_TABLE} WHERE ${where}; ` +
    `INSERT INTO ${STATE_TABLE} VALUES (${literal(entry.type)}, ${literal(entry.namespace ?? '')}, ${literalOrNull(entry.name)}, ${json(entry.state)}, ${json(entry.pending)}, ${syncId}, now())`
  );
}
