import { ConnectorError } from '../../errors/connector-error.js';
import { MaxCursor } from '../../state/max-cursor.js';
import type { StreamState } from '../../state/stream-state.js';
import { keepsOwnState } from '../own-state.js';
import { normalizeCursorField } from '../primary-key.js';
import type { ReadOptions, SliceOptions } from '../read-options.js';
import type { Stream } from '../stream.js';
import type { RecordCache } from './record-cache.js';

/**
 * Every record of the parent `stream`, all its slices, into `cache`: a full refresh, or with
 * `since` an incremental read from that state. An incremental read returns the parent's state
 * after it: its own (`state` accessor or `getUpdatedState`) or the greatest value of its
 * `cursorField`.
 */
export async function readParent(
  stream: Stream<unknown>,
  cache: RecordCache,
  options: SliceOptions,
  since?: { state: StreamState | undefined; childName: string },
): Promise<StreamState | undefined> {
  const { logger, signal, reportRateLimited } = options;
  const progress = since === undefined ? undefined : parentProgress(stream, since.state, since.childName);
  const base: SliceOptions =
    progress === undefined
      ? { syncMode: 'full_refresh', logger, signal }
      : { syncMode: 'incremental', cursorField: progress.cursorField, state: structuredClone(progress.start), logger, signal };
  const slices = typeof stream.streamSlices === 'function' ? await stream.streamSlices(base) : [undefined];
  for await (const slice of slices) {
    signal.throwIfAborted();
    const readOptions: ReadOptions = { ...base };
    if (progress !== undefined) readOptions.state = progress.sliceState();
    if (reportRateLimited !== undefined) readOptions.reportRateLimited = reportRateLimited;
    if (slice !== undefined) readOptions.slice = slice;
    for await (const record of await stream.readRecords(readOptions)) {
      progress?.observe(record as object);
      await cache.add(record);
    }
  }
  return progress?.final();
}

/**
 * How an incremental read of a parent tracks its state from `state`: what each slice sees as
 * its state (the stream's own, as it goes, or the state the read started from) and the state
 * after the read.
 */
function parentProgress(stream: Stream<unknown>, state: StreamState | undefined, childName: string) {
  const cursorField = normalizeCursorField(stream.cursorField);
  if (cursorField.length === 0) {
    throw new ConnectorError(
      `Stream '${childName}' has incrementalDependency, but its parent stream '${stream.name}' has no cursorField to read it incrementally by`,
    );
  }
  const start = structuredClone(state ?? {});
  if (keepsOwnState(stream)) {
    stream.state = structuredClone(start);
    const own = () => stream.state ?? {};
    return { cursorField, start, sliceState: own, observe: () => undefined, final: () => structuredClone(own()) };
  }
  const update = typeof stream.getUpdatedState === 'function' ? stream.getUpdatedState.bind(stream) : undefined;
  if (update !== undefined) {
    let current = start;
    const latest = () => current;
    return {
      cursorField,
      start,
      sliceState: latest,
      observe: (record: object) => {
        current = update(current, record);
      },
      final: latest,
    };
  }
  const cursor = new MaxCursor(cursorField);
  cursor.state = start;
  return { cursorField, start, sliceState: () => start, observe: (record: object) => cursor.observe(record), final: () => cursor.state };
}
