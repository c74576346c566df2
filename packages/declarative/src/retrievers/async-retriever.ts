// The CDK's AsyncRetriever: the cursor's slices go to an orchestrator that creates, polls and
// retries their server-side jobs; a slice is read once its jobs completed, its records being the
// jobs' downloads, filtered, transformed and normalised by the stream's record selector (its
// extractor is not used: the download extractor already took the records out). A job is deleted
// (when the manifest says how) after its records were read.
import type { AsyncJob } from '../async-jobs/async-job.js';
import type { HttpJobRepository } from '../async-jobs/http-job-repository.js';
import type { JobOrchestrator } from '../async-jobs/job-orchestrator.js';
import type { RecordSelector } from '../extractors/record-selector.js';
import type { SendContext } from '../requesters/http-requester.js';
import type { StreamSlice } from '../slices/stream-slice.js';
import type { RecordBatch, Retriever } from './retriever.js';

export interface AsyncRetrieverParts {
  readonly repository: HttpJobRepository;
  /** A new orchestrator for each read of the stream's slices. */
  readonly orchestrator: () => JobOrchestrator;
  readonly selector: RecordSelector;
}

export class AsyncRetriever implements Retriever {
  private readonly jobsBySlice = new Map<StreamSlice, AsyncJob[]>();

  constructor(private readonly parts: AsyncRetrieverParts) {}

  async *readySlices(slices: AsyncIterable<StreamSlice>, context: SendContext): AsyncIterable<StreamSlice> {
    for await (const partition of this.parts.orchestrator().completedSlices(slices, context)) {
      this.jobsBySlice.set(partition.slice, partition.jobs);
      yield partition.slice;
    }
  }

  async *pages(slice: StreamSlice, context: SendContext = {}): AsyncGenerator<RecordBatch> {
    const jobs = this.jobsBySlice.get(slice) ?? [];
    this.jobsBySlice.delete(slice);
    const { repository, selector } = this.parts;
    for (const job of jobs) {
      for await (const batch of repository.fetchRecords(job, context)) {
        yield { records: selector.filterAndTransform(batch.records, { slice, nextPageToken: null }) };
      }
      await repository.delete(job, context);
    }
  }
}
