/**
 * The HTTP/JSON API between Studio's page and its server: what each endpoint takes and gives.
 * The page imports these types, so both sides agree at compile time. Every request carries the
 * run's token (`X-Studio-Token`, or `?token=` for the event stream); see docs/reference/studio.md.
 */

/** A JSON value as it crosses the wire. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/** What stands in for a saved secret in a config sent to the page; sent back, it keeps the saved value. */
export const SAVED_SECRET = '<secret saved>';

/** GET /api/project: what Studio is working on. */
export interface ProjectView {
  kind: 'connector' | 'manifest';
  /** The package name, or the manifest's file name. */
  name: string;
  /** The folder Studio serves and writes in (connector package, or the manifest's folder). */
  folder: string;
  /** Manifests: the manifest's path, relative to `folder`. */
  manifest?: string;
  /** Where the config is saved, relative to `folder` (`secrets/config.json`). */
  configFile: string;
  /** True when proposed schemas can be written to `schemas/<stream>.json` (connector packages). */
  writesSchemas: boolean;
  /** What is watched for changes (`dist/`, the manifest). */
  watching: string;
}

/** A command's error, as the connector reported it (TRACE error), secrets masked. */
export interface ErrorView {
  message: string;
  internalMessage?: string;
  failureType?: 'config_error' | 'system_error' | 'transient_error' | string;
  /** The stack, with TypeScript locations where the connector ships source maps. */
  stackTrace?: string;
  stream?: string;
}

/** A LOG message (or a line the connector printed), secrets masked. */
export interface LogView {
  level: string;
  message: string;
  stackTrace?: string;
  /** Where in a read it was written: the slice index and page number. */
  slice?: number;
  page?: number;
}

/** GET /api/spec */
export interface SpecView {
  /** The connector's `connectionSpecification` (a JSON Schema), or null when spec failed. */
  schema: JsonObject | null;
  documentationUrl?: string;
  errors: ErrorView[];
}

/** GET /api/config: the saved config with every secret replaced by `SAVED_SECRET`. */
export interface ConfigView {
  config: JsonObject | null;
  file: string;
  /** The fields (keys from the root) whose saved secret is hidden. */
  hiddenSecrets: string[][];
}

/** One problem of a config, at its field, in the CDK's words. */
export interface ConfigProblemView {
  field: string[];
  message: string;
}

/** PUT /api/config `{ config }` (secrets left as `SAVED_SECRET` keep their saved value); POST /api/config/validate takes the same. */
export interface SaveConfigRequest {
  config: JsonObject;
}

export interface SaveConfigResponse {
  saved: boolean;
  problems: ConfigProblemView[];
  view: ConfigView;
}

/** POST /api/check */
export interface CheckView {
  status: 'SUCCEEDED' | 'FAILED' | 'ERROR';
  message?: string;
  logs: LogView[];
  errors: ErrorView[];
  durationMs: number;
}

/** One stream as discover describes it. */
export interface StreamView {
  name: string;
  namespace?: string;
  syncModes: string[];
  primaryKey: string[][];
  cursorField: string[];
  sourceDefinedCursor: boolean;
  schema: JsonObject;
}

/** POST /api/discover */
export interface DiscoverView {
  streams: StreamView[];
  logs: LogView[];
  errors: ErrorView[];
  durationMs: number;
}

export interface ReadLimitsView {
  records: number;
  pages: number;
  slices: number;
}

/** POST /api/read */
export interface ReadRequest {
  stream: string;
  syncMode: 'full_refresh' | 'incremental';
  limits: ReadLimitsView;
  /** Start from the final state of an earlier run (incremental: what the next sync would get). */
  stateFromRun?: string;
  /** Read one slice (and up to one page of it) of an earlier run again, from the state before it. */
  replay?: { run: string; slice: number; page?: number };
}

/** A body, pretty-printed when it is JSON, cut when large (the whole text: GET /api/runs/:run/bodies/:body). */
export interface BodyView {
  text: string;
  /** Bytes of the whole body. */
  size: number;
  truncated: boolean;
  /** Set when truncated: the id to ask for the whole body. */
  id?: string;
  contentType?: string;
}

/** One HTTP request and its response (or its failure), secrets masked. */
export interface ExchangeView {
  request: { method: string; url: string; headers: Record<string, string>; body?: BodyView };
  response?: { status: number; headers: Record<string, string>; body: BodyView };
  error?: string;
  durationMs: number;
}

export interface PageView {
  /** 1 for the slice's first page; 0 for records of a stream that does not page (no HTTP). */
  number: number;
  /** The requests sent for this page: retries, token refreshes and parent reads come before the page's own, which is last. */
  requests: ExchangeView[];
  /** The page's records: `records.slice(from, to)` of the run. */
  from: number;
  to: number;
}

export interface SliceView {
  index: number;
  slice: Json | null;
  outcome: 'completed' | 'stopped' | 'failed' | 'running';
  pages: PageView[];
  /** STATE blobs written during the slice, the last being the state after it. */
  states: Json[];
}

/** One kind of mismatch between records and the declared schema, at its field. */
export interface SchemaMismatch {
  /** JSON pointer of the field in the record (`/address/zip`; array items as `/tags/*`). */
  field: string;
  message: string;
  count: number;
  /** Up to 3 records (their index in the run) and the value found there. */
  examples: { record: number; value: Json | null }[];
}

export interface SchemaReport {
  declared: JsonObject | null;
  checked: number;
  failing: number;
  mismatches: SchemaMismatch[];
  /** `inferSchema` of the records read. */
  proposed: JsonObject;
}

/** A test read: POST /api/read answers it; GET /api/runs/:run gives it again. */
export interface ReadRunView {
  id: string;
  stream: string;
  syncMode: string;
  limits: ReadLimitsView;
  inputState: Json[] | null;
  replay?: { run: string; slice: number; page?: number };
  outcome: 'succeeded' | 'failed' | 'cancelled';
  /** The limits the read reached (`records`, `pages`, `slices`). */
  limitsReached: string[];
  durationMs: number;
  slices: SliceView[];
  /** Requests sent outside any slice (the slices' computation: a parent stream, a token). */
  otherRequests: ExchangeView[];
  records: JsonObject[];
  logs: LogView[];
  errors: ErrorView[];
  statuses: string[];
  /** The input state of the next read: the last STATE of the stream. */
  finalState: Json[];
  schema: SchemaReport;
}

/** PUT /api/schemas/:stream `{ schema }` writes `schemas/<stream>.json`. */
export interface WriteSchemaRequest {
  schema: JsonObject;
}

/** A problem of a manifest, where it was written. */
export interface ManifestIssueView {
  message: string;
  line?: number;
  column?: number;
  path?: string;
}

/** GET /api/manifest */
export interface ManifestView {
  file: string;
  text: string;
  issues: ManifestIssueView[];
}

/** POST /api/manifest/validate and PUT /api/manifest take `{ text }`. */
export interface ManifestTextRequest {
  text: string;
}

export interface ManifestValidation {
  issues: ManifestIssueView[];
  saved?: boolean;
}

/** POST /api/interpolate: a template's value in the context of a test read. */
export interface InterpolateRequest {
  template: string;
  /** Where the template stands in the manifest (keys and list indexes), for its `$parameters`. */
  path?: (string | number)[];
  /** The run whose first slice, page, response and record fill the context (default: the latest). */
  run?: string;
}

export interface InterpolateView {
  /** The value as JSON, when it has a JSON form. */
  value?: Json;
  /** Python's repr of the value (`'abc'`, `1.0`, `True`). */
  repr?: string;
  type?: string;
  error?: string;
  /** The names the context held (`config`, `parameters`, `stream_slice`, `response`, ...). */
  context: string[];
}

/** GET /api/files?path=: a text file of the project folder (never under `secrets/`). */
export interface FileView {
  path: string;
  text: string;
}

/** Events on GET /api/events (server-sent events, one JSON object per event). */
export type StudioEvent =
  | { type: 'code-changed'; files: string[] }
  | { type: 'manifest-changed' }
  | { type: 'run-progress'; run: string; records: number; requests: number; slices: number };

/** Every error answer: `{ error }` with an HTTP status (400 bad request, 403 refused, 404, 409 busy, 500). */
export interface ApiError {
  error: string;
}
