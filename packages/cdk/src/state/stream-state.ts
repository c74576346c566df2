/** A stream's state blob, as it travels in STATE messages. */
export type StreamState = Record<string, unknown>;

/**
 * A slice of a stream: a date window, a partition, a parent record; any JSON object. A
 * per-partition state (`PartitionedState`) is keyed by the slices of its partitions.
 */
export type StreamSlice = Record<string, unknown>;
