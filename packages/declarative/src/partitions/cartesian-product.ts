// The CDK's CartesianProductStreamSlicer: every combination of the routers' slices, the first
// router varying slowest (itertools.product, which reads every router's slices first); partitions
// and extra fields merged with the first router winning (ChainMap); at most one cursor slice.
// Request options are merged the same way. Parents' state is not carried (None), as in the CDK.
import type { PlainDict } from '../interpolation/values/object.js';
import type { InjectInto, RequestValues } from '../requests/request-option.js';
import { makeSlice, plainOf, type StreamSlice } from '../slices/stream-slice.js';
import { collectSlices, type PartitionRouter } from './partition-router.js';

/** dict(ChainMap(*maps)): the first map wins; keys in ChainMap's iteration order. */
export function chainMap(maps: readonly Record<string, unknown>[]): Record<string, unknown> {
  const order: string[] = [];
  const seen = new Set<string>();
  for (const map of [...maps].reverse()) {
    for (const key of Object.keys(map)) {
      if (seen.has(key)) continue;
      seen.add(key);
      order.push(key);
    }
  }
  const out: Record<string, unknown> = {};
  for (const key of order) {
    const owner = maps.find((map) => Object.hasOwn(map, key))!;
    Object.defineProperty(out, key, { value: owner[key], writable: true, enumerable: true, configurable: true });
  }
  return out;
}

export class CartesianProductStreamSlicer implements PartitionRouter {
  constructor(readonly routers: readonly PartitionRouter[]) {}

  async *streamSlices(): AsyncIterable<StreamSlice> {
    const lists: StreamSlice[][] = [];
    for (const router of this.routers) lists.push(await collectSlices(router));
    for (const combination of product(lists)) yield combine(combination);
  }

  requestOptions(kind: InjectInto, slice: StreamSlice | null): RequestValues {
    return chainMap(this.routers.map((router) => router.requestOptions(kind, slice)));
  }

  setInitialState(): void {}

  getStreamState(): PlainDict | null {
    return null;
  }
}

function* product(lists: readonly StreamSlice[][], prefix: StreamSlice[] = []): Generator<StreamSlice[]> {
  if (prefix.length === lists.length) {
    yield prefix;
    return;
  }
  for (const slice of lists[prefix.length]) yield* product(lists, [...prefix, slice]);
}

function combine(slices: readonly StreamSlice[]): StreamSlice {
  const cursorSlices = slices.map((s) => plainOf(s.cursorSlice)).filter((c) => Object.keys(c).length > 0);
  if (cursorSlices.length > 1) throw new Error(`There should only be a single cursor slice. Found ${JSON.stringify(cursorSlices)}`);
  const partition = chainMap(slices.map((s) => plainOf(s.partition))) as PlainDict;
  const extra = chainMap(slices.map((s) => plainOf(s.extraFields))) as PlainDict;
  return makeSlice(partition, (cursorSlices[0] ?? {}) as PlainDict, extra);
}
