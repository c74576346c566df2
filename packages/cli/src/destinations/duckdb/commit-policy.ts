/** When the DuckDB destination commits: at a STATE once a batch is worth it, or earlier once it is too big. */

export interface CommitPolicy {
  /** At a STATE, commit once the batch has this many rows ... */
  minRows: number;
  /** ... or once this much time passed since the last commit. */
  intervalMs: number;
  /** Commit (at the next record) whatever the batch holds once it has this many rows ... */
  maxRows: number;
  /** ... or about this many bytes (records × their sampled average size), for wide records. */
  maxBytes: number;
}

export const DEFAULT_COMMIT_POLICY: CommitPolicy = { minRows: 250_000, intervalMs: 2000, maxRows: 300_000, maxBytes: 96_000_000 };

/** The default policy, with TRIBUTARY_COMMIT_INTERVAL_MS / TRIBUTARY_COMMIT_ROWS overriding the interval and batch size. */
export function commitPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): CommitPolicy {
  const number = (value: string | undefined) => (value !== undefined && Number(value) > 0 ? Number(value) : undefined);
  const rows = number(env.TRIBUTARY_COMMIT_ROWS);
  return {
    intervalMs: number(env.TRIBUTARY_COMMIT_INTERVAL_MS) ?? DEFAULT_COMMIT_POLICY.intervalMs,
    minRows: rows ?? DEFAULT_COMMIT_POLICY.minRows,
    maxRows: rows === undefined ? DEFAULT_COMMIT_POLICY.maxRows : rows * 2,
    maxBytes: DEFAULT_COMMIT_POLICY.maxBytes,
  };
}
