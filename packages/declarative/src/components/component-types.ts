// Generated from src/validation/schema/declarative_component_schema.yaml by
// scripts/generate-component-types.mjs: do not edit by hand.
//
// Every component of a resolved manifest: its `type`, its fields, and `$parameters`. Components
// accept fields beyond those listed (the schema allows them, and `$parameters` become fields).

/** Values from `$parameters`, propagated from parent to child components. */
export type ComponentParameters = Record<string, unknown>;

/** DeclarativeSource: An API source that extracts data according to its declarative components. */
export interface DeclarativeSource {
  type: "DeclarativeSource";
  check: CheckStream | CheckDynamicStream;
  streams?: Array<ConditionalStreams | DeclarativeStream | StateDelegatingStream>;
  dynamic_streams?: Array<DynamicDeclarativeStream>;
  /** The version of the Airbyte CDK used to build and test the source. */
  version: string;
  schemas?: Schemas;
  definitions?: Record<string, unknown>;
  spec?: Spec;
  concurrency_level?: ConcurrencyLevel;
  api_budget?: HTTPAPIBudget;
  /** Stream Groups: Groups of streams that share a common resource and should not be read simultaneously. */
  stream_groups?: Record<string, unknown>;
  /** Maximum Concurrent Asynchronous Jobs: Maximum number of concurrent asynchronous jobs to run. */
  max_concurrent_async_job_count?: number | string;
  /** For internal Airbyte use only - DO NOT modify manually. */
  metadata?: Record<string, unknown>;
  /** A description of the connector. */
  description?: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Add Fields: Transformation which adds field to an output record. */
export interface AddFields {
  type: "AddFields";
  /** Fields: List of transformations (path and corresponding value) that will be added to the record. */
  fields: Array<AddedFieldDefinition>;
  /** Fields will be added if expression is evaluated to True. */
  condition?: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Definition Of Field To Add: Defines the field to add on a record. */
export interface AddedFieldDefinition {
  type: "AddedFieldDefinition";
  /** Path: List of strings defining the path where to add the value on the record. */
  path: Array<string>;
  /** Value: Value of the new field. */
  value: string;
  /** Value Type: Type of the value. */
  value_type?: ValueType;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** API Key Authenticator: Authenticator for requests authenticated with an API token injected as an HTTP request header. */
export interface ApiKeyAuthenticator {
  type: "ApiKeyAuthenticator";
  /** API Key: The API key to inject in the request. */
  api_token?: string;
  /** Header Name: The name of the HTTP header that will be set to the API key. */
  header?: string;
  /** Inject API Key Into Outgoing HTTP Request: Configure how the API Key will be sent in requests to the source API. */
  inject_into?: RequestOption;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Matches the api job status to Async Job Status. */
export interface AsyncJobStatusMap {
  type?: "AsyncJobStatusMap";
  running: Array<string>;
  completed: Array<string>;
  failed: Array<string>;
  timeout: Array<string>;
  /** Statuses that indicate the job was skipped because there is no data to return. */
  skipped?: Array<string>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Asynchronous Retriever: Retrieves records by Asynchronously sending requests to fetch records. */
export interface AsyncRetriever {
  type: "AsyncRetriever";
  /** Component that describes how to extract records from a HTTP response. */
  record_selector: RecordSelector;
  /** Async Job Status to Airbyte CDK Async Job Status mapping. */
  status_mapping: AsyncJobStatusMap;
  /** Responsible for fetching the actual status of the async job. */
  status_extractor: DpathExtractor | CustomRecordExtractor;
  /** Responsible for fetching the final result `urls` provided by the completed / finished / ready async job. */
  download_target_extractor?: DpathExtractor | CustomRecordExtractor;
  /** Responsible for fetching the records from provided urls. */
  download_extractor?: DpathExtractor | CustomRecordExtractor | ResponseToFileExtractor;
  /** Requester component that describes how to prepare HTTP requests to send to the source API to create the async server-side job. */
  creation_requester: HttpRequester | CustomRequester;
  /** Requester component that describes how to prepare HTTP requests to send to the source API to fetch the status of the running async job. */
  polling_requester: HttpRequester | CustomRequester;
  /** The time in minutes after which the single Async Job should be considered as Timed Out. */
  polling_job_timeout?: number | string;
  /** Time in seconds to wait before retrying a failed async job. */
  failed_retry_wait_time_in_seconds?: number | string;
  /** Requester component that describes how to prepare HTTP requests to send to the source API to extract the url from polling response by the completed async job. */
  download_target_requester?: HttpRequester | CustomRequester;
  /** Requester component that describes how to prepare HTTP requests to send to the source API to download the data provided by the completed async job. */
  download_requester: HttpRequester | CustomRequester;
  /** Paginator component that describes how to navigate through the API's pages during download. */
  download_paginator?: DefaultPaginator | NoPagination;
  /** Requester component that describes how to prepare HTTP requests to send to the source API to abort a job once it is timed out from the source's perspective. */
  abort_requester?: HttpRequester | CustomRequester;
  /** Requester component that describes how to prepare HTTP requests to send to the source API to delete a job once the records are extracted. */
  delete_requester?: HttpRequester | CustomRequester;
  /** Partition Router: PartitionRouter component that describes how to partition the stream, enabling incremental syncs and checkpointing. */
  partition_router?: ListPartitionRouter | SubstreamPartitionRouter | GroupingPartitionRouter | UnionPartitionRouter | CustomPartitionRouter | Array<ListPartitionRouter | SubstreamPartitionRouter | GroupingPartitionRouter | UnionPartitionRouter | CustomPartitionRouter>;
  /** HTTP Response Format: Component decoding the response so records can be extracted. */
  decoder?: CsvDecoder | GzipDecoder | JsonDecoder | JsonItemsDecoder | JsonlDecoder | IterableDecoder | XmlDecoder | ZipfileDecoder | CustomDecoder;
  /** Download HTTP Response Format: Component decoding the download response so records can be extracted. */
  download_decoder?: CsvDecoder | GzipDecoder | JsonDecoder | JsonItemsDecoder | JsonlDecoder | IterableDecoder | XmlDecoder | ZipfileDecoder | CustomDecoder;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Auth flow: Additional and optional specification object to describe what an 'advanced' Auth flow would need to function. */
export interface AuthFlow {
  /** Auth flow type: The type of auth to use */
  auth_flow_type?: "oauth2.0" | "oauth1.0";
  /** Predicate key: JSON path to a field in the connectorSpecification that should exist for the advanced auth to be applicable. */
  predicate_key?: Array<string>;
  /** Predicate value: Value of the predicate_key fields for the advanced auth to be applicable. */
  predicate_value?: string;
  oauth_config_specification?: OAuthConfigSpecification;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Basic HTTP Authenticator: Authenticator for requests authenticated with the Basic HTTP authentication scheme, which encodes a username and an optional password in the Authorization request header. */
export interface BasicHttpAuthenticator {
  type: "BasicHttpAuthenticator";
  /** Username: The username that will be combined with the password, base64 encoded and used to make requests. */
  username: string;
  /** Password: The password that will be combined with the username, base64 encoded and used to make requests. */
  password?: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Bearer Token Authenticator: Authenticator for requests authenticated with a bearer token injected as a request header of the form `Authorization: Bearer <token>`. */
export interface BearerAuthenticator {
  type: "BearerAuthenticator";
  /** Bearer Token: Token to inject as request header for authenticating with the API. */
  api_token: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Block Simultaneous Syncs Action: Action that prevents streams in the same group from being read concurrently. */
export interface BlockSimultaneousSyncsAction {
  type: "BlockSimultaneousSyncsAction";
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Dynamic Streams to Check: (This component is experimental. */
export interface CheckDynamicStream {
  type: "CheckDynamicStream";
  /** Stream Count: Numbers of the streams to try reading from when running a check operation. */
  stream_count: number;
  /** Use Check Availability: Enables stream check availability. */
  use_check_availability?: boolean;
  /** Config Overrides: Values overlaid onto the connector config for the duration of the check operation only. */
  config_overrides?: Record<string, unknown>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Streams to Check: Defines the streams to try reading when running a check operation. */
export interface CheckStream {
  type: "CheckStream";
  /** Stream Names: Names of the streams to try reading from when running a check operation. */
  stream_names?: Array<string>;
  dynamic_streams_check_configs?: Array<DynamicStreamCheckConfig>;
  /** Config Overrides: Values overlaid onto the connector config for the duration of the check operation only. */
  config_overrides?: Record<string, unknown>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Schema Field Type: (This component is experimental. */
export interface ComplexFieldType {
  field_type: string;
  items?: string | ComplexFieldType;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Component Mapping Definition: (This component is experimental. */
export interface ComponentMappingDefinition {
  type: "ComponentMappingDefinition";
  /** Field Path: A list of potentially nested fields indicating the full path where value will be added or updated. */
  field_path: Array<string>;
  /** Value: The dynamic or static value to assign to the key. */
  value: string;
  /** Value Type: The expected data type of the value. */
  value_type?: ValueType;
  /** Create or Update: Determines whether to create a new path if it doesn't exist (true) or only update existing paths (false). */
  create_or_update?: boolean;
  /** Condition: A condition that must be met for the mapping to be applied. */
  condition?: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Composite Error Handler: Error handler that sequentially iterates over a list of error handlers. */
export interface CompositeErrorHandler {
  type: "CompositeErrorHandler";
  /** Error Handlers: List of error handlers to iterate on to determine how to handle a failed response. */
  error_handlers: Array<CompositeErrorHandler | DefaultErrorHandler | CustomErrorHandler>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Concurrency Level: Defines the amount of parallelization for the streams that are being synced. */
export interface ConcurrencyLevel {
  type?: "ConcurrencyLevel";
  /** Default Concurrency: The amount of concurrency that will applied during a sync. */
  default_concurrency: number | string;
  /** Max Concurrency: The maximum level of concurrency that will be used during a sync. */
  max_concurrency?: number;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Conditional Streams: Streams that are only available while performing a connector operation when the condition is met. */
export interface ConditionalStreams {
  type: "ConditionalStreams";
  /** Condition: Condition that will be evaluated to determine if a set of streams should be available. */
  condition: string;
  /** Streams: Streams that will be used during an operation based on the condition. */
  streams: Array<DeclarativeStream>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Config Add Fields: Transformation that adds fields to a config. */
export interface ConfigAddFields {
  type: "ConfigAddFields";
  /** Fields: A list of transformations (path and corresponding value) that will be added to the config. */
  fields: Array<AddedFieldDefinition>;
  /** Fields will be added if expression is evaluated to True. */
  condition?: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Config Components Resolver: (This component is experimental. */
export interface ConfigComponentsResolver {
  type: "ConfigComponentsResolver";
  stream_config: Array<StreamConfig> | StreamConfig;
  components_mapping: Array<ComponentMappingDefinition>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Config Migration: A config migration that will be applied on the incoming config at the start of a sync. */
export interface ConfigMigration {
  type: "ConfigMigration";
  /** The description/purpose of the config migration. */
  description?: string;
  /** Transformations: The list of transformations that will attempt to be applied on an incoming unmigrated config. */
  transformations: Array<ConfigRemapField | ConfigAddFields | ConfigRemoveFields | CustomConfigTransformation>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Remap Field: Transformation that remaps a field's value to another value based on a static map. */
export interface ConfigRemapField {
  type: "ConfigRemapField";
  /** Value Mapping: A mapping of original values to new values. */
  map: Record<string, unknown> | string;
  /** Field Path: The path to the field whose value should be remapped. */
  field_path: Array<string>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Config Remove Fields: Transformation that removes a field from the config. */
export interface ConfigRemoveFields {
  type: "ConfigRemoveFields";
  /** Field Pointers: A list of field pointers to be removed from the config. */
  field_pointers: Array<Array<string>>;
  /** Fields will be removed if expression is evaluated to True. */
  condition?: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Constant Backoff: Backoff strategy with a constant backoff interval. */
export interface ConstantBackoffStrategy {
  type: "ConstantBackoffStrategy";
  /** Backoff Time: Backoff time in seconds. */
  backoff_time_in_seconds: number | string;
  /** Jitter Range: Optional additive jitter range in seconds. */
  jitter_range_in_seconds?: number;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** CSV: Select 'CSV' for response data that is formatted as CSV (comma-separated values). */
export interface CsvDecoder {
  type: "CsvDecoder";
  encoding?: string;
  delimiter?: string;
  set_values_to_none?: Array<string>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Cursor Pagination: Pagination strategy that evaluates an interpolated string to define the next page to fetch. */
export interface CursorPagination {
  type: "CursorPagination";
  /** Cursor Value: Value of the cursor defining the next page to fetch. */
  cursor_value: string;
  /** Page Size: The number of records to include in each pages. */
  page_size?: number | string;
  /** Stop Condition: Template string evaluating when to stop paginating. */
  stop_condition?: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Custom Authenticator: Authenticator component whose behavior is derived from a custom code implementation of the connector. */
export interface CustomAuthenticator {
  type: "CustomAuthenticator";
  /** Class Name: Fully-qualified name of the class that will be implementing the custom authentication strategy. */
  class_name: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Custom Backoff Strategy: Backoff strategy component whose behavior is derived from a custom code implementation of the connector. */
export interface CustomBackoffStrategy {
  type: "CustomBackoffStrategy";
  /** Class Name: Fully-qualified name of the class that will be implementing the custom backoff strategy. */
  class_name: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Custom Config Transformation: A custom config transformation that can be used to transform the connector configuration. */
export interface CustomConfigTransformation {
  type: "CustomConfigTransformation";
  /** Fully-qualified name of the class that will be implementing the custom config transformation. */
  class_name: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Custom Decoder: Use this to implement custom decoder logic. */
export interface CustomDecoder {
  type: "CustomDecoder";
  /** Class Name: Fully-qualified name of the class that will be implementing the custom decoding. */
  class_name: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Custom Error Handler: Error handler component whose behavior is derived from a custom code implementation of the connector. */
export interface CustomErrorHandler {
  type: "CustomErrorHandler";
  /** Class Name: Fully-qualified name of the class that will be implementing the custom error handler. */
  class_name: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Custom Pagination Strategy: Pagination strategy component whose behavior is derived from a custom code implementation of the connector. */
export interface CustomPaginationStrategy {
  type: "CustomPaginationStrategy";
  /** Class Name: Fully-qualified name of the class that will be implementing the custom pagination strategy. */
  class_name: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Custom Partition Router: Partition router component whose behavior is derived from a custom code implementation of the connector. */
export interface CustomPartitionRouter {
  type: "CustomPartitionRouter";
  /** Class Name: Fully-qualified name of the class that will be implementing the custom partition router. */
  class_name: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Custom Record Extractor: Record extractor component whose behavior is derived from a custom code implementation of the connector. */
export interface CustomRecordExtractor {
  type: "CustomRecordExtractor";
  /** Class Name: Fully-qualified name of the class that will be implementing the custom record extraction strategy. */
  class_name: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Custom Record Filter: Record filter component whose behavior is derived from a custom code implementation of the connector. */
export interface CustomRecordFilter {
  type: "CustomRecordFilter";
  /** Class Name: Fully-qualified name of the class that will be implementing the custom record filter strategy. */
  class_name: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Custom Requester: Requester component whose behavior is derived from a custom code implementation of the connector. */
export interface CustomRequester {
  type: "CustomRequester";
  /** Class Name: Fully-qualified name of the class that will be implementing the custom requester strategy. */
  class_name: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Custom Retriever: Retriever component whose behavior is derived from a custom code implementation of the connector. */
export interface CustomRetriever {
  type: "CustomRetriever";
  /** Class Name: Fully-qualified name of the class that will be implementing the custom retriever strategy. */
  class_name: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Custom Schema Loader: Schema Loader component whose behavior is derived from a custom code implementation of the connector. */
export interface CustomSchemaLoader {
  type: "CustomSchemaLoader";
  /** Class Name: Fully-qualified name of the class that will be implementing the custom schema loader. */
  class_name: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Custom Schema Normalization: Schema normalization component whose behavior is derived from a custom code implementation of the connector. */
export interface CustomSchemaNormalization {
  type: "CustomSchemaNormalization";
  /** Class Name: Fully-qualified name of the class that will be implementing the custom normalization. */
  class_name: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Custom State Migration: Apply a custom transformation on the input state. */
export interface CustomStateMigration {
  type: "CustomStateMigration";
  /** Class Name: Fully-qualified name of the class that will be implementing the custom state migration. */
  class_name: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Custom Transformation: Transformation component whose behavior is derived from a custom code implementation of the connector. */
export interface CustomTransformation {
  type: "CustomTransformation";
  /** Class Name: Fully-qualified name of the class that will be implementing the custom transformation. */
  class_name: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Custom Validation Strategy: Custom validation strategy that allows for custom validation logic. */
export interface CustomValidationStrategy {
  type: "CustomValidationStrategy";
  /** Class Name: Fully-qualified name of the class that will be implementing the custom validation strategy. */
  class_name: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Datetime Based Cursor: Cursor to provide incremental capabilities over datetime. */
export interface DatetimeBasedCursor {
  type: "DatetimeBasedCursor";
  /** Date Range Clamping: This option is used to adjust the upper and lower boundaries of each datetime window to beginning and end of the provided target period (day, week, month) */
  clamping?: Record<string, unknown>;
  /** Cursor Field: The location of the value on a record that will be used as a bookmark during sync. */
  cursor_field: string;
  /** Allow Catalog Defined Cursor Field: Whether the cursor allows users to override the default cursor_field when configuring their connection. */
  allow_catalog_defined_cursor_field?: boolean;
  /** Cursor Datetime Formats: The possible formats for the cursor field, in order of preference. */
  cursor_datetime_formats?: Array<string>;
  /** Start Datetime: The datetime that determines the earliest record that should be synced. */
  start_datetime: MinMaxDatetime | string;
  /** Inject Start Time Into Outgoing HTTP Request: Optionally configures how the start datetime will be sent in requests to the source API. */
  start_time_option?: RequestOption;
  /** End Datetime: The datetime that determines the last record that should be synced. */
  end_datetime?: MinMaxDatetime | string;
  /** Inject End Time Into Outgoing HTTP Request: Optionally configures how the end datetime will be sent in requests to the source API. */
  end_time_option?: RequestOption;
  /** Outgoing Datetime Format: The datetime format used to format the datetime values that are sent in outgoing requests to the API. */
  datetime_format: string;
  /** Cursor Granularity: Smallest increment the datetime_format has (ISO 8601 duration) that is used to ensure the start of a slice does not overlap with the end of the previous one, e.g. */
  cursor_granularity?: string;
  /** Data Feed API: A data feed API is an API that does not allow filtering and paginates the content from the most recent to the least recent. */
  is_data_feed?: boolean;
  /** Client-side Incremental Filtering: Set to True if the target API endpoint does not take cursor values to filter records and returns all records anyway. */
  is_client_side_incremental?: boolean;
  /** Strict Start-End Time Comparison: Set to True if the target API does not accept queries where the start time equal the end time. */
  is_compare_strictly?: boolean;
  /** Global Substream Cursor: Setting to True causes the connector to store the cursor as one value, instead of per-partition. */
  global_substream_cursor?: boolean;
  /** Lookback Window: Time interval (ISO8601 duration) before the start_datetime to read data for, e.g. */
  lookback_window?: string;
  /** Partition Field End: Name of the partition start time field. */
  partition_field_end?: string;
  /** Partition Field Start: Name of the partition end time field. */
  partition_field_start?: string;
  /** Step: The size of the time window (ISO8601 duration). */
  step?: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Declarative Stream: A stream whose behavior is described by a set of declarative low code components. */
export interface DeclarativeStream {
  type: "DeclarativeStream";
  /** Name: The stream name. */
  name?: string;
  /** Retriever: Component used to coordinate how records are extracted across stream slices and request pages. */
  retriever: SimpleRetriever | AsyncRetriever | CustomRetriever;
  /** Incremental Sync: Component used to fetch data incrementally based on a time field in the data. */
  incremental_sync?: DatetimeBasedCursor | IncrementingCountCursor;
  /** Primary Key */
  primary_key?: PrimaryKey;
  /** Schema Loader: One or many schema loaders can be used to retrieve the schema for the current stream. */
  schema_loader?: InlineSchemaLoader | DynamicSchemaLoader | JsonFileSchemaLoader | Array<InlineSchemaLoader | DynamicSchemaLoader | JsonFileSchemaLoader | CustomSchemaLoader> | CustomSchemaLoader;
  /** Transformations: A list of transformations to be applied to each output record. */
  transformations?: Array<AddFields | RemoveFields | KeysToLower | KeysToSnakeCase | FlattenFields | DpathFlattenFields | KeysReplace | CustomTransformation>;
  /** State Migrations: Array of state migrations to be applied on the input state */
  state_migrations?: Array<LegacyToPerPartitionStateMigration | CustomStateMigration>;
  /** File Uploader: (experimental) Describes how to fetch a file */
  file_uploader?: Record<string, unknown>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Default Error Handler: Component defining how to handle errors. */
export interface DefaultErrorHandler {
  type: "DefaultErrorHandler";
  /** Backoff Strategies: List of backoff strategies to use to determine how long to wait before retrying a retryable request. */
  backoff_strategies?: Array<ConstantBackoffStrategy | ExponentialBackoffStrategy | WaitTimeFromHeader | WaitUntilTimeFromHeader | CustomBackoffStrategy>;
  /** Max Retry Count: The maximum number of times to retry a retryable request before giving up and failing. */
  max_retries?: number | string;
  /** Response Filters: List of response filters to iterate on when deciding how to handle an error. */
  response_filters?: Array<HttpResponseFilter>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Default Paginator: Default pagination implementation to request pages of results with a fixed size until the pagination strategy no longer returns a next_page_token. */
export interface DefaultPaginator {
  type: "DefaultPaginator";
  /** Pagination Strategy: Strategy defining how records are paginated. */
  pagination_strategy: PageIncrement | OffsetIncrement | CursorPagination | CustomPaginationStrategy;
  /** Inject Page Size Into Outgoing HTTP Request */
  page_size_option?: RequestOption;
  /** Inject Page Token Into Outgoing HTTP Request: Inject the page token into the outgoing HTTP requests by inserting it into either the request URL path or a field on the request. */
  page_token_option?: RequestOption | RequestPath;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Dpath Extractor: Record extractor that searches a decoded response over a path defined as an array of fields. */
export interface DpathExtractor {
  type: "DpathExtractor";
  /** Field Path: List of potentially nested fields describing the full path of the field to extract. */
  field_path: Array<string>;
  /** Record Expander: Optional component to expand records by extracting items from nested array fields. */
  record_expander?: RecordExpander;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Dpath Flatten Fields: A transformation that flatten field values to the to top of the record. */
export interface DpathFlattenFields {
  type: "DpathFlattenFields";
  /** Field Path: A path to field that needs to be flattened. */
  field_path: Array<string>;
  /** Delete Origin Value: Whether to delete the origin value or keep it. */
  delete_origin_value?: boolean;
  /** Replace Origin Record: Whether to replace the origin record or not. */
  replace_record?: boolean;
  /** Key transformation: Transformation for object keys. */
  key_transformation?: KeyTransformation;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Dpath Validator: Validator that extracts the value located at a given field path. */
export interface DpathValidator {
  type: "DpathValidator";
  /** Field Path: List of potentially nested fields describing the full path of the field to validate. */
  field_path: Array<string>;
  /** Validation Strategy: The condition that the specified config value will be evaluated against */
  validation_strategy: ValidateAdheresToSchema | CustomValidationStrategy;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** (This component is experimental. */
export interface DynamicDeclarativeStream {
  type: "DynamicDeclarativeStream";
  /** Name: The dynamic stream name. */
  name?: string;
  /** Stream Template: Reference to the stream template. */
  stream_template: DeclarativeStream | StateDelegatingStream;
  /** Components Resolver: Component resolve and populates stream templates with components values. */
  components_resolver: HttpComponentsResolver | ConfigComponentsResolver | ParametrizedComponentsResolver;
  /** Use Parent Parameters: Whether or not to prioritize parent parameters over component parameters when constructing dynamic streams. */
  use_parent_parameters?: boolean;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Dynamic Schema Loader: (This component is experimental. */
export interface DynamicSchemaLoader {
  type: "DynamicSchemaLoader";
  /** Retriever: Component used to coordinate how records are extracted across stream slices and request pages. */
  retriever: SimpleRetriever | AsyncRetriever | CustomRetriever;
  /** Schema Filter: Responsible for filtering fields to be added to json schema. */
  schema_filter?: RecordFilter | CustomRecordFilter;
  /** Schema Transformations: A list of transformations to be applied to the schema. */
  schema_transformations?: Array<AddFields | RemoveFields | KeysToLower | KeysToSnakeCase | FlattenFields | DpathFlattenFields | KeysReplace | CustomTransformation>;
  schema_type_identifier: SchemaTypeIdentifier;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** The schema's `DynamicStreamCheckConfig` component (the schema gives it no description). */
export interface DynamicStreamCheckConfig {
  type: "DynamicStreamCheckConfig";
  /** Dynamic Stream Name: The dynamic stream name. */
  dynamic_stream_name: string;
  /** Stream Count: The number of streams to attempt reading from during a check operation. */
  stream_count?: number;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Exponential Backoff: Backoff strategy with an exponential backoff interval. */
export interface ExponentialBackoffStrategy {
  type: "ExponentialBackoffStrategy";
  /** Factor: Multiplicative constant applied on each retry. */
  factor?: number | string;
  /** Jitter Range: Optional additive jitter range in seconds. */
  jitter_range_in_seconds?: number;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Fixed Window Call Rate Policy: A policy that allows a fixed number of calls within a specific time window. */
export interface FixedWindowCallRatePolicy {
  type: "FixedWindowCallRatePolicy";
  /** Period: The time interval for the rate limit window. */
  period: string;
  /** Call Limit: The maximum number of calls allowed within the period. */
  call_limit: number;
  /** Matchers: List of matchers that define which requests this policy applies to. */
  matchers: Array<HttpRequestRegexMatcher>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Flatten Fields: A transformation that flatten record to single level format. */
export interface FlattenFields {
  type: "FlattenFields";
  /** Flatten Lists: Whether to flatten lists or leave it as is. */
  flatten_lists?: boolean;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Group by Key: Record merge strategy that combines records according to fields on the record. */
export interface GroupByKeyMergeStrategy {
  type: "GroupByKeyMergeStrategy";
  /** Key: The name of the field on the record whose value will be used to group properties that were retrieved through multiple API requests. */
  key: string | Array<string>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Grouping Partition Router: A decorator on top of a partition router that groups partitions into batches of a specified size. */
export interface GroupingPartitionRouter {
  type: "GroupingPartitionRouter";
  /** Group Size: The number of partitions to include in each group. */
  group_size: number;
  /** Underlying Partition Router: The partition router whose output will be grouped. */
  underlying_partition_router: ListPartitionRouter | SubstreamPartitionRouter | UnionPartitionRouter | CustomPartitionRouter;
  /** Deduplicate Partitions: If true, ensures that partitions are unique within each group by removing duplicates based on the partition key. */
  deduplicate?: boolean;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** gzip: Select 'gzip' for response data that is compressed with gzip. */
export interface GzipDecoder {
  type: "GzipDecoder";
  decoder: CsvDecoder | GzipDecoder | JsonDecoder | JsonItemsDecoder | JsonlDecoder;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** HTTP API Budget: Defines how many requests can be made to the API in a given time frame. */
export interface HTTPAPIBudget {
  type: "HTTPAPIBudget";
  /** Policies: List of call rate policies that define how many calls are allowed. */
  policies: Array<FixedWindowCallRatePolicy | MovingWindowCallRatePolicy | UnlimitedCallRatePolicy>;
  /** Rate Limit Reset Header: The HTTP response header name that indicates when the rate limit resets. */
  ratelimit_reset_header?: string;
  /** Rate Limit Remaining Header: The HTTP response header name that indicates the number of remaining allowed calls. */
  ratelimit_remaining_header?: string;
  /** Status Codes for Rate Limit Hit: List of HTTP status codes that indicate a rate limit has been hit. */
  status_codes_for_ratelimit_hit?: Array<number>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Http Components Resolver: (This component is experimental. */
export interface HttpComponentsResolver {
  type: "HttpComponentsResolver";
  /** Retriever: Component used to coordinate how records are extracted across stream slices and request pages. */
  retriever: SimpleRetriever | AsyncRetriever | CustomRetriever;
  components_mapping: Array<ComponentMappingDefinition>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** HTTP Request Matcher: Matches HTTP requests based on method, base URL, URL path pattern, query parameters, and headers. */
export interface HttpRequestRegexMatcher {
  /** Method: The HTTP method to match (e.g., GET, POST). */
  method?: string;
  /** URL Base: The base URL (scheme and host, e.g. */
  url_base?: string;
  /** URL Path Pattern: A regular expression pattern to match the URL path. */
  url_path_pattern?: string;
  /** Parameters: The query parameters to match. */
  params?: Record<string, unknown>;
  /** Headers: The headers to match. */
  headers?: Record<string, unknown>;
  /** Weight: The weight of a request matching this matcher when acquiring a call from the rate limiter. */
  weight?: number | string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** HTTP Requester: Requester submitting HTTP requests and extracting records from the response. */
export interface HttpRequester {
  type: "HttpRequester";
  /** API Base URL: Deprecated, use the `url` instead. */
  url_base?: string;
  /** API Endpoint URL: The URL of the source API endpoint. */
  url?: string;
  /** URL Path: Deprecated, use the `url` instead. */
  path?: string;
  /** HTTP Method: The HTTP method used to fetch data from the source (can be GET or POST). */
  http_method?: "GET" | "POST";
  /** Authenticator: Authentication method to use for requests sent to the API. */
  authenticator?: ApiKeyAuthenticator | BasicHttpAuthenticator | BearerAuthenticator | OAuthAuthenticator | JwtAuthenticator | SessionTokenAuthenticator | SelectiveAuthenticator | CustomAuthenticator | NoAuth | LegacySessionTokenAuthenticator | RateLimitedMultipleTokenAuthenticator;
  /** Fetch Properties from Endpoint: Allows for retrieving a dynamic set of properties from an API endpoint which can be injected into outbound request using the stream_partition.extra_fields. */
  fetch_properties_from_endpoint?: PropertiesFromEndpoint;
  /** Query Properties: For APIs that require explicit specification of the properties to query for, this component will take a static or dynamic set of properties (which can be optionally split into chunks) and allow the... */
  query_properties?: QueryProperties;
  /** Query Parameters: Specifies the query parameters that should be set on an outgoing HTTP request given the inputs. */
  request_parameters?: Record<string, unknown> | string;
  /** Request Headers: Return any non-auth headers. */
  request_headers?: Record<string, unknown> | string;
  /** Request Body Payload (Non-JSON): Specifies how to populate the body of the request with a non-JSON payload. */
  request_body_data?: Record<string, unknown> | string;
  /** Request Body JSON Payload: Specifies how to populate the body of the request with a JSON payload. */
  request_body_json?: Record<string, unknown> | string;
  /** Request Body: Specifies how to populate the body of the request with a payload. */
  request_body?: RequestBodyPlainText | RequestBodyUrlEncodedForm | RequestBodyJsonObject | RequestBodyGraphQL;
  /** Error Handler: Error handler component that defines how to handle errors. */
  error_handler?: DefaultErrorHandler | CompositeErrorHandler | CustomErrorHandler;
  /** Use Cache: Enables stream requests caching. */
  use_cache?: boolean;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** A filter that is used to select on properties of the HTTP response received. */
export interface HttpResponseFilter {
  type: "HttpResponseFilter";
  /** Action: Action to execute if a response matches the filter. */
  action?: "SUCCESS" | "FAIL" | "RETRY" | "IGNORE" | "RESET_PAGINATION" | "RATE_LIMITED" | "REFRESH_TOKEN_THEN_RETRY";
  /** Failure Type: Failure type of traced exception if a response matches the filter. */
  failure_type?: "system_error" | "config_error" | "transient_error";
  /** Error Message: Error Message to display if the response matches the filter. */
  error_message?: string;
  /** Error Message Substring: Match the response if its error message contains the substring. */
  error_message_contains?: string;
  /** HTTP Codes: Match the response if its HTTP code is included in this list. */
  http_codes?: Array<number>;
  /** Predicate: Match the response if the predicate evaluates to true. */
  predicate?: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Incrementing Count Cursor: Cursor that allows for incremental sync according to a continuously increasing integer. */
export interface IncrementingCountCursor {
  type: "IncrementingCountCursor";
  /** Cursor Field: The location of the value on a record that will be used as a bookmark during sync. */
  cursor_field: string;
  /** Allow Catalog Defined Cursor Field: Whether the cursor allows users to override the default cursor_field when configuring their connection. */
  allow_catalog_defined_cursor_field?: boolean;
  /** Start Value: The value that determines the earliest record that should be synced. */
  start_value?: string | number;
  /** Inject Start Value Into Outgoing HTTP Request: Optionally configures how the start value will be sent in requests to the source API. */
  start_value_option?: RequestOption;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Inline Schema Loader: Loads a schema that is defined directly in the manifest file. */
export interface InlineSchemaLoader {
  type: "InlineSchemaLoader";
  /** Schema: Describes a streams' schema. */
  schema?: Record<string, unknown>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Iterable: Select 'Iterable' if the response consists of strings separated by new lines (`\n`). */
export interface IterableDecoder {
  type: "IterableDecoder";
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** JSON: Select 'JSON' if the response is formatted as a JSON object. */
export interface JsonDecoder {
  type: "JsonDecoder";
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Json File Schema Loader: Loads the schema from a json file. */
export interface JsonFileSchemaLoader {
  type: "JsonFileSchemaLoader";
  /** File Path: Path to the JSON file defining the schema. */
  file_path?: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** JSON Items (Streaming): Select 'JSON Items (Streaming)' to stream-decode a single JSON document by yielding each element of a nested array, one at a time. */
export interface JsonItemsDecoder {
  type: "JsonItemsDecoder";
  /** Items Path: Dot-separated path to the JSON array whose elements should be yielded as records. */
  items_path: string;
  /** Encoding: Text encoding used to decode the streamed bytes before JSON parsing. */
  encoding?: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Json Schema Property Selector: When configured, the JSON schema supplied in the catalog containing which columns are selected for the current stream will be used to reduce which query properties will be included in the outbound ... */
export interface JsonSchemaPropertySelector {
  type: "JsonSchemaPropertySelector";
  /** Transformations: A list of transformations to be applied on the customer configured schema that will be used to filter out unselected fields when specifying query properties for API requests. */
  transformations?: Array<AddFields | RemoveFields | KeysToLower | KeysToSnakeCase | FlattenFields | DpathFlattenFields | KeysReplace | CustomTransformation>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** JSON Lines: Select 'JSON Lines' if the response consists of JSON objects separated by new lines ('\n') in JSONL format. */
export interface JsonlDecoder {
  type: "JsonlDecoder";
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** JWT Authenticator: Authenticator for requests using JWT authentication flow. */
export interface JwtAuthenticator {
  type: "JwtAuthenticator";
  /** Secret Key: Secret used to sign the JSON web token. */
  secret_key: string;
  /** Base64-encode Secret Key: When set to true, the secret key will be base64 encoded prior to being encoded as part of the JWT. */
  base64_encode_secret_key?: boolean;
  /** Algorithm: Algorithm used to sign the JSON web token. */
  algorithm: "HS256" | "HS384" | "HS512" | "ES256" | "ES256K" | "ES384" | "ES512" | "RS256" | "RS384" | "RS512" | "PS256" | "PS384" | "PS512" | "EdDSA";
  /** Token Duration: The amount of time in seconds a JWT token can be valid after being issued. */
  token_duration?: number;
  /** Header Prefix: The prefix to be used within the Authentication header. */
  header_prefix?: string;
  /** JWT Headers: JWT headers used when signing JSON web token. */
  jwt_headers?: Record<string, unknown>;
  /** Additional JWT Headers: Additional headers to be included with the JWT headers object. */
  additional_jwt_headers?: Record<string, unknown>;
  /** JWT Payload: JWT Payload used when signing JSON web token. */
  jwt_payload?: Record<string, unknown>;
  /** Additional JWT Payload Properties: Additional properties to be added to the JWT payload. */
  additional_jwt_payload?: Record<string, unknown>;
  /** Passphrase: A passphrase/password used to encrypt the private key. */
  passphrase?: string;
  /** Request Option: A request option describing where the signed JWT token that is generated should be injected into the outbound API request. */
  request_option?: RequestOption;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Transformation to apply for extracted object keys by Dpath Flatten Fields */
export interface KeyTransformation {
  type: "KeyTransformation";
  /** Key Prefix: Prefix to add for object keys. */
  prefix?: string;
  /** Key Suffix: Suffix to add for object keys. */
  suffix?: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Keys Replace: A transformation that replaces symbols in keys. */
export interface KeysReplace {
  type: "KeysReplace";
  /** Old value: Old value to replace. */
  old: string;
  /** New value: New value to set. */
  new: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Keys to Lower Case: A transformation that renames all keys to lower case. */
export interface KeysToLower {
  type: "KeysToLower";
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Key to Snake Case: A transformation that renames all keys to snake case. */
export interface KeysToSnakeCase {
  type: "KeysToSnakeCase";
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Session Token Authenticator: Deprecated - use SessionTokenAuthenticator instead. */
export interface LegacySessionTokenAuthenticator {
  type: "LegacySessionTokenAuthenticator";
  /** Session Request Header: The name of the session token header that will be injected in the request */
  header: string;
  /** Login Path: Path of the login URL (do not include the base URL) */
  login_url: string;
  /** Session Token: Session token to use if using a pre-defined token. */
  session_token?: string;
  /** Response Token Response Key: Name of the key of the session token to be extracted from the response */
  session_token_response_key: string;
  /** Username: Username used to authenticate and obtain a session token */
  username?: string;
  /** Password: Password used to authenticate and obtain a session token */
  password?: string;
  /** Validate Session Path: Path of the URL to use to validate that the session token is valid (do not include the base URL) */
  validate_session_url: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Legacy To Per-partition-state Migration: Transforms the input state for per-partitioned streams from the legacy format to the low-code format. */
export interface LegacyToPerPartitionStateMigration {
  type?: "LegacyToPerPartitionStateMigration";
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** List Partition Router: A Partition router that specifies a list of attributes where each attribute describes a portion of the complete data set for a stream. */
export interface ListPartitionRouter {
  type: "ListPartitionRouter";
  /** Current Partition Value Identifier: While iterating over list values, the name of field used to reference a list value. */
  cursor_field: string;
  /** Partition Values: The list of attributes being iterated over and used as input for the requests made to the source API. */
  values: string | Array<string>;
  /** Inject Partition Value Into Outgoing HTTP Request: A request option describing where the list value should be injected into and under what field name if applicable. */
  request_option?: RequestOption;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Min-Max Datetime: Compares the provided date against optional minimum or maximum times. */
export interface MinMaxDatetime {
  type: "MinMaxDatetime";
  /** Datetime: Datetime value. */
  datetime: string;
  /** Datetime Format: Format of the datetime value. */
  datetime_format?: string;
  /** Max Datetime: Ceiling applied on the datetime value. */
  max_datetime?: string;
  /** Min Datetime: Floor applied on the datetime value. */
  min_datetime?: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Moving Window Call Rate Policy: A policy that allows a fixed number of calls within a moving time window. */
export interface MovingWindowCallRatePolicy {
  type: "MovingWindowCallRatePolicy";
  /** Rates: List of rates that define the call limits for different time intervals. */
  rates: Array<Rate>;
  /** Matchers: List of matchers that define which requests this policy applies to. */
  matchers: Array<HttpRequestRegexMatcher>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** No Authentication: Authenticator for requests requiring no authentication. */
export interface NoAuth {
  type: "NoAuth";
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** No Pagination: Pagination implementation that never returns a next page. */
export interface NoPagination {
  type: "NoPagination";
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** OAuth2: Authenticator for requests using OAuth 2.0 authorization flow. */
export interface OAuthAuthenticator {
  type: "OAuthAuthenticator";
  /** Client ID Property Name: The name of the property to use to refresh the `access_token`. */
  client_id_name?: string;
  /** Client ID: The OAuth client ID. */
  client_id?: string;
  /** Client Secret Property Name: The name of the property to use to refresh the `access_token`. */
  client_secret_name?: string;
  /** Client Secret: The OAuth client secret. */
  client_secret?: string;
  /** Refresh Token Property Name: The name of the property to use to refresh the `access_token`. */
  refresh_token_name?: string;
  /** Refresh Token: Credential artifact used to get a new access token. */
  refresh_token?: string;
  /** Token Refresh Endpoint: The full URL to call to obtain a new access token. */
  token_refresh_endpoint?: string;
  /** Access Token Property Name: The name of the property which contains the access token in the response from the token refresh endpoint. */
  access_token_name?: string;
  /** Access Token Value: The value of the access_token to bypass the token refreshing using `refresh_token`. */
  access_token_value?: string;
  /** Token Expiry Property Name: The name of the property which contains the expiry date in the response from the token refresh endpoint. */
  expires_in_name?: string;
  /** Grant Type Property Name: The name of the property to use to refresh the `access_token`. */
  grant_type_name?: string;
  /** Grant Type: Specifies the OAuth2 grant type. */
  grant_type?: string;
  /** Refresh Request Body: Body of the request sent to get a new access token. */
  refresh_request_body?: Record<string, unknown>;
  /** Refresh Request Headers: Headers of the request sent to get a new access token. */
  refresh_request_headers?: Record<string, unknown>;
  /** Send Refresh Request As Query Params: When set to true, the standard OAuth refresh args (`grant_type`, `refresh_token`, client credentials when not in an `Authorization` header, scopes, plus any `refresh_request_body` extras) are sent ... */
  send_refresh_request_as_query_params?: boolean;
  /** Scopes: List of scopes that should be granted to the access token. */
  scopes?: Array<string>;
  /** Token Expiry Date: The access token expiry date. */
  token_expiry_date?: string;
  /** Token Expiry Date Format: The format of the time to expiration datetime. */
  token_expiry_date_format?: string;
  /** Refresh Token Error Status Codes: Status Codes to Identify refresh token error in response (Refresh Token Error Key and Refresh Token Error Values should be also specified). */
  refresh_token_error_status_codes?: Array<number>;
  /** Refresh Token Error Key: Key to Identify refresh token error in response (Refresh Token Error Status Codes and Refresh Token Error Values should be also specified). */
  refresh_token_error_key?: string;
  /** Refresh Token Error Values: List of values to check for exception during token refresh process. */
  refresh_token_error_values?: Array<string>;
  /** Refresh Token Updater: When the refresh token updater is defined, new refresh tokens, access tokens and the access token expiry date are written back from the authentication response to the config object. */
  refresh_token_updater?: unknown;
  /** Profile Assertion: The authenticator being used to authenticate the client authenticator. */
  profile_assertion?: JwtAuthenticator;
  /** Use Profile Assertion: Enable using profile assertion as a flow for OAuth authorization. */
  use_profile_assertion?: boolean;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** OAuth Config Specification: Specification describing how an 'advanced' Auth flow would need to function. */
export interface OAuthConfigSpecification {
  /** OAuth user input: OAuth specific blob. */
  oauth_user_input_from_connector_config_specification?: Record<string, unknown>;
  /** DeclarativeOAuth Connector Specification: The DeclarativeOAuth specific blob. */
  oauth_connector_input_specification?: Record<string, unknown>;
  /** OAuth output specification: OAuth specific blob. */
  complete_oauth_output_specification?: Record<string, unknown>;
  /** OAuth input specification: OAuth specific blob. */
  complete_oauth_server_input_specification?: Record<string, unknown>;
  /** OAuth server output specification: OAuth specific blob. */
  complete_oauth_server_output_specification?: Record<string, unknown>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Offset Increment: Pagination strategy that returns the number of records reads so far and returns it as the next page token. */
export interface OffsetIncrement {
  type: "OffsetIncrement";
  /** Limit: The number of records to include in each pages. */
  page_size?: number | string;
  /** Inject Offset on First Request: Using the `offset` with value `0` during the first request */
  inject_on_first_request?: boolean;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Page Increment: Pagination strategy that returns the number of pages reads so far and returns it as the next page token. */
export interface PageIncrement {
  type: "PageIncrement";
  /** Page Size: The number of records to include in each pages. */
  page_size?: number | string;
  /** Start From Page: Index of the first page to request. */
  start_from_page?: number;
  /** Inject Page Number on First Request: Using the `page number` with value defined by `start_from_page` during the first request */
  inject_on_first_request?: boolean;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Pagination Reset: Describes what triggers pagination reset and how to handle it. */
export interface PaginationReset {
  type: "PaginationReset";
  action: "SPLIT_USING_CURSOR" | "RESET";
  limits?: PaginationResetLimits;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Pagination Reset Limits: Describes the limits that trigger pagination reset */
export interface PaginationResetLimits {
  type: "PaginationResetLimits";
  number_of_records?: number;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Parametrized Components Resolver: (This component is experimental. */
export interface ParametrizedComponentsResolver {
  type: "ParametrizedComponentsResolver";
  stream_parameters: StreamParametersDefinition;
  components_mapping: Array<ComponentMappingDefinition>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Parent Stream Config: Describes how to construct partitions from the records retrieved from the parent stream.. */
export interface ParentStreamConfig {
  type: "ParentStreamConfig";
  /** Parent Stream: Reference to the parent stream. */
  stream: DeclarativeStream | StateDelegatingStream;
  /** Parent Key: The primary key of records from the parent stream that will be used during the retrieval of records for the current substream. */
  parent_key: string;
  /** Current Parent Key Value Identifier: While iterating over parent records during a sync, the parent_key value can be referenced by using this field. */
  partition_field: string;
  /** Request Option: A request option describing where the parent key value should be injected into and under what field name if applicable. */
  request_option?: RequestOption;
  /** Incremental Dependency: Indicates whether the parent stream should be read incrementally based on updates in the child stream. */
  incremental_dependency?: boolean;
  /** Lazy Read Pointer: If set, this will enable lazy reading, using the initial read of parent records to extract child records. */
  lazy_read_pointer?: Array<string>;
  /** Extra Fields: Array of field paths to include as additional fields in the stream slice. */
  extra_fields?: Array<Array<string>>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Predicate Validator: Validator that applies a validation strategy to a specified value. */
export interface PredicateValidator {
  type: "PredicateValidator";
  /** Value: The value to be validated. */
  value: string | number | Record<string, unknown> | unknown[] | boolean | null;
  /** Validation Strategy: The validation strategy to apply to the value. */
  validation_strategy: ValidateAdheresToSchema | CustomValidationStrategy;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Primary Key: The stream field to be used to distinguish unique records. */
export type PrimaryKey = string | Array<string> | Array<Array<string>>;

/** Properties from Endpoint: Defines the behavior for fetching the list of properties from an API that will be loaded into the requests to extract records. */
export interface PropertiesFromEndpoint {
  type: "PropertiesFromEndpoint";
  /** Describes the path to the field that should be extracted */
  property_field_path: Array<string>;
  /** Requester component that describes how to fetch the properties to query from a remote API endpoint. */
  retriever: SimpleRetriever | CustomRetriever;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Property Chunking: For APIs with restrictions on the amount of properties that can be requester per request, property chunking can be applied to make multiple requests with a subset of the properties. */
export interface PropertyChunking {
  type: "PropertyChunking";
  /** Property Limit Type: The type used to determine the maximum number of properties per chunk */
  property_limit_type: "characters" | "property_count";
  /** Property Limit: The maximum amount of properties that can be retrieved per request according to the limit type. */
  property_limit?: number;
  /** Record Merge Strategy: Dictates how to records that require multiple requests to get all properties should be emitted to the destination */
  record_merge_strategy?: GroupByKeyMergeStrategy;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Query Properties: For APIs that require explicit specification of the properties to query for, this component specifies which property fields and how they are supplied to outbound requests. */
export interface QueryProperties {
  type: "QueryProperties";
  /** Property List: The set of properties that will be queried for in the outbound request. */
  property_list: Array<string> | PropertiesFromEndpoint;
  /** Always Include Properties: The list of properties that should be included in every set of properties when multiple chunks of properties are being requested. */
  always_include_properties?: Array<string>;
  /** Property Chunking: Defines how query properties will be grouped into smaller sets for APIs with limitations on the number of properties fetched per API request. */
  property_chunking?: PropertyChunking;
  /** Property Selector: Defines where to look for and which query properties that should be sent in outbound API requests. */
  property_selector?: JsonSchemaPropertySelector;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Quota Status Source: Describes the endpoint from which a token's current rate limit quota status can be fetched. */
export interface QuotaStatusSource {
  type: "QuotaStatusSource";
  /** URL: The full URL of the quota status endpoint. */
  url: string;
  /** HTTP Method: The HTTP method used to fetch the quota status. */
  http_method?: "GET" | "POST";
  /** Request Headers: Additional headers to send with the quota status request. */
  request_headers?: Record<string, unknown>;
  /** Unavailable Status Codes: Status codes from the quota status endpoint that mean quota tracking is unavailable rather than broken, such as a self-hosted deployment with rate limiting turned off. */
  unavailable_status_codes?: Array<number>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Rate: Defines a rate limit with a specific number of calls allowed within a time interval. */
export interface Rate {
  /** Limit: The maximum number of calls allowed within the interval. */
  limit: number | string;
  /** Interval: The time interval for the rate limit. */
  interval: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Rate Limited Multiple Token Authenticator: Authenticator that rotates between multiple interchangeable tokens, tracking each token's remaining call quota. */
export interface RateLimitedMultipleTokenAuthenticator {
  type: "RateLimitedMultipleTokenAuthenticator";
  /** Tokens: The tokens to rotate between. */
  tokens: string | Array<string>;
  /** Token Delimiter: Delimiter used to split a single token string into multiple tokens. */
  token_delimiter?: string;
  /** Auth Method: The prefix to prepend to the token in the auth header value (e.g. */
  auth_method?: string;
  /** Header Name: The name of the HTTP header in which to inject the token. */
  header?: string;
  /** Quota Status Source: Defines where to fetch each token's current quota status. */
  quota_status_source: QuotaStatusSource;
  /** Quota Pools: Quota pools tracked per token. */
  quotas: Array<TokenQuota>;
  /** Maximum Wait Time: ISO 8601 duration. */
  max_wait_time?: string;
  /** Budget Reserve Fraction: Fraction of each token's quota to keep in reserve. */
  budget_reserve_fraction?: number;
  /** Budget Minimum Reserve: Minimum number of calls to keep in reserve per token before proactive throttling kicks in. */
  budget_min_reserve?: number;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Record Expander: Expands records by extracting items from a nested array field. */
export interface RecordExpander {
  type: "RecordExpander";
  /** Expand Records From Field: Path to a nested array field within each record. */
  expand_records_from_field: Array<string>;
  /** Remain Original Record: If true, each expanded record will include the original parent record in an "original_record" field. */
  remain_original_record?: boolean;
  /** On No Records: Behavior when the expansion path is missing, not a list, or an empty list. */
  on_no_records?: "skip" | "emit_parent";
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Record Filter: Filter applied on a list of records. */
export interface RecordFilter {
  type: "RecordFilter";
  /** Condition: The predicate to filter a record. */
  condition?: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Record Selector: Responsible for translating an HTTP response into a list of records by extracting records from the response and optionally filtering records based on a heuristic. */
export interface RecordSelector {
  type: "RecordSelector";
  extractor: DpathExtractor | CustomRecordExtractor;
  /** Record Filter: Responsible for filtering records to be emitted by the Source. */
  record_filter?: RecordFilter | CustomRecordFilter;
  /** Schema Normalization: Responsible for normalization according to the schema. */
  schema_normalization?: SchemaNormalization | CustomSchemaNormalization;
  /** Transform Before Filtering: If true, transformation will be applied before record filtering. */
  transform_before_filtering?: boolean;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Remove Fields: A transformation which removes fields from a record. */
export interface RemoveFields {
  type: "RemoveFields";
  /** The predicate to filter a property by a property value. */
  condition?: string;
  /** Field Paths: Array of paths defining the field to remove. */
  field_pointers: Array<Array<string>>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** GraphQL Body: Request body value converted into a GraphQL query object */
export interface RequestBodyGraphQL {
  type: "RequestBodyGraphQL";
  value: RequestBodyGraphQlQuery;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** GraphQL Query Body: Request body GraphQL query object */
export interface RequestBodyGraphQlQuery {
  /** The GraphQL query to be executed */
  query: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Json Object Body: Request body value converted into a JSON object */
export interface RequestBodyJsonObject {
  type: "RequestBodyJsonObject";
  value: Record<string, unknown>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Plain-text Body: Request body value is sent as plain text */
export interface RequestBodyPlainText {
  type: "RequestBodyPlainText";
  value: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** URL-encoded Body: Request body value is converted into a url-encoded form */
export interface RequestBodyUrlEncodedForm {
  type: "RequestBodyUrlEncodedForm";
  value: Record<string, unknown>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Request Option: Specifies the key field or path and where in the request a component's value should be injected. */
export interface RequestOption {
  type: "RequestOption";
  /** Inject Into: Configures where the descriptor should be set on the HTTP requests. */
  inject_into: "request_parameter" | "header" | "body_data" | "body_json";
  /** Field Name: Configures which key should be used in the location that the descriptor is being injected into. */
  field_name?: string;
  /** Field Path: Configures a path to be used for nested structures in JSON body requests (e.g. */
  field_path?: Array<string>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Request Path: The URL path to be used for the HTTP request. */
export interface RequestPath {
  type: "RequestPath";
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** CSV To File Extractor: A record extractor designed for handling large responses that may exceed memory limits (to prevent OOM issues). */
export interface ResponseToFileExtractor {
  type: "ResponseToFileExtractor";
  /** Preserve NA Values: When enabled, string values such as "NA", "N/A", "NULL", "None" and "NaN" are kept as-is instead of being interpreted as missing and converted to null. */
  preserve_na_values?: boolean;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Schema Normalization: Responsible for normalization according to the schema. */
export type SchemaNormalization = "Default" | "None";

/** Schema Type Identifier: (This component is experimental. */
export interface SchemaTypeIdentifier {
  type?: "SchemaTypeIdentifier";
  /** Schema Path: List of nested fields defining the schema field path to extract. */
  schema_pointer?: Array<string>;
  /** Key Path: List of potentially nested fields describing the full path of the field key to extract. */
  key_pointer: Array<string>;
  /** Type Path: List of potentially nested fields describing the full path of the field type to extract. */
  type_pointer?: Array<string>;
  types_mapping?: Array<TypesMap>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Schemas: The stream schemas representing the shape of the data emitted by the stream. */
export type Schemas = Record<string, unknown>;

/** Selective Authenticator: Authenticator that selects concrete authenticator based on config property. */
export interface SelectiveAuthenticator {
  type: "SelectiveAuthenticator";
  /** Authenticator Selection Path: Path of the field in config with selected authenticator name */
  authenticator_selection_path: Array<string>;
  /** Authenticators: Authenticators to select from. */
  authenticators: Record<string, unknown>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Session Token Authenticator: Authenticator for requests using the session token as an API key that's injected into the request. */
export interface SessionTokenAuthenticator {
  type: "SessionTokenAuthenticator";
  /** Login Requester: Description of the request to perform to obtain a session token to perform data requests. */
  login_requester: HttpRequester;
  /** Session Token Path: The path in the response body returned from the login requester to the session token. */
  session_token_path: Array<string>;
  /** Expiration Duration: The duration in ISO 8601 duration notation after which the session token expires, starting from the time it was obtained. */
  expiration_duration?: string;
  /** Data Request Authentication: Authentication method to use for requests sent to the API, specifying how to inject the session token. */
  request_authentication: SessionTokenRequestApiKeyAuthenticator | SessionTokenRequestBearerAuthenticator;
  /** Decoder: Component used to decode the response. */
  decoder?: JsonDecoder | XmlDecoder;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** API Key Authenticator: Authenticator for requests using the session token as an API key that's injected into the request. */
export interface SessionTokenRequestApiKeyAuthenticator {
  type: "ApiKey";
  /** Inject API Key Into Outgoing HTTP Request: Configure how the API Key will be sent in requests to the source API. */
  inject_into: RequestOption;
  /** API Token Template: A template for the token value to inject. */
  api_token?: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Bearer Authenticator: Authenticator for requests using the session token as a standard bearer token. */
export interface SessionTokenRequestBearerAuthenticator {
  type: "Bearer";
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Synchronous Retriever: Retrieves records by synchronously sending requests to fetch records. */
export interface SimpleRetriever {
  type: "SimpleRetriever";
  /** Requester component that describes how to prepare HTTP requests to send to the source API. */
  requester: HttpRequester | CustomRequester;
  /** HTTP Response Format: Component decoding the response so records can be extracted. */
  decoder?: JsonDecoder | JsonItemsDecoder | XmlDecoder | CsvDecoder | JsonlDecoder | GzipDecoder | IterableDecoder | ZipfileDecoder | CustomDecoder;
  /** Component that describes how to extract records from a HTTP response. */
  record_selector: RecordSelector;
  /** Paginator component that describes how to navigate through the API's pages. */
  paginator?: DefaultPaginator | NoPagination;
  /** Describes what triggers pagination reset and how to handle it. */
  pagination_reset?: PaginationReset;
  /** If true, the partition router and incremental request options will be ignored when paginating requests. */
  ignore_stream_slicer_parameters_on_paginated_requests?: boolean;
  /** Partition Router: Used to iteratively execute requests over a set of values, such as a parent stream's records or a list of constant values. */
  partition_router?: SubstreamPartitionRouter | ListPartitionRouter | GroupingPartitionRouter | UnionPartitionRouter | CustomPartitionRouter | Array<SubstreamPartitionRouter | ListPartitionRouter | GroupingPartitionRouter | UnionPartitionRouter | CustomPartitionRouter>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Spec: A source specification made up of connector metadata and how it can be configured. */
export interface Spec {
  type: "Spec";
  /** Connection Specification: A connection specification describing how a the connector can be configured. */
  connection_specification: Record<string, unknown>;
  /** Documentation URL: URL of the connector's documentation page. */
  documentation_url?: string;
  /** Advanced Auth: Advanced specification for configuring the authentication flow. */
  advanced_auth?: AuthFlow;
  /** Config Normalization Rules */
  config_normalization_rules?: Record<string, unknown>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** State Delegating Stream: (This component is experimental. */
export interface StateDelegatingStream {
  type: "StateDelegatingStream";
  /** Name: The stream name. */
  name: string;
  /** Full Refresh Stream: Component used to coordinate how records are extracted across stream slices and request pages when the state is empty or not provided. */
  full_refresh_stream: DeclarativeStream;
  /** Incremental Stream: Component used to coordinate how records are extracted across stream slices and request pages when the state provided. */
  incremental_stream: DeclarativeStream;
  /** API Retention Period: The data retention period of the incremental API (ISO8601 duration). */
  api_retention_period?: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Stream Config: (This component is experimental. */
export interface StreamConfig {
  type: "StreamConfig";
  /** Configs Pointer: A list of potentially nested fields indicating the full path in source config file where streams configs located. */
  configs_pointer: Array<string>;
  /** Default Values: A list of default values, each matching the structure expected from the parsed component value. */
  default_values?: Array<Record<string, unknown>>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Stream Group: A group of streams that share a common resource and should not be read simultaneously. */
export interface StreamGroup {
  /** Streams: List of references to streams that belong to this group. */
  streams: Array<DeclarativeStream>;
  /** Action: The action to apply to streams in this group. */
  action: BlockSimultaneousSyncsAction;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Stream Parameters Definition: (This component is experimental. */
export interface StreamParametersDefinition {
  type: "StreamParametersDefinition";
  /** Stream Parameters: A list of object of parameters for stream, each object in the list represents params for one stream. */
  list_of_parameters_for_stream: Array<Record<string, unknown>>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Substream Partition Router: Partition router that is used to retrieve records that have been partitioned according to records from the specified parent streams. */
export interface SubstreamPartitionRouter {
  type: "SubstreamPartitionRouter";
  /** Parent Stream Configs: Specifies which parent streams are being iterated over and how parent records should be used to partition the child stream data set. */
  parent_stream_configs: Array<ParentStreamConfig>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Token Quota: A named per-token quota pool with matchers that classify outgoing requests into the pool. */
export interface TokenQuota {
  type: "TokenQuota";
  /** Name: Name of the quota pool. */
  name: string;
  /** Remaining Path: Path to the remaining call count for this pool in the quota status response. */
  remaining_path: Array<string>;
  /** Reset Path: Path to the quota reset timestamp for this pool in the quota status response. */
  reset_path: Array<string>;
  /** Limit Path: Optional path to the total call limit for this pool in the quota status response. */
  limit_path?: Array<string>;
  /** Matchers: List of matchers that classify outgoing requests into this quota pool. */
  matchers?: Array<HttpRequestRegexMatcher>;
  /** Remaining Header: Optional response header carrying the remaining call count for this pool. */
  remaining_header?: string;
  /** Reset Header: Optional response header carrying the quota reset timestamp for this pool. */
  reset_header?: string;
  /** Limit Header: Optional response header carrying the total call limit for this pool, used to keep the proactive throttling reserve accurate as the limit changes. */
  limit_header?: string;
  /** Exhaustion Status Codes: Response status codes that mean this token's pool is spent. */
  exhaustion_status_codes?: Array<number>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Types Map: (This component is experimental. */
export interface TypesMap {
  target_type: string | Array<string> | ComplexFieldType;
  current_type: string | Array<string>;
  condition?: string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Union Partition Router: A partition router that yields the deduplicated union of the partitions produced by its child partition routers. */
export interface UnionPartitionRouter {
  type: "UnionPartitionRouter";
  /** Partition Field: The single partition key that all child partition routers' slices are normalized to. */
  partition_field: string;
  /** Partition Routers: The child partition routers whose partitions are unioned. */
  partition_routers: Array<ListPartitionRouter | SubstreamPartitionRouter | UnionPartitionRouter | CustomPartitionRouter>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Unlimited Call Rate Policy: A policy that allows unlimited calls for specific requests. */
export interface UnlimitedCallRatePolicy {
  type: "UnlimitedCallRatePolicy";
  /** Matchers: List of matchers that define which requests this policy applies to. */
  matchers: Array<HttpRequestRegexMatcher>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Validate Adheres To Schema: Validates that a user-provided schema adheres to a specified JSON schema. */
export interface ValidateAdheresToSchema {
  type: "ValidateAdheresToSchema";
  /** Base JSON Schema: The base JSON schema against which the user-provided schema will be validated. */
  base_schema: string | Record<string, unknown>;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Value Type: A schema type. */
export type ValueType = "string" | "number" | "integer" | "boolean";

/** Wait Time Extracted From Response Header: Extract wait time from a HTTP header in the response. */
export interface WaitTimeFromHeader {
  type: "WaitTimeFromHeader";
  /** Response Header Name: The name of the response header defining how long to wait before retrying. */
  header: string;
  /** Extraction Regex: Optional regex to apply on the header to extract its value. */
  regex?: string;
  /** Max Waiting Time in Seconds: Stop the stream instead of waiting, when the value extracted from the header is greater than or equal to this value. */
  max_waiting_time_in_seconds?: number | string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Wait Until Time Defined In Response Header: Extract time at which we can retry the request from response header and wait for the difference between now and that time. */
export interface WaitUntilTimeFromHeader {
  type: "WaitUntilTimeFromHeader";
  /** Response Header: The name of the response header defining how long to wait before retrying. */
  header: string;
  /** Minimum Wait Time: Minimum time to wait before retrying. */
  min_wait?: number | string;
  /** Extraction Regex: Optional regex to apply on the header to extract its value. */
  regex?: string;
  /** Max Waiting Time in Seconds: Stop the stream instead of waiting, when the wait this strategy computes is greater than or equal to this value. */
  max_waiting_time_in_seconds?: number | string;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** XML: Select 'XML' if the response consists of XML-formatted data. */
export interface XmlDecoder {
  type: "XmlDecoder";
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** ZIP File: Select 'ZIP file' for response data that is returned as a zipfile. */
export interface ZipfileDecoder {
  type: "ZipfileDecoder";
  /** Parser: Parser to parse the decompressed data from the zipfile(s). */
  decoder: CsvDecoder | GzipDecoder | JsonDecoder | JsonItemsDecoder | JsonlDecoder;
  $parameters?: ComponentParameters;
  [field: string]: unknown;
}

/** Every component type name the schema defines. */
export type ComponentTypeName = "AddFields" | "AddedFieldDefinition" | "ApiKeyAuthenticator" | "AsyncJobStatusMap" | "AsyncRetriever" | "BasicHttpAuthenticator" | "BearerAuthenticator" | "BlockSimultaneousSyncsAction" | "CheckDynamicStream" | "CheckStream" | "ComponentMappingDefinition" | "CompositeErrorHandler" | "ConcurrencyLevel" | "ConditionalStreams" | "ConfigAddFields" | "ConfigComponentsResolver" | "ConfigMigration" | "ConfigRemapField" | "ConfigRemoveFields" | "ConstantBackoffStrategy" | "CsvDecoder" | "CursorPagination" | "CustomAuthenticator" | "CustomBackoffStrategy" | "CustomConfigTransformation" | "CustomDecoder" | "CustomErrorHandler" | "CustomPaginationStrategy" | "CustomPartitionRouter" | "CustomRecordExtractor" | "CustomRecordFilter" | "CustomRequester" | "CustomRetriever" | "CustomSchemaLoader" | "CustomSchemaNormalization" | "CustomStateMigration" | "CustomTransformation" | "CustomValidationStrategy" | "DatetimeBasedCursor" | "DeclarativeStream" | "DefaultErrorHandler" | "DefaultPaginator" | "DpathExtractor" | "DpathFlattenFields" | "DpathValidator" | "DynamicDeclarativeStream" | "DynamicSchemaLoader" | "DynamicStreamCheckConfig" | "ExponentialBackoffStrategy" | "FixedWindowCallRatePolicy" | "FlattenFields" | "GroupByKeyMergeStrategy" | "GroupingPartitionRouter" | "GzipDecoder" | "HTTPAPIBudget" | "HttpComponentsResolver" | "HttpRequester" | "HttpResponseFilter" | "IncrementingCountCursor" | "InlineSchemaLoader" | "IterableDecoder" | "JsonDecoder" | "JsonFileSchemaLoader" | "JsonItemsDecoder" | "JsonSchemaPropertySelector" | "JsonlDecoder" | "JwtAuthenticator" | "KeyTransformation" | "KeysReplace" | "KeysToLower" | "KeysToSnakeCase" | "LegacySessionTokenAuthenticator" | "LegacyToPerPartitionStateMigration" | "ListPartitionRouter" | "MinMaxDatetime" | "MovingWindowCallRatePolicy" | "NoAuth" | "NoPagination" | "OAuthAuthenticator" | "OffsetIncrement" | "PageIncrement" | "PaginationReset" | "PaginationResetLimits" | "ParametrizedComponentsResolver" | "ParentStreamConfig" | "PredicateValidator" | "PropertiesFromEndpoint" | "PropertyChunking" | "QueryProperties" | "QuotaStatusSource" | "RateLimitedMultipleTokenAuthenticator" | "RecordExpander" | "RecordFilter" | "RecordSelector" | "RemoveFields" | "RequestBodyGraphQL" | "RequestBodyJsonObject" | "RequestBodyPlainText" | "RequestBodyUrlEncodedForm" | "RequestOption" | "RequestPath" | "ResponseToFileExtractor" | "SchemaTypeIdentifier" | "SelectiveAuthenticator" | "SessionTokenAuthenticator" | "ApiKey" | "Bearer" | "SimpleRetriever" | "Spec" | "StateDelegatingStream" | "StreamConfig" | "StreamParametersDefinition" | "SubstreamPartitionRouter" | "TokenQuota" | "UnionPartitionRouter" | "UnlimitedCallRatePolicy" | "ValidateAdheresToSchema" | "WaitTimeFromHeader" | "WaitUntilTimeFromHeader" | "XmlDecoder" | "ZipfileDecoder";
