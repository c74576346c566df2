import { rateLimitedMessage, streamStatusMessage } from '../../protocol/messages.js';
import type { ConfiguredAirbyteStream, StreamDescriptor } from '../../protocol/types.js';
import { FULL_REFRESH_COMPLETE_KEY, isMarkerOnlyState, NO_CURSOR_STATE_KEY } from '../../state/state-markers.js';
import { StreamCheckpointer } from '../../state/stream-checkpointer.js';
import { normalizeCursorField } from '../../streams/primary-key.js';
import type { ReadOptions, StreamSlice, StreamState } from '../../streams/read-options.js';
import type { Stream } from '../../streams/stream.js';
import type { ReadContext } from './read-context.js';
import { closeRecords, openRecords, pumpRecords, type RecordSink } from './record-pump.js';
import { recordLineForStream } from './record-writer-for-stream.js';

/**
 * Reads one configured stream to the end, slice by slice: RUNNING before its first record, the
 * records, and STATE messages at every point that is safe to resume from: after each slice,
 * every `stateCheckpointInterval` records, and whenever the stream calls `options.checkpoint()`.
 * A plain full refresh ends with the Python CDK's `__ab_no_cursor_state_message` state.
 * Errors propagate to the caller, which reports them.
 */
export async function readStream(
  stream: Stream<object>,
  configured: ConfiguredAirbyteStream,
  descriptor: StreamDescriptor,
  context: ReadContext,
  inputState: StreamState | undefined,
): Promise<void> {
  const { writer, logger, signal } = context;
  const syncMode = configured.sync_mode;
  const incremental = syncMode === 'incremental';
  const cursorField = incremental ? cursorFieldFor(stream, configured) : undefined;
  const resumable = !incremental && stream.supportsResumableFullRefresh === true;
  const hasStateMember = 'state' in stream;
  const updater = typeof stream.getUpdatedState === 'function' ? stream.getUpdatedState.bind(stream) : undefined;
  const perSliceState = incremental || hasStateMember || updater !== undefined;

  const startState: StreamState =
    (incremental || resumable) && !isMarkerOnlyState(inputState) ? structuredClone(inputState as StreamState) : {};
  let tracked = startState;
  if (hasStateMember && (incremental || resumable)) stream.state = structuredClone(startState);
  const currentState = (): StreamState => (hasStateMember ? (stream.state ?? {}) : tracked);

  const checkpointer = new StreamCheckpointer(writer, descriptor);
  const checkpoint = (state: StreamState) => {
    tracked = state;
    checkpointer.emit(state);
  };
  const reportRateLimited = (event: { quotaResetAt?: number }) => writer.writeMessage(rateLimitedMessage(descriptor, event.quotaResetAt));
  const sink: RecordSink = {
    writer,
    toLine: await recordLineForStream(stream, descriptor, logger),
    beforeFirst: () => writer.writeMessage(streamStatusMessage(descriptor, 'RUNNING')),
    observe: updater === undefined ? undefined : (record) => (tracked = updater(tracked, record)),
    counts: checkpointer.counts,
    streamName: descriptor.name,
  };
  const limit = context.internal.limit ?? Number.POSITIVE_INFINITY;
  const interval = positiveInteger(stream.stateCheckpointInterval) ?? Number.POSITIVE_INFINITY;

  let stoppedMidSlice = false;
  for await (const slice of await streamSlices(stream, { syncMode, cursorField, state: currentState(), logger, signal })) {
    if (signal.aborted || writer.isClosed || sink.counts.total >= limit) break;
    const options: ReadOptions = { syncMode, state: currentState(), logger, signal, checkpoint, reportRateLimited };
    if (cursorField) options.cursorField = cursorField;
    if (slice !== undefined) options.slice = slice;
    const records = openRecords(await stream.readRecords(options), descriptor.name);
    try {
      while (!records.done) {
        await pumpRecords(records, sink, Math.min(limit - sink.counts.total, interval - sink.counts.sinceState));
        if (writer.isClosed) return;
        if (sink.counts.total >= limit && !records.done) {
          stoppedMidSlice = true;
          break;
        }
        if (!records.done && sink.counts.sinceState >= interval) checkpointer.emit(currentState());
      }
    } catch (error) {
      // With a checkpoint interval the author declared records sorted by cursor, so the state
      // reached so far is safe to resume from: keep it rather than lose the progress.
      if (interval !== Number.POSITIVE_INFINITY && perSliceState && sink.counts.sinceState > 0) checkpointer.emit(currentState());
      throw error;
    } finally {
      await closeRecords(records);
    }
    if (stoppedMidSlice) break;
    if (perSliceState) checkpointer.emit(currentState());
  }

  if (resumable && !stoppedMidSlice) checkpointer.emit({ [FULL_REFRESH_COMPLETE_KEY]: true });
  else if (!perSliceState && !resumable) checkpointer.emit({ [NO_CURSOR_STATE_KEY]: true });
  else if (checkpointer.stateCount === 0) checkpointer.emit(stoppedMidSlice ? startState : currentState());
}

async function streamSlices(
  stream: Stream<object>,
  options: Parameters<NonNullable<Stream<object>['streamSlices']>>[0],
): Promise<Iterable<StreamSlice | undefined> | AsyncIterable<StreamSlice | undefined>> {
  if (typeof stream.streamSlices !== 'function') return [undefined];
  if (options.cursorField === undefined) delete options.cursorField;
  return stream.streamSlices(options);
}

/** The source-defined cursor wins; otherwise the one the user chose in the catalog. */
function cursorFieldFor(stream: Stream<object>, configured: ConfiguredAirbyteStream): string[] | undefined {
  const own = normalizeCursorField(stream.cursorField);
  if (own.length > 0) return own;
  return configured.cursor_field && configured.cursor_field.length > 0 ? configured.cursor_field : undefined;
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}
