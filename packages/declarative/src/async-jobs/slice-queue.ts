// The slices an orchestrator has not started yet, pulled from the cursor one at a time (the CDK's
// LookaheadIterator): it can tell whether any remain without losing the one it looked at.
import type { StreamSlice } from '../slices/stream-slice.js';

export class SliceQueue {
  private readonly iterator: AsyncIterator<StreamSlice>;
  private ahead: StreamSlice[] = [];
  private done = false;

  constructor(slices: AsyncIterable<StreamSlice>) {
    this.iterator = slices[Symbol.asyncIterator]();
  }

  async next(): Promise<StreamSlice | undefined> {
    if (this.ahead.length > 0) return this.ahead.shift();
    if (this.done) return undefined;
    const result = await this.iterator.next();
    if (result.done) {
      this.done = true;
      return undefined;
    }
    return result.value;
  }

  async isEmpty(): Promise<boolean> {
    const slice = await this.next();
    if (slice === undefined) return true;
    this.ahead.unshift(slice);
    return false;
  }
}
