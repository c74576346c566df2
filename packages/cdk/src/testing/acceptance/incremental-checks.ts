import type { AirbyteState, ConfiguredAirbyteStream, CursorValue, StreamState } from '../../index.js';
import { compareCursorValues } from '../../index.js';
import { valueAtKeyPath } from '../../json/key-path.js';
import { preview } from '../json-schema-tools.js';
import type { ReadResult } from '../results.js';
import { streamKey } from '../results.js';
import type { AcceptanceContext } from './context.js';
import type { AcceptanceCheck } from './options.js';
import { assertNoProblems } from './problems.js';
import { missingFrom, recordIdentity } from './record-identity.js';

export function incrementalChecks(context: AcceptanceContext<unknown>): AcceptanceCheck[] {
  return [nothingOlderThanCursor(context), resumeLosesNothing(context)];
}

function nothingOlderThanCursor(context: AcceptanceContext<unknown>): AcceptanceCheck {
  return {
    id: 'incremental-no-older',
    title: 'incremental: a read from the final state yields no record older than the cursor',
    async run() {
      const catalog = await context.incrementalCatalog();
      if (catalog === undefined) return { skip: 'no stream supports incremental reads' };
      const first = (await context.successful(context.incremental(), 'the first incremental read'))!;
      const second = (await context.successful(context.incrementalFromFinalState(), 'the incremental read from the final state'))!;
      const problems: string[] = [];
      const checked: string[] = [];
      for (const entry of catalog.streams) {
        const cursor = entry.cursor_field;
        if (cursor === undefined || cursor.length === 0) continue;
        const name = streamKey(entry.stream);
        const threshold = cursorThreshold(first, entry, cursor);
        if (threshold === undefined) continue;
        checked.push(name);
        const older = second
          .recordsOf(entry.stream.name, entry.stream.namespace)
          .map((data) => valueAtKeyPath(data, cursor))
          .filter((value) => !isCursorValue(value) || compareCursorValues(value, threshold.value) < 0);
        if (older.length > 0) {
          problems.push(
            `stream '${name}': ${older.length} record(s) older than the cursor ${JSON.stringify(threshold.value)} (${threshold.from}), e.g. ${cursor.join('.')} = ${preview(older[0])}`,
          );
        }
      }
      if (checked.length === 0)
        return {
          skip: 'no incremental stream has its cursor field in its final state (partitioned or opaque states cannot be compared)',
        };
      assertNoProblems(problems, 'The read from the final state went back before the cursor');
      return undefined;
    },
  };
}

function resumeLosesNothing(context: AcceptanceContext<unknown>): AcceptanceCheck {
  return {
    id: 'incremental-resume',
    title: 'incremental: a read resumed from a mid-sync state loses nothing',
    async run() {
      const catalog = await context.incrementalCatalog();
      if (catalog === undefined) return { skip: 'no stream supports incremental reads' };
      const first = (await context.successful(context.incremental(), 'the first incremental read'))!;
      const resumable = catalog.streams
        .map((entry) => ({ entry, mid: midSyncState(first, entry) }))
        .filter((item): item is { entry: ConfiguredAirbyteStream; mid: MidState } => item.mid !== undefined);
      if (resumable.length === 0) {
        return {
          skip: 'no incremental stream wrote a state before its final one (read more records, or checkpoint more often, to exercise resuming)',
        };
      }
      const state: AirbyteState[] = resumable.map(({ mid }) => mid.state);
      const resumed = (await context.successful(
        context.read('incremental read resumed from a mid-sync state', { streams: resumable.map(({ entry }) => entry) }, state),
        'the read resumed from a mid-sync state',
      ))!;
      const problems: string[] = [];
      for (const { entry, mid } of resumable) {
        const name = streamKey(entry.stream);
        const ignored = context.options.ignoredFields?.[name] ?? [];
        const after = mid.recordsAfter.map((data) => recordIdentity(data, ignored));
        const got = resumed.recordsOf(entry.stream.name, entry.stream.namespace).map((data) => recordIdentity(data, ignored));
        const lost = missingFrom(after, got);
        if (lost.length > 0) {
          problems.push(
            `stream '${name}': resumed from state #${mid.index + 1} of ${mid.of} (${preview(mid.state.stream?.stream_state, 120)}), ${lost.length} of the ${after.length} records read after it are missing, e.g. ${preview(lost[0], 200)}`,
          );
        }
      }
      assertNoProblems(problems, 'Resuming from a mid-sync state lost records');
      return undefined;
    },
  };
}

interface MidState {
  state: AirbyteState;
  /** Its position among the stream's states, and how many there were. */
  index: number;
  of: number;
  /** The records of the stream written after that state in the first read. */
  recordsAfter: Record<string, unknown>[];
}

/** A state from the middle of the stream's read (not its last), with the records that came after it. */
function midSyncState(result: ReadResult, entry: ConfiguredAirbyteStream): MidState | undefined {
  const key = streamKey(entry.stream);
  const positions: number[] = [];
  result.messages.forEach((message, index) => {
    if (
      message.type === 'STATE' &&
      message.state.type === 'STREAM' &&
      message.state.stream &&
      streamKey(message.state.stream.stream_descriptor) === key
    ) {
      positions.push(index);
    }
  });
  if (positions.length < 2) return undefined;
  const index = Math.floor((positions.length - 2) / 2);
  const at = positions[index]!;
  const message = result.messages[at]!;
  if (message.type !== 'STATE') return undefined;
  const recordsAfter: Record<string, unknown>[] = [];
  for (const later of result.messages.slice(at + 1)) {
    if (later.type === 'RECORD' && streamKey({ name: later.record.stream, namespace: later.record.namespace }) === key)
      recordsAfter.push(later.record.data);
  }
  const { sourceStats: _stats, ...state } = structuredClone(message.state);
  return { state, index, of: positions.length, recordsAfter };
}

/**
 * The cursor value the final state stands for: the cursor field in the state blob (by path, by
 * dotted name or by its last key). A state without it (a partitioned state, an opaque token) is
 * not compared: the check cannot know what "older" means there.
 */
function cursorThreshold(
  result: ReadResult,
  entry: ConfiguredAirbyteStream,
  cursor: string[],
): { value: CursorValue; from: string } | undefined {
  const blob: StreamState | undefined = result.latestState(entry.stream.name, entry.stream.namespace);
  for (const path of [cursor, [cursor.join('.')], [cursor.at(-1)!]]) {
    const value = valueAtKeyPath(blob, path);
    if (isCursorValue(value)) return { value, from: 'the final state' };
  }
  return undefined;
}

function isCursorValue(value: unknown): value is CursorValue {
  return typeof value === 'string' || typeof value === 'number';
}
