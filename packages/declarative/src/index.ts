/**
 * `@tributary/declarative`: runs Airbyte's declarative (low-code) YAML manifests on Tributary's
 * CDK: loading and validating a manifest as the Python CDK does, `DeclarativeSource`, and the
 * components its streams are built from.
 *
 * @module @tributary/declarative
 */

export type { AsyncJobTiming } from './async-jobs/async-job-timing.js';
export type { AuthenticatorEnvironment, LoginRequesterFactory } from './auth/authenticator-environment.js';
export { type AuthenticatorModel, createAuthenticator } from './auth/create-authenticator.js';
export { type AuthOptionTarget, type DeclarativeAuthenticator, isDeclarativeAuthenticator } from './auth/declarative-authenticator.js';
export { HttpLoginRequester, type LoginRequester, type LoginResponse } from './auth/login/login-requester.js';
export type * from './components/component-types.js';
export { type CustomComponentUse, findCustomComponents } from './components/custom-components.js';
export { createDecoder, createParser, supportsPagination } from './decoders/create-decoder.js';
export { type BodySource, type DecodedValue, type Decoder, type HeaderLookup, headerLookup, type Parser } from './decoders/decoder.js';
export { decodeForPagination } from './decoders/pagination-decoder.js';
export { toCdkResolution } from './errors/cdk-resolution.js';
export { createBackoffStrategy, createErrorHandler } from './errors/create-error-handler.js';
export { backoffTime, type ErrorHandler } from './errors/error-handler.js';
export {
  DEFAULT_ERROR_MAPPING,
  type ErrorResolution,
  type ResponseAction as DeclarativeResponseAction,
} from './errors/error-resolution.js';
export type { ErrorOutcome, HttpOutcome, ResponseOutcome } from './errors/http-outcome.js';
export { createExtractor, createRecordSelector, type RecordSelectorOptions } from './extractors/create-record-selector.js';
export type { FilterContext, SyncRange } from './extractors/record-filter.js';
export type { RecordSelector, SelectedPage } from './extractors/record-selector.js';
export { TypeTransformer } from './extractors/type-transformer.js';
export { type CursorInput, createStreamCursor, type StreamCursor } from './incremental/create-cursor.js';
export { type Cursor, FinalStateCursor, NO_CURSOR_STATE_KEY, type StreamStateBlob } from './incremental/cursor.js';
export type { RequestOptionsProvider } from './incremental/datetime-request-options.js';
// The components `read` is built from (I/O-free): decoders, record selection, transformations,
// pagination, partition routers, cursors and error handling.
export { type ComponentEnvironment, componentEnvironment } from './interpolated/evaluation-context.js';
export { InterpolatedBoolean } from './interpolated/interpolated-boolean.js';
export { InterpolatedString } from './interpolated/interpolated-string.js';
export * from './interpolation/index.js';
export type { JsonMapping } from './manifest/json-values.js';
export {
  type LoadedManifest,
  type LoadManifestOptions,
  loadManifestFile,
  loadManifestObject,
  loadManifestText,
} from './manifest/load-manifest.js';
export { formatIssue, ManifestError, type ManifestIssue, type ManifestLocation } from './manifest/manifest-error.js';
export { migrateManifest } from './manifest/migrations.js';
export { propagateTypesAndParameters } from './manifest/parameters.js';
export { resolveReferences } from './manifest/references.js';
export { createPaginator, type PaginatorOptions } from './pagination/create-paginator.js';
export { headersForTemplates, type PageOutcome, type PageResponse, parseLinks } from './pagination/page-outcome.js';
export { type NextPageToken, type Paginator, tokenOf } from './pagination/paginator.js';
export { createPartitionRouter, type ParentStreamFactory } from './partitions/create-partition-router.js';
export { collectSlices, type PartitionRouter, SinglePartitionRouter } from './partitions/partition-router.js';
export type { ParentRecord, ParentStream } from './partitions/substream-partition-router.js';
export { combineMappings } from './requests/combine-mappings.js';
export { createRequestOption, type InjectInto, RequestOption, type RequestValues } from './requests/request-option.js';
export { EMPTY_SLICE, makeSlice, plainOf, sliceValue } from './slices/stream-slice.js';
export { DeclarativeSource, type DeclarativeSourceOptions, type ManifestInput } from './source/declarative-source.js';
export { genericDeclarativeSpec, INJECTED_MANIFEST_KEY } from './spec/generic-spec.js';
export { manifestSpec } from './spec/manifest-spec.js';
export { createTransformation, createTransformations } from './transformations/create-transformations.js';
export type { MutableRecord, RecordTransformation } from './transformations/transformation.js';
export { validateManifest } from './validation/validate-manifest.js';
export { loadYaml } from './yaml/load-yaml.js';
export { YamlSourceMap } from './yaml/source-map.js';
export { YamlTimestamp } from './yaml/yaml-timestamp.js';
