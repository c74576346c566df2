// The parts of one stream's read, built from its manifest component as the CDK's factory builds
// them: partition router (parents built the same way), cursor, decoder, record selector
// (transformations, filter, normalisation), paginator, requester (authenticator, error handler,
// HTTP client, cache) and retriever. A stream read as a parent gets its own parts (and its own
// authenticator, as in the Python CDK).
import { ConnectorError, HttpClient } from '@tributary/cdk';
import { createAuthenticator } from '../auth/create-authenticator.js';
import type {
  IncrementingCountCursor as CountModel,
  DatetimeBasedCursor as DatetimeModel,
  DeclarativeStream as DeclarativeStreamModel,
  HttpRequester as HttpRequesterModel,
  SimpleRetriever as SimpleRetrieverModel,
} from '../components/component-types.js';
import { createDecoder } from '../decoders/create-decoder.js';
import { createErrorHandler } from '../errors/create-error-handler.js';
import { createRecordSelector } from '../extractors/create-record-selector.js';
import { createStreamCursor, type StreamCursor } from '../incremental/create-cursor.js';
import type { StreamStateBlob } from '../incremental/cursor.js';
import type { JsonMapping } from '../manifest/json-values.js';
import { createPaginator } from '../pagination/create-paginator.js';
import { createPartitionRouter } from '../partitions/create-partition-router.js';
import type { PartitionRouter } from '../partitions/partition-router.js';
import { ErrorPolicy } from '../requesters/error-policy.js';
import { HttpRequester } from '../requesters/http-requester.js';
import { PaginationReset, type PaginationResetModel } from '../retrievers/pagination-reset.js';
import { SimpleRetriever } from '../retrievers/simple-retriever.js';
import { createSchemaLoader } from '../schema-loaders/create-schema-loader.js';
import { createTransformations } from '../transformations/create-transformations.js';
import { parentConfigsOf, parentUsesCache } from './parent-cache-rules.js';
import { DeclarativeParentStream } from './parent-stream.js';
import type { ReadEnvironment, StreamSite } from './read-environment.js';

export interface StreamRuntime {
  readonly name: string;
  readonly cursor: StreamCursor['cursor'];
  readonly router: PartitionRouter;
  readonly retriever: SimpleRetriever;
}

type ComponentModel = { type: string; [field: string]: unknown };

export async function buildStreamRuntime(
  model: DeclarativeStreamModel,
  state: StreamStateBlob,
  site: StreamSite,
  read: ReadEnvironment,
): Promise<StreamRuntime> {
  const name = typeof model.name === 'string' ? model.name : '';
  const retrieverModel = simpleRetrieverOf(model, name);
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
  const retriever = new SimpleRetriever({
    ...(await recordParts(model, retrieverModel, built, site, read)),
    requester: buildRequester(name, retrieverModel.requester as HttpRequesterModel, site, read),
    slicerOptions: built.requestOptions,
    ignoreSlicerOnPaginatedRequests: retrieverModel.ignore_stream_slicer_parameters_on_paginated_requests === true,
    reset: new PaginationReset(retrieverModel.pagination_reset as PaginationResetModel | undefined, null),
    ...(built.dataFeed ? { postPaginationFilter: built.cursor } : {}),
  });
  return { name, cursor: built.cursor, router, retriever };
}

function simpleRetrieverOf(model: DeclarativeStreamModel, name: string): SimpleRetrieverModel {
  const retriever = model.retriever as ComponentModel;
  if (retriever.type === 'SimpleRetriever') return retriever as unknown as SimpleRetrieverModel;
  if (retriever.type === 'CustomRetriever') {
    throw ConnectorError.config(
      `Stream '${name}' has the custom Python retriever ${String(retriever.class_name)}, which Tributary does not run`,
    );
  }
  throw ConnectorError.config(`Stream '${name}': the ${retriever.type} is not supported by Tributary yet`);
}

function buildRouter(
  model: DeclarativeStreamModel,
  retriever: SimpleRetrieverModel,
  site: StreamSite,
  read: ReadEnvironment,
): PartitionRouter {
  const direct = new Set(site.depth === 0 ? parentConfigsOf(model as JsonMapping) : []);
  return createPartitionRouter(retriever.partition_router as ComponentModel | ComponentModel[] | undefined, read.env, (config) => {
    const parent = config.stream as unknown as DeclarativeStreamModel;
    const useCache = parentUsesCache(parent as JsonMapping, direct.has(config as unknown as JsonMapping));
    const parentSite = { path: [...site.path, 'parent'], depth: site.depth + 1, useCache };
    return new DeclarativeParentStream(parent, parentSite, read, (model, state, at) => buildStreamRuntime(model, state, at, read));
  });
}

/** The decoder, the record selector and the paginator. */
async function recordParts(
  model: DeclarativeStreamModel,
  retriever: SimpleRetrieverModel,
  built: StreamCursor,
  site: StreamSite,
  read: ReadEnvironment,
) {
  const warn = (message: string) => read.logger?.warn(message);
  const transformations = createTransformations(model.transformations as ComponentModel[] | undefined, read.env);
  const selectorModel = retriever.record_selector;
  const normalizes = selectorModel.schema_normalization === 'Default';
  const schema = normalizes ? await createSchemaLoader(read.manifest, model, site.path, read.config).getJsonSchema() : undefined;
  const selector = createRecordSelector(selectorModel, read.env, {
    transformations,
    schema: schema as Record<string, unknown> | undefined,
    clientSideRange: built.clientSideIncremental ? built.cursor : undefined,
    warn,
  });
  const paginator = createPaginator(retriever.paginator, read.env, built.dataFeed ? { dataFeedCursor: built.cursor } : {});
  const decoder = createDecoder(retriever.decoder as ComponentModel | undefined, warn);
  return { decoder, selector, paginator, recordsChanged: transformations.length > 0 || normalizes };
}

function buildRequester(name: string, model: HttpRequesterModel, site: StreamSite, read: ReadEnvironment): HttpRequester {
  const handler = createErrorHandler(model.error_handler as ComponentModel | undefined, read.env);
  const errors = new ErrorPolicy(handler);
  const authenticator = createAuthenticator(model.authenticator as ComponentModel | undefined, {
    ...read.env,
    name,
    urlBase: String(model.url ?? model.url_base ?? ''),
    logger: read.logger,
  });
  return new HttpRequester({
    model,
    env: read.env,
    authenticator,
    errors,
    client: new HttpClient({ retry: errors.retry }),
    cache: site.useCache ? read.cache : null,
    budget: read.budget,
  });
}
