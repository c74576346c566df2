/**
 * `@tributary/cdk`: what a connector is written with. Streams (`Stream`, `HttpStream` and its
 * paginators and authenticators), sources and `launch()`, state helpers, errors, and the Airbyte
 * protocol types. Runners and tools find `invoke()`, the process-wide settings and the secret
 * masker in `@tributary/cdk/runtime`; tests find the test kit in `@tributary/cdk/testing`.
 */
export { type LaunchOptions, launch } from './entrypoint/launch.js';
export { ConnectorError, type ConnectorErrorOptions } from './errors/connector-error.js';
export { ApiKeyAuthenticator, type ApiKeyAuthenticatorOptions, type ApiKeyPlacement } from './http/auth/api-key-authenticator.js';
export { BasicAuthenticator, type BasicAuthenticatorOptions } from './http/auth/basic-authenticator.js';
export {
  OAuth2Authenticator,
  type OAuth2AuthenticatorOptions,
  type OAuth2ConfigKeys,
  type OAuth2Tokens,
} from './http/auth/oauth2-authenticator.js';
export { TokenAuthenticator, type TokenAuthenticatorOptions } from './http/auth/token-authenticator.js';
export type { AuthContext, Authenticator, AuthRequest } from './http/authenticator.js';
export type { BackoffOptions } from './http/backoff.js';
export { DEFAULT_MAX_RESPONSE_BYTES, ResponseTooLargeError } from './http/bounded-body.js';
export { CallBudget, type CallRatePolicy } from './http/call-budget.js';
export type { CrossOriginPolicy } from './http/credential-scope.js';
export { DEFAULT_ERROR_MAPPING, type ErrorResolution, type ErrorRule, type ResponseAction } from './http/error-mapping.js';
export { HttpClient, type HttpClientOptions } from './http/http-client.js';
export { HttpError } from './http/http-error.js';
export type { HttpMethod, HttpRequest, RateLimitEvent, RetryEvent, SendOptions } from './http/http-request.js';
export { HttpResponse, type HttpResponseInit, type ResponseFormat } from './http/http-response.js';
export type { RetryPolicyOptions } from './http/retry-policy.js';
export { joinUrl, type QueryParams, type QueryValue } from './http/url.js';
export type { JsonPath, KeyPath } from './json/key-path.js';
export { updateConfig } from './output/config-updates.js';
export type { Logger } from './output/logger.js';
export { registerSecret } from './output/secret-masker.js';
export type { JsonSchema, JsonSchemaType } from './protocol/json-schema.js';
export type * from './protocol/types.js';
export { recordTypeName, recordTypesModule, type SchemaTypeOptions, schemaToTypeScript } from './schema/record-types.js';
export { resolveSchemaRefs } from './schema/ref-resolver.js';
export { SchemaError } from './schema/schema-error.js';
export { Source } from './sources/source.js';
export { type CursorValue, compareCursorValues, MaxCursor } from './state/max-cursor.js';
export {
  DEFAULT_MAX_PARTITIONS,
  type PartitionEntry,
  PartitionedState,
  type PartitionedStateOptions,
  partitionKey,
} from './state/partitioned-state.js';
export type { StreamSlice, StreamState } from './state/stream-state.js';
export { type FormFields, HttpStream } from './streams/http/http-stream.js';
export { HttpSubStream } from './streams/http/http-sub-stream.js';
export type { InjectInto, PageRequest, PaginationContext, Paginator } from './streams/http/paginator.js';
export {
  CursorPaginator,
  type CursorPaginatorOptions,
  HeaderCursorPaginator,
  type HeaderCursorPaginatorOptions,
} from './streams/http/paginators/cursor-paginator.js';
export { LinkHeaderPaginator, type LinkHeaderPaginatorOptions } from './streams/http/paginators/link-header-paginator.js';
export { NextUrlPaginator, type NextUrlPaginatorOptions } from './streams/http/paginators/next-url-paginator.js';
export { OffsetPaginator, type OffsetPaginatorOptions } from './streams/http/paginators/offset-paginator.js';
export { PageNumberPaginator, type PageNumberPaginatorOptions } from './streams/http/paginators/page-number-paginator.js';
export type { ParentRecord, ParentSlice } from './streams/http/parent-capability.js';
export type { Awaitable, HttpRequestOptions, PageInfo } from './streams/http/request-options.js';
export type { PrimaryKey } from './streams/primary-key.js';
export type { ReadOptions, RecordSource, SliceOptions } from './streams/read-options.js';
export { type SchemaNormalization, Stream } from './streams/stream.js';
export { streamNameFromClassName } from './streams/stream-name.js';
export { isoTimestamp } from './values/iso-timestamp.js';
