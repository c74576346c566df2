/** The streams of a sync's catalog in DuckDB, by catalog position and by state key. */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { AirbyteState, ConfiguredAirbyteCatalog, StreamDescriptor } from '@tributary/cdk';
import type { StreamStats } from '../../progress/stats.js';
import { type StateStore, stateKey } from './state-store.js';
import { StreamTarget, type TargetOptions } from './stream-target.js';
import type { SchemaChange } from './tables.js';

export class StreamTargets {
  private constructor(
    /** In catalog order; a target's `index` is its position here. */
    readonly all: readonly StreamTarget[],
    private readonly byKey: ReadonlyMap<string, StreamTarget>,
  ) {}

  static none(): StreamTargets {
    return new StreamTargets([], new Map());
  }

  /**
   * Prepares every configured stream's tables and staging, in catalog order; `warn` hears of
   * each schema change as its stream is prepared. A stream listed twice is an error.
   */
  static async prepare(
    connections: { writer: DuckDBConnection; loader: DuckDBConnection },
    catalog: ConfiguredAirbyteCatalog,
    states: StateStore,
    options: TargetOptions & { warn: (message: string) => void },
  ): Promise<StreamTargets> {
    const all: StreamTarget[] = [];
    const byKey = new Map<string, StreamTarget>();
    for (const [index, configured] of catalog.streams.entries()) {
      const { name, namespace } = configured.stream;
      const key = stateKey('STREAM', namespace, name);
      if (byKey.has(key)) throw new Error(`the catalog lists stream '${name}' twice`);
      const target = await StreamTarget.prepare(connections.writer, connections.loader, index, configured, states.get(key), options);
      all.push(target);
      byKey.set(key, target);
      for (const change of target.schemaChanges) options.warn(`stream '${target.stats.label}': ${describeChange(change)}`);
    }
    return new StreamTargets(all, byKey);
  }

  /** The target of a state key (see state-store.ts). */
  withKey(key: string): StreamTarget | undefined {
    return this.byKey.get(key);
  }

  /** The target of a stream. */
  of(descriptor: StreamDescriptor): StreamTarget | undefined {
    return this.byKey.get(stateKey('STREAM', descriptor.namespace, descriptor.name));
  }

  at(index: number): StreamTarget {
    return this.all[index] as StreamTarget;
  }

  get stats(): StreamStats[] {
    return this.all.map((target) => target.stats);
  }

  /** The states to pass to the connector: each stream's, then the shared ones. */
  inputStates(states: StateStore): AirbyteState[] {
    const input: AirbyteState[] = [];
    for (const target of this.all) {
      const state = target.inputState;
      if (state !== null) input.push(state);
    }
    return [...input, ...states.sharedStates()];
  }
}

function describeChange(change: SchemaChange): string {
  if (change.change === 'added') return `added column ${change.column} ${change.newType}`;
  return `column ${change.column} stays ${change.previousType} although the schema now says ${change.newType}; values that do not fit are nulled and listed in _airbyte_meta.changes`;
}
