/** A stream's checkpoint settings, by their current or their deprecated names. */
interface CheckpointMembers {
  readonly minCheckpointIntervalMs?: number;
  readonly checkpointIntervalMs?: number;
  readonly checkpointIntervalRecords?: number;
  readonly stateCheckpointInterval?: number;
}

/** How often a stream checkpoints, beyond a STATE after each slice. */
export interface CheckpointIntervals {
  /** A STATE every this many records inside a slice; undefined for none. */
  records: number | undefined;
  /** No two intermediate STATE messages closer than this, in ms; undefined for no limit. */
  minMs: number | undefined;
}

/**
 * The stream's checkpoint intervals: `checkpointIntervalRecords` and `minCheckpointIntervalMs`,
 * or, when one is not set, its old name (`stateCheckpointInterval`, `checkpointIntervalMs`).
 * Anything but a positive integer means none.
 */
export function checkpointIntervals(stream: CheckpointMembers): CheckpointIntervals {
  return {
    records: positiveInteger(stream.checkpointIntervalRecords ?? stream.stateCheckpointInterval),
    minMs: positiveInteger(stream.minCheckpointIntervalMs ?? stream.checkpointIntervalMs),
  };
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}
