// What a stream reads its records through: the CDK's SimpleRetriever (requests page by page) or
// AsyncRetriever (server-side jobs created, polled, then downloaded). Both read the cursor's
// slices; an AsyncRetriever hands a slice on only once its job has completed.
import type { SendContext } from '../requesters/http-requester.js';
import type { StreamSlice } from '../slices/stream-slice.js';
import type { MutableRecord } from '../transformations/transformation.js';

/** Records read together (one page, or one download). */
export interface RecordBatch {
  readonly records: MutableRecord[];
}

export interface Retriever {
  /** The slices to read, from the cursor's: the same ones, or each once its data is ready on the API's side. */
  readySlices(slices: AsyncIterable<StreamSlice>, context: SendContext): AsyncIterable<StreamSlice>;
  /** The records of one slice, batch after batch. */
  pages(slice: StreamSlice, context?: SendContext): AsyncGenerator<RecordBatch>;
}
