/**
 * The batch being filled, and the batches it is sealed into. A batch holds, per stream, the
 * records appended to one staging slot, and the STATE messages and completed overwrites that
 * came with them: what one commit writes, in one transaction.
 */
import type { AirbyteState } from '@tributary/cdk';
import type { CommitPolicy } from './commit-policy.js';
import type { BatchPosition } from './staging-slots.js';
import type { StreamTarget } from './stream-target.js';

/** A sealed batch, as a commit takes it; the arrays are per target, by index. */
export interface Batch {
  slot: number;
  /** Records of each target. */
  rows: number[];
  /** Staging rows each target's records fill. */
  stagingRows: number[];
  /** The latest STATE message of each state key. */
  states: Map<string, AirbyteState>;
  /** Targets whose overwrite completed: their load table is swapped in. */
  finalize: Set<number>;
  /** Where each target's part stops when it is the last batch of a sync that stopped early. */
  upTo: (BatchPosition | undefined)[];
  /** Each target's records and states received by the time the batch was sealed. */
  received: number[];
}

export class OpenBatch {
  /** The staging slot the records go to. */
  slot = 0;
  /** Records appended, all streams together. */
  rows = 0;
  /** Their estimated size. */
  bytes = 0;
  states = new Map<string, AirbyteState>();
  finalize = new Set<number>();
  private sealedAt = performance.now();

  get isEmpty(): boolean {
    return this.rows === 0 && this.states.size === 0 && this.finalize.size === 0;
  }

  /**
   * At a STATE: whether the batch is worth a commit: enough rows, enough time since the last
   * one, or, when no commit runs (`writerIdle`), a row group of one stream's rows.
   */
  dueAtState(policy: CommitPolicy, targets: readonly StreamTarget[], writerIdle: boolean): boolean {
    if (this.rows >= policy.minRows || performance.now() - this.sealedAt >= policy.intervalMs) return true;
    return writerIdle && targets.some((target) => target.rows >= policy.idleRows);
  }

  /**
   * Seals the batch: the targets' rows go to their staging tables, their appenders switch to the
   * other slot, and an empty batch starts. `upToStates`: the batch keeps only what came up to
   * each stream's last STATE.
   */
  seal(targets: readonly StreamTarget[], upToStates: boolean): Batch {
    const slot = this.slot;
    const upTo = targets.map((target) => (upToStates ? target.staging.covered : undefined));
    for (const target of targets) {
      if (target.rows > 0) target.staging.flush(slot);
      target.staging.use(1 - slot);
    }
    const batch: Batch = {
      slot,
      rows: targets.map((target, i) => upTo[i]?.records ?? target.rows),
      stagingRows: targets.map((target) => target.staging.takeRows()),
      states: this.states,
      finalize: this.finalize,
      upTo,
      received: targets.map((target) => target.receivedMessages),
    };
    for (const target of targets) target.rows = 0;
    this.rows = 0;
    this.bytes = 0;
    this.states = new Map();
    this.finalize = new Set();
    this.slot = 1 - slot;
    this.sealedAt = performance.now();
    return batch;
  }
}
