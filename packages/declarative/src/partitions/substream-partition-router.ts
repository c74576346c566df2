// The CDK's SubstreamPartitionRouter: one partition per record of each parent stream,
// {partition_field: the record's value at parent_key, "parent_slice": the parent record's own
// partition}; a record without the key is skipped. `extra_fields` paths of the parent record go
// into the slice's extra fields (joined with '.', None when absent). The value goes into requests
// when the parent config has a `request_option` and the value is truthy. Parents read with
// `incremental_dependency` carry their state in the child's state (`parent_state`).
import type { ParentStreamConfig as ParentStreamConfigModel } from '../components/component-types.js';
import { dpathGet } from '../dpath/dpath.js';
import { type ComponentEnvironment, parametersOf } from '../interpolated/evaluation-context.js';
import { InterpolatedString } from '../interpolated/interpolated-string.js';
import { truthy } from '../interpolation/values/compare.js';
import type { PlainDict, PyValue } from '../interpolation/values/object.js';
import { createRequestOption, type InjectInto, type RequestOption, type RequestValues } from '../requests/request-option.js';
import { makeSlice, type StreamSlice, sliceValue } from '../slices/stream-slice.js';
import type { PartitionRouter } from './partition-router.js';

/** A parent record and the partition of the slice it was read in. */
export interface ParentRecord {
  readonly data: Record<string, unknown>;
  readonly partition: Record<string, unknown> | null;
}

/** A parent stream as the router reads it (the read itself belongs to the retriever). */
export interface ParentStream {
  readonly name: string;
  /** The cursor field of the parent, for migrating a child state into a parent state. */
  readonly cursorField?: string;
  /** The parent's records, read once per sync. */
  records(): AsyncIterable<ParentRecord>;
  /** The parent's state (incremental_dependency), and how it is given back at start. */
  state?(): PlainDict;
  /**
   * Starts the parent from its state kept in the child's (`parent_state`), for incremental
   * dependencies.
   */
  setState?(state: PlainDict): void;
}

const MISSING = Symbol('missing');

export class ParentStreamConfig {
  readonly parentKey: string;
  readonly partitionField: string;
  readonly extraFields: string[][];
  readonly requestOption: RequestOption | null;
  readonly incrementalDependency: boolean;

  constructor(
    model: ParentStreamConfigModel,
    env: ComponentEnvironment,
    readonly stream: ParentStream,
  ) {
    const parameters = parametersOf(model);
    const text = (value: unknown) => new InterpolatedString(String(value), parameters).evalString(env);
    this.parentKey = text(model.parent_key);
    this.partitionField = text(model.partition_field);
    this.extraFields = ((model.extra_fields as string[][] | undefined) ?? []).map((path) => path.map(text));
    this.requestOption = createRequestOption(model.request_option, env);
    this.incrementalDependency = model.incremental_dependency === true;
  }
}

/** dpath.get with a '/'-separated key, as the router calls it (a missing path raises KeyError). */
function valueAt(record: Record<string, unknown>, key: string | readonly string[]): unknown {
  const path = typeof key === 'string' ? key.replace(/^\/+/, '').split('/') : key;
  return dpathGet(record, path, MISSING);
}

export class SubstreamPartitionRouter implements PartitionRouter {
  constructor(readonly parents: readonly ParentStreamConfig[]) {
    if (parents.length === 0) throw new Error('SubstreamPartitionRouter needs at least 1 parent stream');
  }

  async *streamSlices(): AsyncIterable<StreamSlice> {
    for (const parent of this.parents) {
      for await (const { data, partition } of parent.stream.records()) {
        const value = valueAt(data, parent.parentKey);
        if (value === MISSING) continue;
        const extra: PlainDict = {};
        for (const path of parent.extraFields) {
          const found = valueAt(data, path);
          extra[path.join('.')] = (found === MISSING ? null : found) as PyValue;
        }
        yield makeSlice(
          { [parent.partitionField]: value as PyValue, parent_slice: (partition ?? {}) as PlainDict } as PlainDict,
          {},
          extra,
        );
      }
    }
  }

  requestOptions(kind: InjectInto, slice: StreamSlice | null): RequestValues {
    const options: RequestValues = {};
    if (slice === null) return options;
    for (const parent of this.parents) {
      if (parent.requestOption === null || parent.requestOption.injectInto !== kind) continue;
      const value = sliceValue(slice, parent.partitionField);
      if (truthy(value)) parent.requestOption.inject(options, value);
    }
    return options;
  }

  setInitialState(streamState: PlainDict): void {
    if (Object.keys(streamState).length === 0) return;
    let parentState = (streamState.parent_state ?? {}) as PlainDict;
    const dependent = this.parents.filter((parent) => parent.incrementalDependency);
    if (Object.keys(parentState).length === 0 && dependent.length === 0) return;
    if (Object.keys(parentState).length === 0) parentState = this.migrateChildState(streamState);
    for (const parent of dependent) parent.stream.setState?.((parentState[parent.stream.name] ?? {}) as PlainDict);
  }

  getStreamState(): PlainDict {
    const state: PlainDict = {};
    for (const parent of this.parents) {
      if (parent.incrementalDependency) state[parent.stream.name] = structuredClone(parent.stream.state?.() ?? {}) as PyValue;
    }
    return state;
  }

  /** A child state of one cursor value (or a global `state`) becomes the parents' state. */
  private migrateChildState(streamState: PlainDict): PlainDict {
    const values = Object.values(streamState);
    let value: PyValue = values.length > 0 ? values[0] : {};
    if ((typeof value === 'object' && value !== null) || values.length !== 1) {
      const global = streamState.state;
      if (typeof global !== 'object' || global === null || Array.isArray(global)) return {};
      value = Object.values(global as PlainDict)[0] ?? null;
    }
    const state: PlainDict = {};
    if (!truthy(value)) return state;
    for (const parent of this.parents) {
      if (parent.incrementalDependency) state[parent.stream.name] = { [parent.stream.cursorField ?? '']: value } as PlainDict;
    }
    return state;
  }
}
