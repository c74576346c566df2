// The CDK's GroupingPartitionRouter: the underlying router's partitions in groups of `group_size`
// (the last group may be smaller): each key becomes the list of the group's values, extra fields
// too; with `deduplicate` (the default) a partition whose value was already seen is skipped. The
// underlying router must have a single key besides `parent_slice`, and no request options.
import { ConnectorError } from '@tributary/cdk';
import { pyEquals } from '../interpolation/values/compare.js';
import type { PlainDict, PyValue } from '../interpolation/values/object.js';
import type { RequestValues } from '../requests/request-option.js';
import { makeSlice, plainOf, type StreamSlice } from '../slices/stream-slice.js';
import type { PartitionRouter } from './partition-router.js';

export class GroupingPartitionRouter implements PartitionRouter {
  private state: PlainDict | null = {};

  constructor(
    readonly groupSize: number,
    readonly underlying: PartitionRouter,
    readonly deduplicate = true,
  ) {
    if (groupSize < 1) throw ConnectorError.config(`Group size must be greater than 0, got ${groupSize}`);
  }

  async *streamSlices(): AsyncIterable<StreamSlice> {
    let batch: StreamSlice[] = [];
    const seen: PyValue[] = [];
    for await (const partition of this.underlying.streamSlices()) {
      const key = singleKeyValue(partition);
      if (this.deduplicate && seen.some((value) => pyEquals(value, key))) continue;
      batch.push(partition);
      if (this.deduplicate) seen.push(key);
      if (batch.length === this.groupSize) {
        this.state = this.underlying.getStreamState();
        yield grouped(batch);
        batch = [];
      }
    }
    this.state = this.underlying.getStreamState();
    if (batch.length > 0) yield grouped(batch);
  }

  requestOptions(): RequestValues {
    return {};
  }

  setInitialState(streamState: PlainDict): void {
    this.underlying.setInitialState(streamState);
    this.state = this.underlying.getStreamState();
  }

  getStreamState(): PlainDict | null {
    return this.state;
  }
}

function singleKeyValue(partition: StreamSlice): PyValue {
  const keys = Object.keys(plainOf(partition.partition)).filter((key) => key !== 'parent_slice');
  if (keys.length !== 1) {
    throw ConnectorError.config(
      `GroupingPartitionRouter expects a single partition key-value pair. Got ${JSON.stringify(plainOf(partition.partition))}`,
    );
  }
  return plainOf(partition.partition)[keys[0]] as PyValue;
}

function grouped(batch: readonly StreamSlice[]): StreamSlice {
  const partitions = batch.map((p) => plainOf(p.partition));
  const partition: PlainDict = {};
  for (const key of Object.keys(partitions[0])) partition[key] = partitions.map((p) => (Object.hasOwn(p, key) ? p[key] : null)) as PyValue;
  const extras = batch.map((p) => plainOf(p.extraFields));
  const extra: PlainDict = {};
  if (extras.some((e) => Object.keys(e).length > 0)) {
    const keys = new Set(extras.flatMap((e) => Object.keys(e)));
    for (const key of keys) extra[key] = extras.map((e) => (Object.hasOwn(e, key) ? e[key] : null)) as PyValue;
  }
  return makeSlice(partition, {}, extra);
}
