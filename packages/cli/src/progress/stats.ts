/** What a sync knows about each stream while it runs: the destination writes it, the progress views read it. */

/** `failed`: the runner refused one of its records, or its records were not committed. */
export type StreamPhase = 'waiting' | 'running' | 'complete' | 'incomplete' | 'failed';

export interface StreamStats {
  /** `namespace.name`, or the name. */
  label: string;
  /** How the stream is written: overwrite, append, append_dedup (or overwrite+dedup). */
  mode: string;
  phase: StreamPhase;
  /** Records received from the connector. */
  records: number;
  /** The average size of a record as JSON, from a sample of them; bytes ≈ records × this. */
  bytesPerRecord: number;
  /** Rows committed to DuckDB (after deduplication within each batch). */
  written: number;
  /** STATE messages received. */
  states: number;
  /** The stream's state last committed with its records. */
  committedState: unknown;
  /** `performance.now()` at STARTED and at COMPLETE / INCOMPLETE. */
  startedAt: number | undefined;
  endedAt: number | undefined;
  /** The connector's row estimate, when it sends one. */
  estimate: number | undefined;
  /** Why the stream failed on the runner's side (a refused record, a failed commit). */
  problem?: string;
}

export function newStats(label: string, mode: string): StreamStats {
  return {
    label,
    mode,
    phase: 'waiting',
    records: 0,
    bytesPerRecord: 0,
    written: 0,
    states: 0,
    committedState: undefined,
    startedAt: undefined,
    endedAt: undefined,
    estimate: undefined,
  };
}
