/**
 * Replays the Python CDK's golden incremental reads (read/golden/<connector>/{incremental,resume})
 * through Tributary's cursors: the stream's cursor is built from the harness manifest and config
 * under the frozen clock, fed the golden records slice by slice, and the states it writes are
 * compared with the golden STATE messages. Records go to slices by the golden `recordCount`s
 * (one STATE per closed slice) or, for per-partition streams, by the request each record came from
 * (the mock server writes the request's variant into the record's values).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DatetimeBasedCursor } from '../../../src/components/component-types.js';
import { createStreamCursor, type StreamCursor } from '../../../src/incremental/create-cursor.js';
import type { StreamStateBlob } from '../../../src/incremental/cursor.js';
import type { PlainDict, PyValue } from '../../../src/interpolation/values/object.js';
import { loadManifestFile } from '../../../src/manifest/load-manifest.js';
import { createPartitionRouter } from '../../../src/partitions/create-partition-router.js';
import { type PartitionRouter, SinglePartitionRouter } from '../../../src/partitions/partition-router.js';
import { makeSlice, type StreamSlice } from '../../../src/slices/stream-slice.js';
import { streamModels } from '../../../src/streams/stream-models.js';
import { CORPUS_DIR } from '../../helpers/corpus.js';
import { env } from '../helpers.js';

export const READ_DIR = resolve(CORPUS_DIR, 'read');
const FROZEN_SECONDS = Date.parse('2024-06-15T12:34:56Z') / 1000;

type Json = Record<string, unknown>;
interface GoldenState {
  state: StreamStateBlob;
  count: number;
}
export interface Replay {
  connector: string;
  pass: string;
  stream: string;
  ok: boolean;
  detail: string;
}

function lines(file: string): Json[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Json);
}

function goldenOf(connector: string, pass: string, stream: string) {
  const messages = lines(resolve(READ_DIR, 'golden', connector, pass, 'messages.jsonl'));
  const records: Json[] = [];
  const states: GoldenState[] = [];
  for (const m of messages) {
    if (m.type === 'RECORD' && m.stream === stream) records.push(m.data as Json);
    const s = m.state as Json | undefined;
    const st = s?.stream as Json | undefined;
    if (m.type === 'STATE' && (st?.stream_descriptor as Json)?.name === stream) {
      states.push({ state: st?.stream_state as StreamStateBlob, count: Number((s?.sourceStats as Json)?.recordCount ?? 0) });
    }
  }
  const requests = lines(resolve(READ_DIR, 'golden', connector, pass, 'requests.jsonl')).filter(
    (r) => r.stream === stream && r.page === 'first',
  );
  const trace = messages.find(
    (m) =>
      m.type === 'TRACE' &&
      ((m.trace as Json)?.error as Json)?.stream_descriptor !== undefined &&
      (((m.trace as Json).error as Json).stream_descriptor as Json).name === stream,
  );
  const error = trace === undefined ? undefined : String(((trace.trace as Json).error as Json).internal_message);
  return { records, states, requests, error };
}

function inputState(connector: string, pass: string, stream: string): StreamStateBlob {
  if (pass !== 'resume') return {};
  const file = resolve(READ_DIR, 'golden', connector, 'resume', 'state_in.json');
  const entries = JSON.parse(readFileSync(file, 'utf8')) as Json[];
  const entry = entries.find((e) => ((e.stream as Json)?.stream_descriptor as Json)?.name === stream);
  return structuredClone(((entry?.stream as Json)?.stream_state ?? {}) as StreamStateBlob);
}

/** Incremental streams of a pass (from the catalog the driver passed). */
export function incrementalStreams(connector: string, pass: string): string[] {
  const file = resolve(READ_DIR, 'golden', connector, pass, 'catalog.json');
  if (!existsSync(file)) return [];
  const catalog = JSON.parse(readFileSync(file, 'utf8')) as { streams: { stream: { name: string }; sync_mode: string }[] };
  return catalog.streams.filter((s) => s.sync_mode === 'incremental').map((s) => s.stream.name);
}

/** A router that replays the partitions the golden state lists (their order is the cursor's). */
function replayRouter(partitions: PlainDict[], parentState: PlainDict | null): PartitionRouter {
  return {
    async *streamSlices() {
      for (const partition of partitions) yield makeSlice(partition);
    },
    requestOptions: () => ({}),
    setInitialState: () => {},
    getStreamState: () => parentState,
  };
}

function routerFor(retriever: Json, finalState: StreamStateBlob, config: Json): PartitionRouter {
  const model = retriever.partition_router as Json | Json[] | undefined;
  if (model === undefined) return new SinglePartitionRouter();
  const partitions = ((finalState.states ?? []) as Json[]).map((s) => s.partition as PlainDict);
  const isList = !Array.isArray(model) && model.type === 'ListPartitionRouter';
  if (isList)
    return createPartitionRouter(model as never, env(config), () => {
      throw new Error('no parents');
    });
  const parentState = Object.hasOwn(finalState, 'parent_state') ? (finalState.parent_state as PlainDict) : null;
  return replayRouter(partitions, parentState);
}

/** The (variant, index on the page) the mock server wrote into a record, among the given variants. */
function variantOf(record: unknown, variants: ReadonlySet<number>): [number, number] | undefined {
  const candidates: [number, number][] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      const match = /_(\d+)_(\d+)$/.exec(value);
      if (match) candidates.unshift([Number(match[1]), Number(match[2])]);
    } else if (typeof value === 'number' && value >= 1) {
      const n = Number.isInteger(value) ? value : value - 0.5;
      if (Number.isInteger(n)) candidates.push([Math.floor((n - 1) / 10), (n - 1) % 10]);
    } else if (typeof value === 'object' && value !== null) for (const member of Object.values(value)) visit(member);
  };
  visit(record);
  return candidates.find(([variant]) => variants.has(variant));
}

/** Records to the first-page requests they answer: in order, a new page when the index restarts. */
function recordsPerRequest(records: Json[], requests: Json[]): Json[][] {
  const variants = requests.map((r) => Number(r.variant));
  const known = new Set(variants);
  const groups: Json[][] = requests.map(() => []);
  let current = -1;
  let lastIndex = -1;
  for (const record of records) {
    const found = variantOf(record, known);
    if (found === undefined) throw new Error('a record with no request variant');
    const [variant, index] = found;
    if (current < 0 || variants[current] !== variant || index <= lastIndex) {
      const next = variants.findIndex((v, i) => i > current && v === variant);
      current = next === -1 ? variants.indexOf(variant) : next;
    }
    lastIndex = index;
    groups[current].push(record);
  }
  return groups;
}

interface Driven {
  emitted: StreamStateBlob[];
  error?: string;
}

async function drive(built: StreamCursor, golden: ReturnType<typeof goldenOf>, partitioned: boolean): Promise<Driven> {
  const slices: StreamSlice[] = [];
  try {
    for await (const slice of built.cursor.streamSlices()) slices.push(slice);
  } catch (error) {
    return {
      emitted: [structuredClone(built.cursor.ensureAtLeastOneStateEmitted() ?? {})],
      error: error instanceof Error ? error.message : String(error),
    };
  }
  const perSlice = partitioned ? partitionedRecords(slices, golden) : sequentialRecords(slices, golden);
  const emitted: StreamStateBlob[] = [];
  perSlice.forEach((records, i) => {
    for (const record of records) built.cursor.observe(record, slices[i]);
    const state = built.cursor.closePartition(slices[i]);
    if (state !== null) emitted.push(structuredClone(state));
  });
  const last = built.cursor.ensureAtLeastOneStateEmitted();
  if (last !== null) emitted.push(structuredClone(last));
  return { emitted };
}

function partitionedRecords(slices: StreamSlice[], golden: ReturnType<typeof goldenOf>): Json[][] {
  if (golden.requests.length < slices.length)
    throw new Error(`${slices.length} slices, ${golden.requests.length} golden first-page requests`);
  return recordsPerRequest(golden.records, golden.requests.slice(0, slices.length));
}

/** One golden STATE per closed slice: its recordCount says how many records the slice had. */
function sequentialRecords(slices: StreamSlice[], golden: ReturnType<typeof goldenOf>): Json[][] {
  const closed = golden.states.length - 1;
  if (golden.error === undefined && closed !== slices.length) throw new Error(`${slices.length} slices, ${closed} golden slice states`);
  const out: Json[][] = [];
  let next = 0;
  for (const state of golden.states.slice(0, Math.min(closed, slices.length))) {
    out.push(golden.records.slice(next, next + state.count));
    next += state.count;
  }
  return out;
}

export async function replayStream(connector: string, pass: string, stream: string): Promise<Replay> {
  const result = (ok: boolean, detail: string): Replay => ({ connector, pass, stream, ok, detail });
  const config = JSON.parse(readFileSync(resolve(READ_DIR, 'configs', `${connector}.json`), 'utf8')) as Json;
  const manifest = loadManifestFile(resolve(READ_DIR, 'manifests', `${connector}.yaml`));
  const model = streamModels(manifest, config).find((m) => m.model.name === stream)?.model;
  if (model === undefined) return result(false, 'stream not found');
  const golden = goldenOf(connector, pass, stream);
  if (golden.states.length === 0) return result(false, 'no golden state');
  const finalState = golden.states[golden.states.length - 1].state;
  const retriever = model.retriever as Json;
  try {
    const router = routerFor(retriever, finalState, config);
    const built = createStreamCursor({
      model: model.incremental_sync as DatetimeBasedCursor,
      env: env(config),
      state: inputState(connector, pass, stream),
      router,
      streamParameters: (model.$parameters ?? {}) as Record<string, PyValue>,
      now: () => FROZEN_SECONDS,
    });
    const partitioned = !(router instanceof SinglePartitionRouter);
    const driven = await drive(built, golden, partitioned);
    if (driven.error !== undefined && driven.error !== golden.error)
      return result(false, `error: ${driven.error} (golden: ${golden.error ?? 'none'})`);
    const expected = golden.states.map((s) => s.state);
    const pick = (list: StreamStateBlob[]) => (partitioned || golden.error !== undefined ? [list[0], list.at(-1)] : list);
    const [compared, want] = driven.error !== undefined ? [driven.emitted, [expected.at(-1)]] : [pick(driven.emitted), pick(expected)];
    const same = JSON.stringify(canonical(compared)) === JSON.stringify(canonical(want));
    return result(same, same ? `${driven.emitted.length} states` : `got ${JSON.stringify(compared)}\nwant ${JSON.stringify(want)}`);
  } catch (error) {
    return result(false, `error: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, canonical((value as Json)[k])]),
  );
}
