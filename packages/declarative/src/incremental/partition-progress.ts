// Which partitions of a per-partition cursor are still being read, and the parent state that may
// be written: the state that came with a partition is committed once that partition, and every
// partition generated before it, is done (the CDK's sequence bookkeeping).
import type { PlainDict } from '../interpolation/values/object.js';
import { partitionKey } from './partition-key.js';

export class PartitionProgress {
  /** Slices generated and not yet closed, per partition (the CDK's semaphores). */
  readonly openSlices = new Map<string, number>();
  private readonly doneGenerating = new Set<string>();
  private readonly processing: number[] = [];
  private readonly indexOf = new Map<string, number>();
  private readonly parentStates = new Map<string, { state: PlainDict | null; seq: number }>();
  private generated = 0;

  /** Registers a new partition with the parent state read with it; false for a duplicate. */
  start(key: string, parentState: PlainDict | null): boolean {
    if (this.openSlices.has(key)) return false;
    this.openSlices.set(key, 0);
    const seq = this.generated++;
    this.processing.push(seq);
    this.indexOf.set(key, seq);
    const last = [...this.parentStates.values()].at(-1);
    if (last === undefined || !sameState(last.state, parentState)) this.parentStates.set(key, { state: structuredClone(parentState), seq });
    return true;
  }

  sliceGenerated(key: string, last: boolean): void {
    this.openSlices.set(key, (this.openSlices.get(key) ?? 0) + 1);
    if (last) this.doneGenerating.add(key);
  }

  sliceClosed(key: string): void {
    this.openSlices.set(key, (this.openSlices.get(key) ?? 0) - 1);
  }

  /** True when every slice of the partition has been generated and closed. */
  isDone(key: string): boolean {
    return this.doneGenerating.has(key) && this.openSlices.get(key) === 0;
  }

  isTracked(key: string): boolean {
    return this.indexOf.has(key);
  }

  /** Forgets a finished partition (_cleanup_if_done). */
  cleanUp(key: string): void {
    if (!this.isDone(key)) return;
    this.openSlices.delete(key);
    this.doneGenerating.delete(key);
    const seq = this.indexOf.get(key)!;
    this.indexOf.delete(key);
    this.processing.splice(this.processing.indexOf(seq), 1);
  }

  /** The newest parent state that no open partition precedes, if one became committable. */
  committableParentState(): { state: PlainDict | null } | null {
    let committed: { state: PlainDict | null } | null = null;
    for (const [key, entry] of this.parentStates) {
      if (this.processing.length > 0 && this.processing[0] <= entry.seq) break;
      this.parentStates.delete(key);
      committed = { state: entry.state };
    }
    return committed;
  }

  /** True when some partition still has slices generated and not closed. */
  hasOpenSlices(): boolean {
    return [...this.openSlices.values()].some((count) => count !== 0);
  }
}

function sameState(a: PlainDict | null, b: PlainDict | null): boolean {
  if (a === null || b === null) return a === b;
  return partitionKey(a) === partitionKey(b);
}
