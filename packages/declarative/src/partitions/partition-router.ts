// A partition router gives a stream's partitions as slices (the CDK's PartitionRouter), puts the
// partition's value into requests, and carries its parents' state (SubstreamPartitionRouter with
// incremental_dependency).
import type { PlainDict } from '../interpolation/values/object.js';
import type { InjectInto, RequestValues } from '../requests/request-option.js';
import { makeSlice, type StreamSlice } from '../slices/stream-slice.js';

/**
 * Splits a stream into partitions (a list, parent records, a product of routers), each a slice with
 * its request options.
 */
export interface PartitionRouter {
  /** The partitions, in order. */
  streamSlices(): AsyncIterable<StreamSlice>;
  /** The parameters, headers or body fields that select a partition in a request. */
  requestOptions(kind: InjectInto, slice: StreamSlice | null): RequestValues;
  /** Gives the parents their state from the stream's state (its `parent_state`). */
  setInitialState(streamState: PlainDict): void;
  /** The parents' state now (null when the router has no parents, as the CDK's None). */
  getStreamState(): PlainDict | null;
}

/** The CDK's SinglePartitionRouter: one empty slice. */
export class SinglePartitionRouter implements PartitionRouter {
  async *streamSlices(): AsyncIterable<StreamSlice> {
    yield makeSlice({});
  }
  requestOptions(): RequestValues {
    return {};
  }
  setInitialState(): void {}
  getStreamState(): PlainDict | null {
    return null;
  }
}

/** All slices of a router, in order. */
export async function collectSlices(router: PartitionRouter): Promise<StreamSlice[]> {
  const slices: StreamSlice[] = [];
  for await (const slice of router.streamSlices()) slices.push(slice);
  return slices;
}
