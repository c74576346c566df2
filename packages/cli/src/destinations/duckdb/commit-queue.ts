/**
 * Commits run one at a time, on DuckDB's threads while the connector goes on. A batch that is
 * due while one runs waits for it, and so do the producers (`sealWanted` tells them to drain).
 * The first failure ends the commits: the sync fails with it.
 */
export class CommitQueue {
  /** A batch is due but a commit is running: seal it as soon as that one is done. */
  sealWanted = false;
  /** The first commit that failed. */
  failure: Error | undefined;
  private inFlight: Promise<void> | undefined;

  /** No commit runs and none failed: a batch can be committed now. */
  get ready(): boolean {
    return this.inFlight === undefined && this.failure === undefined;
  }

  /** Runs `commit`; a failure is kept (as a DuckDB error) rather than thrown. */
  start(commit: Promise<void>): void {
    const running = commit.then(
      () => {
        if (this.inFlight === running) this.inFlight = undefined;
      },
      (error: unknown) => {
        if (this.inFlight === running) this.inFlight = undefined;
        this.failure ??= new Error(`DuckDB: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
    this.inFlight = running;
  }

  /** Waits until no commit runs. */
  async settle(): Promise<void> {
    while (this.inFlight !== undefined) await this.inFlight;
  }
}
