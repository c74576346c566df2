// An AsyncRetriever built from its component as the CDK's `create_async_retriever` builds it: the
// creation, polling, download-target, abort and delete requesters; the status and download-target
// extractors over the retriever's decoder; a download retriever (the download requester, decoder,
// extractor and paginator, no filter or transformation); the job timeout (`polling_job_timeout`
// minutes, 60 by default) and the wait before retrying a failed job. The slices' jobs share the
// read's job tracker (`max_concurrent_async_job_count`).
import { ConnectorError } from '@tributary/cdk';
import { statusMapping } from '../async-jobs/async-job-status.js';
import { DEFAULT_JOB_TIMEOUT_MINUTES } from '../async-jobs/async-job-timing.js';
import { HttpJobRepository, type JobRequesters } from '../async-jobs/http-job-repository.js';
import { JobOrchestrator } from '../async-jobs/job-orchestrator.js';
import type {
  AsyncRetriever as AsyncRetrieverModel,
  DeclarativeStream as DeclarativeStreamModel,
  DpathExtractor as DpathExtractorModel,
  HttpRequester as HttpRequesterModel,
} from '../components/component-types.js';
import { createDecoder } from '../decoders/create-decoder.js';
import type { Decoder } from '../decoders/decoder.js';
import { ResponseToFileDecoder } from '../decoders/response-to-file-decoder.js';
import { createExtractor } from '../extractors/create-record-selector.js';
import { RecordSelector } from '../extractors/record-selector.js';
import type { StreamCursor } from '../incremental/create-cursor.js';
import { InterpolatedString } from '../interpolated/interpolated-string.js';
import { createPaginator } from '../pagination/create-paginator.js';
import { AsyncRetriever } from '../retrievers/async-retriever.js';
import { PaginationReset } from '../retrievers/pagination-reset.js';
import { SimpleRetriever } from '../retrievers/simple-retriever.js';
import type { ReadEnvironment, StreamSite } from './read-environment.js';
import { buildRequester } from './requester-factory.js';
import { buildSelector } from './selector-factory.js';

type ComponentModel = { type: string; [field: string]: unknown };

export async function buildAsyncRetriever(
  name: string,
  stream: DeclarativeStreamModel,
  model: AsyncRetrieverModel,
  built: StreamCursor,
  site: StreamSite,
  read: ReadEnvironment,
): Promise<AsyncRetriever> {
  const targetExtractor = (model.download_target_extractor ?? model.urls_extractor) as DpathExtractorModel | undefined;
  if (targetExtractor === undefined) {
    throw ConnectorError.config(`Stream '${name}': the AsyncRetriever needs a download_target_extractor to find what to download`);
  }
  const requester = (key: string, label: string) => {
    const component = model[key] as HttpRequesterModel | undefined;
    return component === undefined ? null : buildRequester(`job ${label} - ${name}`, component, site, read);
  };
  const requesters: JobRequesters = {
    creation: requester('creation_requester', 'creation') ?? missing(name, 'creation_requester'),
    polling: requester('polling_requester', 'polling') ?? missing(name, 'polling_requester'),
    downloadTarget: requester('download_target_requester', 'extract_url') ?? requester('url_requester', 'extract_url'),
    abort: requester('abort_requester', 'abort'),
    delete: requester('delete_requester', 'delete'),
  };
  const { tracker, timing } = read.asyncJobs;
  const repository = new HttpJobRepository({
    streamName: name,
    requesters,
    decoder: createDecoder(model.decoder as ComponentModel | undefined),
    statusExtractor: createExtractor(model.status_extractor, read.env),
    statusMapping: statusMapping(model.status_mapping, name),
    downloadTargetExtractor: createExtractor(targetExtractor, read.env),
    download: downloadRetriever(name, model, site, read),
    timeoutMs: minutesOf(model.polling_job_timeout, read) * 60_000,
    now: timing.now,
  });
  const failedRetryWaitMs = Math.max(0, integerOf(model.failed_retry_wait_time_in_seconds, read) ?? 0) * 1000;
  return new AsyncRetriever({
    repository,
    orchestrator: () => new JobOrchestrator({ streamName: name, repository, tracker, timing, failedRetryWaitMs }),
    selector: await buildSelector(stream, model.record_selector, built, site, read),
  });
}

/** The retriever of a completed job's download targets: one page per target unless `download_paginator` says otherwise. */
function downloadRetriever(name: string, model: AsyncRetrieverModel, site: StreamSite, read: ReadEnvironment): SimpleRetriever {
  const extractorModel = model.download_extractor as ComponentModel | undefined;
  const toFile = extractorModel?.type === 'ResponseToFileExtractor';
  const decoder: Decoder = toFile ? new ResponseToFileDecoder() : createDecoder(model.download_decoder as ComponentModel | undefined);
  const extractor = createExtractor(
    (toFile || extractorModel === undefined ? { type: 'DpathExtractor', field_path: [] } : extractorModel) as DpathExtractorModel,
    read.env,
  );
  return new SimpleRetriever({
    requester: buildRequester(`job download - ${name}`, model.download_requester as HttpRequesterModel, site, read),
    decoder,
    selector: new RecordSelector({ extractor, filter: null, transformations: [], transformBeforeFiltering: false, normalizer: null }),
    paginator: createPaginator(model.download_paginator, read.env),
    slicerOptions: { requestOptions: () => ({}) },
    ignoreSlicerOnPaginatedRequests: false,
    recordsChanged: false,
    reset: new PaginationReset(undefined, null),
  });
}

/** `polling_job_timeout`: `int(InterpolatedString(str(value)).eval(config))` minutes; absent or 0 is the default. */
function minutesOf(value: number | string | undefined, read: ReadEnvironment): number {
  return integerOf(value, read) || DEFAULT_JOB_TIMEOUT_MINUTES;
}

function integerOf(value: number | string | undefined, read: ReadEnvironment): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const evaluated = new InterpolatedString(String(value), {}).evalString(read.env);
  if (!/^\s*[+-]?\d+\s*$/.test(evaluated)) {
    throw ConnectorError.config(`An AsyncRetriever duration must be a whole number, got ${JSON.stringify(evaluated)}`);
  }
  return Number.parseInt(evaluated, 10);
}

function missing(name: string, key: string): never {
  throw ConnectorError.config(`Stream '${name}': the AsyncRetriever has no ${key}`);
}
