// The parts of one stream's read, built from its manifest component as the CDK's factory builds
// them: partition router (parents built the same way), cursor, then the retriever: a
// SimpleRetriever (decoder, record selector with transformations, filter and normalisation,
// paginator, requester with its authenticator, error handler, HTTP client and cache) or an
// AsyncRetriever (async-retriever-factory.ts). A stream read as a parent gets its own parts (and
// its own authenticator, as in the Python CDK).
import { ConnectorError } from '@tributary/cdk';
import type {
  AsyncRetriever as AsyncRetrieverModel,
  IncrementingCountCursor as CountModel,
  DatetimeBasedCursor as DatetimeModel,
  DeclarativeStream as DeclarativeStreamModel,
  HttpRequester as HttpRequesterModel,
  SimpleRetriever as SimpleRetrieverModel,
} from '../components/component-types.js';
import { createDecoder } from '../decoders/create-decoder.js';
import { createStreamCursor, type StreamCursor } from '../incremental/create-cursor.js';
import type { StreamStateBlob } from '../incremental/cursor.js';
import type { JsonMapping } from '../manifest/json-values.js';
import { createPaginator } from '../pagination/create-paginator.js';
import { paginatorMayReadRecords } from '../pagination/response-reads.js';
import { createPartitionRouter } from '../partitions/create-partition-router.js';
import type { PartitionRouter } from '../partitions/partition-router.js';
import { PaginationReset, type PaginationResetModel } from '../retrievers/pagination-reset.js';
import type { Retriever } from '../retrievers/retriever.js';
import { SimpleRetriever } from '../retrievers/simple-retriever.js';
import { buildAsyncRetriever } from './async-retriever-factory.js';
import { parentConfigsOf, parentUsesCache } from './parent-cache-rules.js';
import { DeclarativeParentStream } from './parent-stream.js';
import type { ReadEnvironment, StreamSite } from './read-environment.js';
import { buildRequester } from './requester-factory.js';
import { buildSelector } from './selector-factory.js';

export interface StreamRuntime {
  readonly name: string;
  readonly cursor: StreamCursor['cursor'];
  readonly router: PartitionRouter;
  readonly retriever: Retriever;
}

type ComponentModel = { type: string; [field: string]: unknown };
type RetrieverModel = SimpleRetrieverModel | AsyncRetrieverModel;

export async function buildStreamRuntime(
  model: DeclarativeStreamModel,
  state: StreamStateBlob,
  site: StreamSite,
  read: ReadEnvironment,
): Promise<StreamRuntime> {
  const name = typeof model.name === 'string' ? model.name : '';
  const retrieverModel = retrieverOf(model, name);
  const router = buildRouter(model, retrieverModel, site, read);
  const warn = (message: string) => read.logger?.warn(`Stream '${name}': ${message}`);
  const built = createStreamCursor({
    model: model.incremental_sync as DatetimeModel | CountModel | undefined,
    env: read.env,
    state,
    router,
    streamParameters: model.$parameters ?? {},
    now: read.now,
    warn,
  });
  const retriever =
    retrieverModel.type === 'AsyncRetriever'
      ? await buildAsyncRetriever(name, model, retrieverModel, built, site, read)
      : await buildSimpleRetriever(name, model, retrieverModel, built, site, read);
  return { name, cursor: built.cursor, router, retriever };
}

function retrieverOf(model: DeclarativeStreamModel, name: string): RetrieverModel {
  const retriever = model.retriever as ComponentModel;
  if (retriever.type === 'SimpleRetriever' || retriever.type === 'AsyncRetriever') return retriever as unknown as RetrieverModel;
  if (retriever.type === 'CustomRetriever') {
    throw ConnectorError.config(
      `Stream '${name}' has the custom Python retriever ${String(retriever.class_name)}, which Tributary does not run`,
    );
  }
  throw ConnectorError.config(`Stream '${name}': the ${retriever.type} is not supported by Tributary`);
}

function buildRouter(model: DeclarativeStreamModel, retriever: RetrieverModel, site: StreamSite, read: ReadEnvironment): PartitionRouter {
  const direct = new Set(site.depth === 0 ? parentConfigsOf(model as JsonMapping) : []);
  return createPartitionRouter(retriever.partition_router as ComponentModel | ComponentModel[] | undefined, read.env, (config) => {
    const parent = config.stream as unknown as DeclarativeStreamModel;
    const useCache = parentUsesCache(parent as JsonMapping, direct.has(config as unknown as JsonMapping));
    const parentSite = { path: [...site.path, 'parent'], depth: site.depth + 1, useCache };
    return new DeclarativeParentStream(parent, parentSite, read, (model, state, at) => buildStreamRuntime(model, state, at, read));
  });
}

/** The SimpleRetriever: decoder, record selector, paginator and requester. */
async function buildSimpleRetriever(
  name: string,
  model: DeclarativeStreamModel,
  retriever: SimpleRetrieverModel,
  built: StreamCursor,
  site: StreamSite,
  read: ReadEnvironment,
): Promise<SimpleRetriever> {
  const fieldPath = (retriever.record_selector.extractor as { field_path?: unknown[] }).field_path ?? [];
  const keepResponse = paginatorMayReadRecords(retriever.paginator, fieldPath);
  const selector = await buildSelector(model, retriever.record_selector, built, site, read, keepResponse);
  const paginator = createPaginator(retriever.paginator, read.env, built.dataFeed ? { dataFeedCursor: built.cursor } : {});
  return new SimpleRetriever({
    decoder: createDecoder(retriever.decoder as ComponentModel | undefined, (message) => read.logger?.warn(message)),
    selector,
    paginator,
    recordsChanged: keepResponse && !selector.leavesResponseIntact,
    requester: buildRequester(name, retriever.requester as HttpRequesterModel, site, read),
    slicerOptions: built.requestOptions,
    ignoreSlicerOnPaginatedRequests: retriever.ignore_stream_slicer_parameters_on_paginated_requests === true,
    reset: new PaginationReset(retriever.pagination_reset as PaginationResetModel | undefined, null),
    ...(built.dataFeed ? { postPaginationFilter: built.cursor } : {}),
  });
}
