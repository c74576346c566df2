// The CDK's JobTracker: how many jobs may run on the API's side at once
// (`max_concurrent_async_job_count`, 1 by default), shared by every stream of a read.
export class JobTracker {
  private readonly running = new Set<string>();

  constructor(readonly limit: number) {}

  /** Room for one more job. */
  hasRoom(): boolean {
    return this.running.size < this.limit;
  }

  add(jobId: string): void {
    this.running.add(jobId);
  }

  remove(jobId: string): void {
    this.running.delete(jobId);
  }
}
