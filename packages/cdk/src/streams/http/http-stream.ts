import type { Authenticator } from '../../http/authenticator.js';
import type { CallBudget } from '../../http/call-budget.js';
import type { CrossOriginPolicy } from '../../http/credential-scope.js';
import type { ErrorRule } from '../../http/error-mapping.js';
import { HttpClient, wasIgnored } from '../../http/http-client.js';
import type { HttpMethod, HttpRequest, SendOptions } from '../../http/http-request.js';
import type { HttpResponse, ResponseFormat } from '../../http/http-response.js';
import { redactUrl } from '../../http/redact-url.js';
import type { RetryPolicyOptions } from '../../http/retry-policy.js';
import { applyQueryParams, joinUrl, type QueryParams } from '../../http/url.js';
import { describeKeyPath, type KeyPath } from '../../json/key-path.js';
import type { StreamSlice } from '../../state/stream-state.js';
import type { ReadOptions, RecordSource } from '../read-options.js';
import { Stream } from '../stream.js';
import { tokenForState } from './page-token-state.js';
import { PaginationGuard } from './pagination-guard.js';
import type { PageRequest, PaginationContext, Paginator } from './paginator.js';
import {
  defineParentMembers,
  hasParent,
  type ParentRecord,
  parentSliceOf,
  partitionByPrimaryKey,
  partitionsOf,
} from './parent-capability.js';
import { QueryParamRecorder } from './query-param-recorder.js';
import { extractRecords } from './record-extractor.js';
import { type FormFields, requestBody } from './request-body.js';
import type { Awaitable, HttpRequestOptions, PageInfo } from './request-options.js';
import { resumableFullRefresh, type SliceProgress, sliceProgress } from './slice-progress.js';

export type { FormFields } from './request-body.js';

const NO_NAMES: ReadonlySet<string> = new Set();

/**
 * Members an `HttpStream` subclass may define as class fields, getters or methods (see `Stream`
 * for why they live on an interface merged with the class). All hooks may be sync or async.
 */
// biome-ignore lint/correctness/noUnusedVariables: a merged interface must repeat the class's type parameters
export interface HttpStream<R = Record<string, unknown>, T = unknown> {
  /** The HTTP method (default `GET`). */
  readonly httpMethod?: HttpMethod;
  /** Records per page, for the paginator (and for the author's own hooks). */
  readonly pageSize?: number;
  /** A ready-made pagination strategy; without one (and without a `nextPageToken` override) one page is read. */
  readonly paginator?: Paginator<T>;
  /**
   * Adds credentials to every request (and every retry) to the origin of `urlBase` and to
   * `credentialOrigins`; never to another origin (see `crossOriginRequests`).
   */
  readonly authenticator?: Authenticator;
  /**
   * Origins besides `urlBase`'s (scheme, host and port, e.g. `'https://uploads.example.com'`)
   * that may receive the authenticator's credentials.
   */
  readonly credentialOrigins?: readonly string[];
  /**
   * What a request that would carry credentials to any other origin (a redirect, a next-page
   * link, an absolute path) gets: `refuse` fails the stream with a `system_error` (default);
   * `without-credentials` sends it with none (no authenticator, no credential header, no secret
   * in the query, and no body on a redirect).
   */
  readonly crossOriginRequests?: CrossOriginPolicy;
  /** The largest body a response may have, decompressed, in bytes (default 64 MiB); a larger one fails the stream. */
  readonly maxResponseBytes?: number;
  /** Where the records are in a JSON body (`'data.items'`); default: the body itself (an array of records). */
  readonly recordsPath?: KeyPath;
  /** How bodies are read (default `auto`, by `Content-Type`); `json` and `jsonl` parse whatever the type says. */
  readonly responseFormat?: ResponseFormat;
  /** The longest one attempt may take, redirects and body included, in ms (default 120 000). */
  readonly requestTimeoutMs?: number;
  /** Retries, backoff and the longest server-requested wait (see `RetryPolicyOptions`). */
  readonly retryPolicy?: RetryPolicyOptions;
  /** Rules checked before the default error mapping, e.g. `[{ status: 404, action: 'ignore' }]`. */
  readonly errorRules?: readonly ErrorRule[];
  /** Fail when a slice has more pages than this (a safety net against endless pagination). */
  readonly maxPages?: number;
  /**
   * Fail when a page has exactly the same body as the page before it (default true): the sign of
   * an API that ignores the pagination parameters, which would otherwise be read forever.
   */
  readonly detectRepeatedPages?: boolean;
  /** A call budget (requests per interval and host) shared with the other streams given the same one. */
  readonly callBudget?: CallBudget;
  /** The client to send requests with; default one built from `retryPolicy` and `requestTimeoutMs`. */
  readonly httpClient?: HttpClient;
  /**
   * True (computed, see below) when an interrupted full refresh resumes from the page after the
   * last checkpoint: the stream has no `cursorField`, no `streamSlices` of its own (slices per
   * parent record are fine) and does not override `readRecords`. Such a stream writes
   * `{ next_page_token }` as its state after every page but the last (per partition, with a
   * parent). Set it to false to always start from the first page.
   */
  readonly supportsResumableFullRefresh?: boolean;
  /**
   * A parent stream: this stream is then read once per parent record (`/posts/{id}/comments`),
   * each record a slice `{ parent: record }` that `parentOf(options)` gives back, typed, to the
   * hooks, with its state kept per partition (see `partition`). Define it as a field, a getter,
   * or give it to `HttpSubStream`'s constructor; give the stream its own parent instance rather
   * than one the source also lists.
   */
  readonly parent?: Stream<unknown>;
  /**
   * With a parent: the most partitions (parent records) the state keeps (default 25 000, as in
   * the Python CDK); beyond it the least recently read are dropped first and read again from
   * the start next time.
   */
  readonly maxPartitions?: number;
  /**
   * With a parent: how much of the parent's records are kept in memory, in bytes of JSON
   * (default 16 MiB); beyond it they go to a temporary file, deleted when the read ends.
   */
  readonly parentCacheMemoryBytes?: number;
  /**
   * With a parent, in an incremental read: read the parent incrementally too (the Python CDK's
   * `incremental_dependency`), from the parent's state kept in this stream's state as
   * `parent_state: { <parent name>: … }`, so only the parents that changed since the last sync
   * are partitions. For APIs where a child's change updates its parent's cursor (an issue's
   * `updated_at` moves when a comment is added); children of parents that did not change are
   * not read. The parent must be incremental (a `cursorField`). Default false.
   */
  readonly incrementalDependency?: boolean;
  /** Query parameters for the request; the paginator's parameters replace same-named ones. */
  requestParams?(options: HttpRequestOptions<T>): Awaitable<QueryParams | undefined>;
  /** Request headers; the authenticator's headers replace same-named ones. */
  requestHeaders?(options: HttpRequestOptions<T>): Awaitable<Record<string, string> | undefined>;
  /** A JSON body (sent as `application/json`). Not together with `requestBodyData`. */
  requestBodyJson?(options: HttpRequestOptions<T>): Awaitable<unknown>;
  /** A form body (an object) or a raw string body. Not together with `requestBodyJson`. */
  requestBodyData?(options: HttpRequestOptions<T>): Awaitable<FormFields | string | undefined>;
}

/**
 * A stream read from an HTTP API, page by page. A subclass gives `urlBase` and `path()`, and
 * either a `paginator` or its own `nextPageToken()`; the records are taken from `recordsPath`
 * unless it overrides `parseResponse()`.
 *
 * ```ts
 * class Users extends HttpStream<User> {
 *   urlBase = 'https://api.example.com/v1';
 *   primaryKey = 'id';
 *   recordsPath = 'data';
 *   paginator = new CursorPaginator({ cursorPath: 'meta.next_cursor' });
 *   path() { return 'users'; }
 * }
 * ```
 *
 * Each page's hooks all receive the same options object: `readRecords()`'s options plus
 * `nextPageToken` (undefined on the first page). Requests go through an `HttpClient`: timeouts,
 * retries with backoff, `Retry-After`, error mapping and secret masking come with it.
 *
 * Any `HttpStream` may have a `parent` stream: it is then read once per parent record, with its
 * state per partition (see `parent`, `parentOf` and `partition`; `HttpSubStream` is the same with
 * the parent given to its constructor).
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the merged interface is how subclasses may override these members as fields or getters
export abstract class HttpStream<R = Record<string, unknown>, T = unknown> extends Stream<R> {
  /** The API's base URL; `path()` is appended below it (see `joinUrl` for the exact rule). */
  abstract readonly urlBase: Awaitable<string>;

  /** The path of the request, relative to `urlBase`; an absolute URL is used as it is. */
  abstract path(options: HttpRequestOptions<T>): Awaitable<string>;

  /**
   * The token of the page after `response`, or a falsy value (undefined, null, false, '', 0) when
   * it was the last. The default asks the `paginator`, or reads a single page without one.
   */
  nextPageToken(response: HttpResponse, options: HttpRequestOptions<T>, page: PageInfo): Awaitable<T | undefined | null | false | '' | 0> {
    const paginator = this.paginator;
    if (paginator === undefined) return undefined;
    return paginator.nextPageToken(response, { ...this.paginationContext(options), page });
  }

  /**
   * The records of one response. The default takes them from `recordsPath` of a JSON body (the
   * body itself when it is an array) or from each line of a JSON lines body.
   */
  parseResponse(response: HttpResponse, options: HttpRequestOptions<T>): Awaitable<RecordSource<R>> {
    const path = this.recordsPath;
    return extractRecords(response, path).then(({ records, pathMissing }) => {
      if (pathMissing && path !== undefined) {
        options.logger.warn(
          `Stream '${this.name}': the response to ${response.method} ${redactUrl(response.url)} has nothing at recordsPath '${describeKeyPath(path)}'; no records taken from it`,
        );
      }
      return records as R[];
    });
  }

  /** With a parent: the parent record of the slice being read, typed as the parent's records. */
  parentOf<S>(this: S, options: { slice?: StreamSlice }): ParentRecord<S> {
    return parentSliceOf(this as HttpStream<object>, options) as ParentRecord<S>;
  }

  /**
   * With a parent: the partition a parent record stands for in the state, small and stable. By
   * default the parent's primary key, `parent_<field>` for each of its fields (`{ parent_id: 7 }`).
   */
  partition(parent: ParentRecord<this>): StreamSlice {
    return partitionByPrimaryKey(this as HttpStream<object>, parent);
  }

  /**
   * Reads the slice page by page: request, records, next token, until a falsy token. In a
   * resumable full refresh it starts from the page token in `options.state` and checkpoints
   * `{ next_page_token }` after each page whose records were all handed over; a guard stops
   * repeated pages, token loops and more than `maxPages` pages. Each page is reported to the
   * runner (`options.reportPage`), which may end the slice there (a preview's page limit).
   */
  async *readRecords(options: ReadOptions): AsyncGenerator<R> {
    const progress = this[sliceProgress](options);
    if (progress.skip) return;
    const base = (progress.state === undefined ? options : { ...options, state: progress.state }) as HttpRequestOptions<T>;
    const authenticator = this.authenticator === undefined ? undefined : new QueryParamRecorder(this.authenticator);
    const client = this.httpClient ?? new HttpClient({ timeoutMs: this.requestTimeoutMs, retry: this.retryPolicy });
    const sendOptions = await this.sendOptions(base, authenticator);
    const guard = this.paginationGuard(progress.startToken);
    if (progress.startToken !== undefined) {
      options.logger.info(`Stream '${this.name}': resuming an interrupted read from the page after its last checkpoint`);
    }
    let token = progress.startToken;
    let warnedUnsaved = false;
    for (let number = 1; ; number++) {
      const pageOptions: HttpRequestOptions<T> = { ...base, nextPageToken: token };
      const request = await this.buildRequest(pageOptions);
      const response = await client.send(request, sendOptions);
      if (wasIgnored(response)) break;
      if (guard.checksPages) guard.checkPage(number, request, await response.text());
      const lastWanted = options.reportPage?.({ number }) === true;
      const recordCount = yield* this.pageRecords(response, pageOptions, progress.observe);
      guard.pageRead(recordCount);
      if (lastWanted) break;
      const next = await this.nextPageToken(response, pageOptions, { number, recordCount });
      if (!next) break;
      // A link is saved (and so compared) without the authenticator's parameters, as a resumed read gets it back.
      const saved = tokenForState(next as T, authenticator?.names ?? NO_NAMES);
      if (saved === undefined && !warnedUnsaved) {
        warnedUnsaved = true;
        options.logger.warn(
          `Stream '${this.name}': the next-page token after page ${number} holds a secret, so it is not saved in the state; an interrupted read starts this slice again from its first page`,
        );
      }
      guard.checkNext(number, request, next, saved);
      token = next as T;
      progress.pageDone?.(saved);
    }
    progress.sliceDone?.();
  }

  /**
   * @internal How a slice starts and reports progress: with a parent, the partition's cursor or
   * page token; without, resumable full refresh (start from the saved page token, checkpoint the
   * next one after every page).
   */
  [sliceProgress](options: ReadOptions): SliceProgress<T> {
    if (hasParent(this)) return partitionsOf(this).progress<T>(options);
    return resumableFullRefresh<T>(options, this.supportsResumableFullRefresh === true);
  }

  /** The request for one page: URL, parameters, headers and body from the hooks and the paginator. */
  protected async buildRequest(options: HttpRequestOptions<T>): Promise<HttpRequest & { method: string; url: URL }> {
    const paginator = this.paginator;
    const paging: PageRequest = (paginator ? await paginator.pageRequest(this.paginationContext(options)) : undefined) ?? {};
    const url = paging.url !== undefined ? joinUrl(await this.urlBase, paging.url) : joinUrl(await this.urlBase, await this.path(options));
    applyQueryParams(url, await this.requestParams?.(options), paging.url !== undefined);
    applyQueryParams(url, paging.params, paging.url !== undefined);

    const headers: Record<string, string> = { accept: acceptHeader(this.responseFormat ?? 'auto') };
    for (const source of [await this.requestHeaders?.(options), paging.headers]) {
      if (source)
        for (const [name, value] of Object.entries(source))
          if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
    }
    const json = await this.requestBodyJson?.(options);
    const data = await this.requestBodyData?.(options);
    const body = requestBody(this.name, { json, data, pagingJson: paging.bodyJson }, headers);
    const method = (this.httpMethod ?? 'GET').toUpperCase();
    return { method, url, headers, ...(body !== undefined ? { body } : {}) };
  }

  /** The records of one page, yielded one by one; returns how many there were. */
  private async *pageRecords(
    response: HttpResponse,
    options: HttpRequestOptions<T>,
    observe: ((record: unknown) => void) | undefined,
  ): AsyncGenerator<R, number> {
    let count = 0;
    const records = await this.parseResponse(response, options);
    if (Symbol.iterator in records) {
      for (const record of records as Iterable<R>) {
        count++;
        if (observe !== undefined) observe(record);
        yield record;
      }
    } else {
      for await (const record of records as AsyncIterable<R>) {
        count++;
        if (observe !== undefined) observe(record);
        yield record;
      }
    }
    return count;
  }

  /** What every request of the slice is sent with. */
  private async sendOptions(options: HttpRequestOptions<T>, authenticator: Authenticator | undefined): Promise<SendOptions> {
    return {
      signal: options.signal,
      logger: options.logger,
      authenticator,
      credentialOrigins: [joinUrl(await this.urlBase), ...(this.credentialOrigins ?? [])],
      crossOriginRequests: this.crossOriginRequests,
      maxResponseBytes: this.maxResponseBytes,
      errorRules: this.errorRules,
      format: this.responseFormat,
      budget: this.callBudget,
      onRateLimited: (event) => options.reportRateLimited?.({ quotaResetAt: event.resetAt }),
    };
  }

  private paginationGuard(resumedFrom: T | undefined): PaginationGuard {
    const settings = {
      streamName: this.name,
      maxPages: this.maxPages ?? Number.POSITIVE_INFINITY,
      detectRepeatedPages: this.detectRepeatedPages ?? true,
    };
    return new PaginationGuard(settings, resumedFrom);
  }

  private paginationContext(options: HttpRequestOptions<T>): PaginationContext<T> {
    return { token: options.nextPageToken, pageSize: this.pageSize, options };
  }
}

// The members a parent brings (slices per parent record, per-partition state) and the computed
// `supportsResumableFullRefresh`, defined on the prototype so subclasses may override them.
defineParentMembers(HttpStream.prototype, HttpStream.prototype.readRecords);

function acceptHeader(format: ResponseFormat): string {
  if (format === 'jsonl') return 'application/x-ndjson, application/jsonl, application/json;q=0.9, */*;q=0.8';
  return format === 'text' ? '*/*' : 'application/json';
}
