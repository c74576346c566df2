import type { StreamSlice } from '../../state/stream-state.js';

/** One slice handed out to be read; `index` is its position in the stream's slice order. */
export interface SliceTask {
  index: number;
  slice: StreamSlice | undefined;
}

type Slices = Iterable<StreamSlice | undefined> | AsyncIterable<StreamSlice | undefined>;

/**
 * The slices of one stream, handed out one at a time, in order. `open` until `streamSlices()`
 * runs out (`exhausted`), or until the read stops inside a slice (`stopped-mid-slice`: the
 * `_limit` was reached), after which no slice is handed out.
 */
export class SliceFeed {
  status: 'open' | 'exhausted' | 'stopped-mid-slice' = 'open';
  /** True while the next slice is being fetched from `streamSlices()`. */
  fetching = false;
  private iterator: Iterator<StreamSlice | undefined> | AsyncIterator<StreamSlice | undefined> | undefined;
  private nextIndex = 0;

  open(slices: Slices): void {
    this.iterator =
      Symbol.asyncIterator in slices
        ? (slices as AsyncIterable<StreamSlice | undefined>)[Symbol.asyncIterator]()
        : (slices as Iterable<StreamSlice | undefined>)[Symbol.iterator]();
  }

  get isOpen(): boolean {
    return this.status === 'open';
  }

  /** The next slice, or undefined when there are no more. */
  async next(): Promise<SliceTask | undefined> {
    const step = await (this.iterator as Iterator<StreamSlice | undefined>).next();
    if (step.done) {
      this.status = 'exhausted';
      return undefined;
    }
    return { index: this.nextIndex++, slice: step.value };
  }

  /** No more slices: the stream reached its record limit (between slices, or inside one). */
  stop(midSlice: boolean): void {
    this.status = midSlice ? 'stopped-mid-slice' : 'exhausted';
  }

  /** Lets the slice generator clean up (a sub-stream's parent cache, say) when the read stops before its end. */
  close(): void {
    if (this.status === 'open') void Promise.resolve(this.iterator?.return?.()).catch(() => undefined);
  }
}

/**
 * Slices read concurrently complete in any order; a state is only safe once every slice before
 * it is done. Tracks the prefix of completed slices.
 */
export class CompletedPrefix {
  private readonly doneAhead = new Map<number, StreamSlice | undefined>();
  private length = 0;

  /** Marks `task` done; returns the last slice of the prefix it completed, if it extended the prefix. */
  complete(task: SliceTask): { slice: StreamSlice | undefined } | undefined {
    this.doneAhead.set(task.index, task.slice);
    let last: { slice: StreamSlice | undefined } | undefined;
    while (this.doneAhead.has(this.length)) {
      last = { slice: this.doneAhead.get(this.length) };
      this.doneAhead.delete(this.length);
      this.length++;
    }
    return last;
  }
}
