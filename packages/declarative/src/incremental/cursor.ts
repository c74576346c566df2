// What every cursor of a declarative stream does (the CDK's concurrent Cursor): give the slices to
// read, watch the records read in a slice, and produce the state to emit when a slice is done and
// when the stream ends. The caller emits the STATE messages (and counts the records between them).
import type { PlainDict } from '../interpolation/values/object.js';
import type { StreamSlice } from '../slices/stream-slice.js';

/** A stream's state, as the platform stores it. */
export type StreamStateBlob = PlainDict;

/** The CDK's concurrent `Cursor`: the slices to read, the records read, and the state to emit. */
export interface Cursor {
  /** The record field the state follows ('' when the stream has none). */
  readonly cursorField: string;
  /** The slices to read, from the state the cursor started with. */
  streamSlices(): AsyncIterable<StreamSlice>;
  /** Sees a record emitted in `slice`, so the state can move past it. */
  observe(record: Record<string, unknown>, slice: StreamSlice): void;
  /** Called when every record of the slice has been emitted; returns the state to emit now, if any. */
  closePartition(slice: StreamSlice): StreamStateBlob | null;
  /** The state to emit at the end of the stream (the platform wants at least one). */
  ensureAtLeastOneStateEmitted(): StreamStateBlob | null;
  /** Client-side incremental filtering and data feeds: is the record within the range still to sync? */
  shouldBeSynced(record: Record<string, unknown>, slice: StreamSlice | null): boolean;
}

/** The state key of streams without a cursor (`__ab_no_cursor_state_message`). */
export const NO_CURSOR_STATE_KEY = '__ab_no_cursor_state_message';

/** The CDK's FinalStateCursor: one slice per partition, no record state, one final sentinel state. */
export class FinalStateCursor implements Cursor {
  readonly cursorField = '';

  constructor(private readonly slices: () => AsyncIterable<StreamSlice>) {}

  streamSlices(): AsyncIterable<StreamSlice> {
    return this.slices();
  }
  observe(): void {}
  closePartition(): StreamStateBlob | null {
    return null;
  }
  ensureAtLeastOneStateEmitted(): StreamStateBlob {
    return { [NO_CURSOR_STATE_KEY]: true };
  }
  shouldBeSynced(): boolean {
    return true;
  }
}
