// The CDK's AsyncHttpJobRepository: the HTTP side of async jobs. A job is created with the
// slice's request; it is polled with `creation_response` (the creation answer's JSON, with its
// `headers`) among the slice's extra fields; the status extractor reads the polling answer and
// `status_mapping` maps it. A completed job's download targets come from the polling answer (or a
// `download_target_requester` asked with `polling_response`); each target is read by the download
// retriever with `download_target`, `creation_response` and `polling_response` in the slice.
import { randomUUID } from 'node:crypto';
import { ConnectorError, type HttpResponse } from '@tributary/cdk';
import { redactUrl } from '@tributary/cdk/runtime';
import type { Decoder } from '../decoders/decoder.js';
import { headerLookup } from '../decoders/decoder.js';
import type { DpathExtractor } from '../extractors/dpath-extractor.js';
import type { PlainDict, PyValue } from '../interpolation/values/object.js';
import { pyStr } from '../interpolation/values/repr.js';
import { headersForTemplates } from '../pagination/page-outcome.js';
import type { HttpRequester, SendContext } from '../requesters/http-requester.js';
import type { RecordBatch, Retriever } from '../retrievers/retriever.js';
import { plainOf, StreamSlice } from '../slices/stream-slice.js';
import { AsyncJob } from './async-job.js';
import type { AsyncJobStatus } from './async-job-status.js';

export interface JobRequesters {
  readonly creation: HttpRequester;
  readonly polling: HttpRequester;
  readonly downloadTarget: HttpRequester | null;
  readonly abort: HttpRequester | null;
  readonly delete: HttpRequester | null;
}

export interface JobRepositoryParts {
  readonly streamName: string;
  readonly requesters: JobRequesters;
  /** Decodes creation, polling and download-target answers. */
  readonly decoder: Decoder;
  readonly statusExtractor: DpathExtractor;
  readonly statusMapping: ReadonlyMap<string, AsyncJobStatus>;
  readonly downloadTargetExtractor: DpathExtractor;
  readonly download: Retriever;
  readonly timeoutMs: number;
  readonly now: () => number;
}

interface JobResponses {
  creation: PlainDict;
  polling?: PlainDict;
  pollingResponse?: HttpResponse;
}

export class HttpJobRepository {
  private readonly responses = new Map<string, JobResponses>();

  constructor(private readonly parts: JobRepositoryParts) {}

  /** Creates the job of `slice` on the API's side. */
  async start(slice: StreamSlice, context: SendContext): Promise<AsyncJob> {
    const response = await this.send(this.parts.requesters.creation, slice, context, 'job creation');
    const job = new AsyncJob(randomUUID(), slice, this.parts.timeoutMs, this.parts.now);
    this.responses.set(job.id, { creation: this.responseContext(response, 'job creation') });
    return job;
  }

  /** Polls each job and records the status the API reports (and, once completed, the answer that says so). */
  async updateStatuses(jobs: readonly AsyncJob[], context: SendContext): Promise<void> {
    for (const job of jobs) {
      const response = await this.send(this.parts.requesters.polling, this.jobSlice(job), context, 'job polling');
      const status = this.statusOf(response);
      if (status !== job.status()) context.logger?.debug?.(`Status of job ${job.id} changed from ${job.status()} to ${status}`);
      job.updateStatus(status);
      if (status === 'completed') this.entry(job).pollingResponse = response;
    }
  }

  /** The records of a completed job: every download target read by the download retriever. */
  async *fetchRecords(job: AsyncJob, context: SendContext): AsyncGenerator<RecordBatch> {
    const slice = job.slice;
    for (const target of await this.downloadTargets(job, context)) {
      const extra = {
        ...plainOf(slice.extraFields),
        download_target: target,
        creation_response: this.entry(job).creation,
        polling_response: this.polling(job),
      };
      yield* this.parts.download.pages(new StreamSlice(slice.partition, slice.cursorSlice, extra as PlainDict), context);
    }
  }

  /** Asks the API to stop a job (when the manifest says how); a failure is only logged, as in the CDK. */
  async abort(job: AsyncJob, context: SendContext): Promise<void> {
    const requester = this.parts.requesters.abort;
    if (requester === null || !this.responses.has(job.id)) return;
    try {
      await this.send(requester, this.jobSlice(job), context, 'job abort');
    } catch (error) {
      context.logger?.warn(`Could not abort job ${job.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Deletes a job whose records were read (when the manifest says how), and forgets it. */
  async delete(job: AsyncJob, context: SendContext): Promise<void> {
    const requester = this.parts.requesters.delete;
    if (requester !== null) await this.send(requester, this.jobSlice(job), context, 'job deletion');
    this.responses.delete(job.id);
  }

  private async downloadTargets(job: AsyncJob, context: SendContext): Promise<PyValue[]> {
    const { downloadTarget } = this.parts.requesters;
    let response = this.entry(job).pollingResponse as HttpResponse;
    if (downloadTarget !== null) {
      const slice = new StreamSlice({}, {}, { polling_response: this.polling(job) });
      response = await this.send(downloadTarget, slice, context, 'download target');
    }
    return [...this.parts.downloadTargetExtractor.extract(this.decode(response))] as PyValue[];
  }

  private statusOf(response: HttpResponse): AsyncJobStatus {
    const first = this.parts.statusExtractor.extract(this.decode(response)).next();
    const apiStatus = first.done ? 'None' : pyStr(first.value as PyValue);
    const status = this.parts.statusMapping.get(apiStatus);
    if (status === undefined) {
      throw new ConnectorError(
        `Stream '${this.parts.streamName}': API status \`${apiStatus}\` is unknown. Contact the connector developer to make sure this status is supported (status_mapping lists ${[...this.parts.statusMapping.keys()].join(', ')}).`,
      );
    }
    return status;
  }

  /** The job's slice with `creation_response` among its extra fields (what polling, abort and delete requests see). */
  private jobSlice(job: AsyncJob): StreamSlice {
    const extra = { ...plainOf(job.slice.extraFields), creation_response: this.entry(job).creation };
    return new StreamSlice(job.slice.partition, job.slice.cursorSlice, extra as PlainDict);
  }

  private polling(job: AsyncJob): PlainDict {
    const entry = this.entry(job);
    entry.polling ??= this.responseContext(entry.pollingResponse as HttpResponse, 'job polling');
    return entry.polling;
  }

  private entry(job: AsyncJob): JobResponses {
    const entry = this.responses.get(job.id);
    if (entry === undefined)
      throw new ConnectorError(`Stream '${this.parts.streamName}': async job ${job.id} is not known (it was never created)`);
    return entry;
  }

  private async send(requester: HttpRequester, slice: StreamSlice, context: SendContext, what: string): Promise<HttpResponse> {
    const response = await requester.send({ slice, nextPageToken: null, path: null, extra: () => ({}) }, context);
    // A requests.Response is falsy for an error status: the CDK refuses an ignored error answer here.
    if (response.status >= 400) {
      throw new ConnectorError(
        `Stream '${this.parts.streamName}': the ${what} request got HTTP ${response.status} (${redactUrl(response.url)})`,
      );
    }
    return response;
  }

  private decode(response: HttpResponse) {
    return this.parts.decoder.decode({ body: response.bytes(), headers: headerLookup(response.rawHeaders) });
  }

  /** `dict(response.json())` with the response's `headers` (and `request`) unless the body has keys of those names. */
  private responseContext(response: HttpResponse, what: string): PlainDict {
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(response.bytes()));
    } catch {
      throw new ConnectorError(`Stream '${this.parts.streamName}': the ${what} answer is not JSON (${redactUrl(response.url)})`);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new ConnectorError(`Stream '${this.parts.streamName}': the ${what} answer is not a JSON object (${redactUrl(response.url)})`);
    }
    const context = { ...(body as PlainDict) };
    if (!Object.hasOwn(context, 'headers')) context.headers = headersForTemplates(response.rawHeaders);
    if (!Object.hasOwn(context, 'request')) context.request = { url: response.url, method: response.method } as PlainDict;
    return context;
  }
}
