import type { ConfiguredAirbyteStream } from '../../protocol/types.js';
import type { StreamState } from '../../state/stream-state.js';
import { checkpointIntervals } from '../../streams/checkpoint-intervals.js';
import { keepsOwnState } from '../../streams/own-state.js';
import { normalizeCursorField } from '../../streams/primary-key.js';
import type { Stream } from '../../streams/stream.js';

/** How one configured stream is read, decided once from the stream and its catalog entry. */
export interface ReadPlan {
  incremental: boolean;
  /** The cursor in effect in an incremental read: the stream's own, else the catalog's. */
  cursorField: string[] | undefined;
  /** A full refresh that resumes from its page token (`supportsResumableFullRefresh`). */
  resumable: boolean;
  /** The stream keeps its state in a `state` member the CDK sets and reads. */
  keepsState: boolean;
  /** The stream's `getUpdatedState`, bound: its state computed record by record. */
  updater: ((current: StreamState, latest: object) => StreamState) | undefined;
  /** The stream writes its own STATEs (`Stream.finalState`): the CDK writes none for it. */
  ownsCheckpoints: boolean;
  /** A STATE after each slice; otherwise a plain full refresh, with only the final no-cursor marker. */
  perSliceState: boolean;
  /** Slices of this stream read at the same time: one, unless reading them concurrently keeps every STATE safe. */
  maxParallelSlices: number;
  /** Streams of one group never have slices in flight at the same time (see `Stream.concurrencyGroup`). */
  group: string | undefined;
  /** A STATE every this many records inside a slice (infinite: none). */
  recordsPerCheckpoint: number;
}

export function planStreamRead(stream: Stream<object>, configured: ConfiguredAirbyteStream): ReadPlan {
  const incremental = configured.sync_mode === 'incremental';
  const resumable = !incremental && stream.supportsResumableFullRefresh === true;
  const keepsState = keepsOwnState(stream);
  const updater = typeof stream.getUpdatedState === 'function' ? stream.getUpdatedState.bind(stream) : undefined;
  const definesSliceState = typeof stream.sliceState === 'function';
  const stateless = !keepsState && updater === undefined && !resumable;
  const group = typeof stream.concurrencyGroup === 'string' ? stream.concurrencyGroup : undefined;
  const ownsCheckpoints = typeof stream.finalState === 'function';
  return {
    incremental,
    cursorField: incremental ? cursorFieldFor(stream, configured) : undefined,
    resumable,
    keepsState,
    updater,
    ownsCheckpoints,
    perSliceState: !ownsCheckpoints && (incremental || keepsState || updater !== undefined || definesSliceState),
    maxParallelSlices:
      stream.concurrent !== false && (stateless || definesSliceState) && group === undefined ? Number.POSITIVE_INFINITY : 1,
    group,
    recordsPerCheckpoint: checkpointIntervals(stream).records ?? Number.POSITIVE_INFINITY,
  };
}

/** The source-defined cursor wins; otherwise the one the user chose in the catalog. */
function cursorFieldFor(stream: Stream<object>, configured: ConfiguredAirbyteStream): string[] | undefined {
  const own = normalizeCursorField(stream.cursorField);
  if (own.length > 0) return own;
  return configured.cursor_field && configured.cursor_field.length > 0 ? configured.cursor_field : undefined;
}
