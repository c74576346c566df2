import { ConnectorError } from '../../errors/connector-error.js';
import { valueAtKeyPath } from '../../json/key-path.js';
import type { StreamSlice, StreamState } from '../../state/stream-state.js';
import { definesStateBelow, keepsStateHook } from '../own-state.js';
import { normalizeCursorField, normalizePrimaryKey } from '../primary-key.js';
import type { SliceOptions } from '../read-options.js';
import type { Stream } from '../stream.js';
import { type ChildStream, ParentPartitions } from './parent-partitions.js';

/**
 * The record type of a stream's `parent`: what `parentOf()` returns. Read from the parent's
 * record type marker, not from its members (a `getUpdatedState` taking any object would widen it).
 */
export type ParentRecord<S> = S extends { readonly parent?: { readonly __recordType?: infer P } } ? P : unknown;

/** The slice of a stream with a parent: one record of the parent stream. */
export interface ParentSlice<P> {
  parent: P;
}

/** A stream that may have a parent, as the members below see it. */
type MaybeChild = Omit<ChildStream, 'parent'> & { readonly parent?: Stream<unknown>; readRecords: unknown; streamSlices?: unknown };

const partitionsSlot = Symbol('tributary.parentPartitions');

/**
 * True when the stream has a parent (and so reads one slice per parent record). A `parent`
 * getter that throws (an `HttpSubStream` given none) means the stream is meant to have one: its
 * members act as a child's, and the read fails with that error where the parent is needed.
 */
export function hasParent(stream: MaybeChild): stream is MaybeChild & ChildStream {
  try {
    return stream.parent !== undefined;
  } catch {
    return true;
  }
}

/** The per-partition state of a stream with a parent, created on first use. */
export function partitionsOf(stream: ChildStream): ParentPartitions {
  const holder = stream as ChildStream & { [partitionsSlot]?: ParentPartitions };
  holder[partitionsSlot] ??= new ParentPartitions(stream);
  return holder[partitionsSlot];
}

/** The parent record of the slice being read; fails naming the stream when the slice has none. */
export function parentSliceOf(stream: { readonly name: string }, options: { slice?: StreamSlice }): unknown {
  const slice = options.slice as Partial<ParentSlice<unknown>> | undefined;
  if (slice === undefined || slice === null || !('parent' in slice)) {
    throw new ConnectorError(
      `Stream '${stream.name}' is a sub-stream: it reads one slice per parent record ({ parent: record }), but was given ${slice === undefined ? 'no slice' : 'a slice without "parent"'}`,
    );
  }
  return slice.parent;
}

/** The default partition of a parent record: its primary key, `parent_<field>` for each field (`{ parent_id: 7 }`). */
export function partitionByPrimaryKey(stream: { readonly name: string; readonly parent?: Stream<unknown> }, record: unknown): StreamSlice {
  const parent = stream.parent;
  const key = normalizePrimaryKey(parent?.primaryKey);
  if (parent === undefined || key === undefined) {
    const which = parent === undefined ? 'it has no parent stream' : `its parent stream '${parent.name}' has no primary key`;
    throw new ConnectorError(`Stream '${stream.name}': ${which} to name partitions by; define partition(parent) on '${stream.name}'`);
  }
  const out: StreamSlice = {};
  for (const path of key) {
    const value = valueAtKeyPath(record, path);
    if (value === undefined || value === null) {
      throw new ConnectorError(
        `Stream '${stream.name}': a record of its parent stream '${parent.name}' has no '${path.join('.')}' (the parent's primary key), so it cannot name a partition`,
      );
    }
    out[`parent_${path.join('_')}`] = value;
  }
  return out;
}

/**
 * Defines on an `HttpStream` prototype the members a parent brings, each present only on an
 * instance that has a parent, so a stream without one behaves as if they were not there:
 * `streamSlices` (one per parent record), `sliceState` and `state` (the per-partition state) and
 * `minCheckpointIntervalMs`. They are accessors with a setter, like the other overridable
 * members: a subclass's field, getter or method of the same name wins. Also defines the computed
 * `supportsResumableFullRefresh` (`defaultReadRecords` is the class's own `readRecords`).
 */
export function defineParentMembers(prototype: object, defaultReadRecords: unknown): void {
  defineOverridable(prototype, 'streamSlices', function (this: MaybeChild) {
    if (!hasParent(this)) return undefined;
    return (options: SliceOptions) => partitionsOf(this).slices(options);
  });
  defineOverridable(prototype, 'sliceState', function (this: MaybeChild) {
    if (!hasParent(this)) return undefined;
    // Partitions do not depend on each other: after any completed slice the whole per-partition state is safe.
    return (_slice: StreamSlice) => partitionsOf(this).state;
  });
  defineOverridable(prototype, 'minCheckpointIntervalMs', function (this: MaybeChild) {
    return hasParent(this) ? partitionsOf(this).minCheckpointIntervalMs : undefined;
  });
  Object.defineProperty(prototype, 'state', {
    configurable: true,
    enumerable: false,
    get(this: MaybeChild): StreamState | undefined {
      return hasParent(this) ? partitionsOf(this).state : undefined;
    },
    set(this: MaybeChild, value: StreamState | undefined) {
      if (hasParent(this)) partitionsOf(this).reset(value, undefined);
      else Object.defineProperty(this, 'state', { value, writable: true, enumerable: true, configurable: true });
    },
  });
  Object.defineProperty(prototype, keepsStateHook, {
    configurable: true,
    value(this: MaybeChild): boolean {
      return definesStateBelow(this, prototype) || hasParent(this);
    },
  });
  defineOverridable(prototype, 'supportsResumableFullRefresh', function (this: MaybeChild) {
    if (normalizeCursorField(this.cursorField).length > 0 || this.readRecords !== defaultReadRecords) return false;
    return hasParent(this) || typeof this.streamSlices !== 'function';
  });
}

/** A getter a subclass may replace with a field (assigned or defined), a getter or a method. */
function defineOverridable(prototype: object, name: string, get: (this: MaybeChild) => unknown): void {
  Object.defineProperty(prototype, name, {
    configurable: true,
    enumerable: false,
    get,
    set(this: object, value: unknown) {
      Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
    },
  });
}
