import { createHash } from 'node:crypto';
import { ConnectorError } from '../../errors/connector-error.js';
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
import { canonicalJson } from '../../json/canonical-json.js';
import { describeKeyPath, type KeyPath } from '../../json/key-path.js';
import { FULL_REFRESH_COMPLETE_KEY } from '../../state/state-markers.js';
import type { StreamState } from '../../state/stream-state.js';
import { normalizeCursorField } from '../primary-key.js';
import type { ReadOptions, RecordSource } from '../read-options.js';
import { Stream } from '../stream.js';
import { tokenForState } from './page-token-state.js';
import type { PageRequest, PaginationContext, Paginator } from './paginator.js';
import { QueryParamRecorder } from './query-param-recorder.js';
import { extractRecords } from './record-extractor.js';
import type { Awaitable, HttpRequestOptions, PageInfo } from './request-options.js';

/** A form body: its fields are sent `application/x-www-form-urlencoded`. */
export type FormFields = Record<string, string | number | boolean | null | undefined>;

/** The key of the page token in the state of a resumable full refresh (the Python CDK's). */
export const NEXT_PAGE_TOKEN_KEY = 'next_page_token';

/** @internal The hook through which a subclass decides how each slice starts and reports progress. */
export const sliceProgress = Symbol('tributary.sliceProgress');

/**
 * @internal How one slice of an `HttpStream` read starts and reports progress: resumable full
 * refresh (the page token) and per-partition cursors (`HttpSubStream`) are built on it.
 */
export interface SliceProgress<T> {
  /** Read nothing: an earlier, interrupted read already completed this slice. */
  skip?: boolean;
  /** The token of the page to start from (undefined: the first page). */
  startToken?: T;
  /** What the hooks see as `options.state` (a sub-stream gives its partition's own state). */
  state?: StreamState;
  /** Sees each record just before it is yielded. */
  observe?: (record: unknown) => void;
  /**
   * Called after a page whose records were all yielded, with the token of the next page as it
   * may be saved (a link without the parameters the authenticator sets), or undefined when that
   * token holds a secret: then a resumed read must start the slice again from its first page.
   */
  pageDone?: (next: T | undefined) => void;
  /** Called after the slice's last page was read (or its response ignored). */
  sliceDone?: () => void;
}

const NO_PROGRESS: SliceProgress<unknown> = Object.freeze({});
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
   * last checkpoint: the stream has no `cursorField`, no `streamSlices` of its own and does not
   * override `readRecords`. Such a stream writes `{ next_page_token }` as its state after every
   * page but the last. Set it to false to always start from the first page.
   */
  readonly supportsResumableFullRefresh?: boolean;
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

  /**
   * Reads the slice page by page: request, records, next token, until a falsy token. In a
   * resumable full refresh it starts from the page token in `options.state` and checkpoints
   * `{ next_page_token }` after each page whose records were all handed over.
   */
  async *readRecords(options: ReadOptions): AsyncGenerator<R> {
    const progress = this[sliceProgress](options);
    if (progress.skip) return;
    const client = this.httpClient ?? new HttpClient({ timeoutMs: this.requestTimeoutMs, retry: this.retryPolicy });
    const base = (progress.state === undefined ? options : { ...options, state: progress.state }) as HttpRequestOptions<T>;
    const authenticator = this.authenticator === undefined ? undefined : new QueryParamRecorder(this.authenticator);
    const sendOptions: SendOptions = {
      signal: options.signal,
      logger: options.logger,
      authenticator,
      credentialOrigins: [joinUrl(await this.urlBase), ...(this.credentialOrigins ?? [])],
      crossOriginRequests: this.crossOriginRequests,
      maxResponseBytes: this.maxResponseBytes,
      errorRules: this.errorRules,
      format: this.responseFormat,
      budget: this.callBudget,
      onRateLimited: (event) => base.reportRateLimited?.({ quotaResetAt: event.resetAt }),
    };
    const maxPages = this.maxPages ?? Number.POSITIVE_INFINITY;
    const detectRepeatedPages = this.detectRepeatedPages ?? true;
    const seenTokens = new Map<string, number>();
    let previousPage: { digest: string; recordCount: number } | undefined;
    let token: T | undefined = progress.startToken;
    if (token !== undefined) {
      seenTokens.set(tokenKey(token), 0);
      options.logger.info(`Stream '${this.name}': resuming an interrupted read from the page after its last checkpoint`);
    }
    const { observe } = progress;
    let warnedUnsaved = false;

    for (let number = 1; ; number++) {
      const pageOptions: HttpRequestOptions<T> = { ...base, nextPageToken: token };
      const request = await this.buildRequest(pageOptions);
      const response = await client.send(request, sendOptions);
      if (wasIgnored(response)) {
        progress.sliceDone?.();
        return;
      }

      if (detectRepeatedPages) {
        const digest = createHash('sha1')
          .update(await response.text())
          .digest('hex');
        if (previousPage !== undefined && previousPage.recordCount > 0 && previousPage.digest === digest) {
          throw new ConnectorError(
            `Stream '${this.name}': page ${number} (${request.method} ${redactUrl(request.url)}) has exactly the same content as page ${number - 1}; the API seems to ignore the pagination parameters, so the read stops instead of reading the same records forever (set \`detectRepeatedPages = false\` on the stream if identical pages are expected)`,
          );
        }
        previousPage = { digest, recordCount: 0 };
      }

      let recordCount = 0;
      const records = await this.parseResponse(response, pageOptions);
      if (Symbol.iterator in records) {
        for (const record of records as Iterable<R>) {
          recordCount++;
          if (observe !== undefined) observe(record);
          yield record;
        }
      } else {
        for await (const record of records as AsyncIterable<R>) {
          recordCount++;
          if (observe !== undefined) observe(record);
          yield record;
        }
      }
      if (previousPage !== undefined) previousPage.recordCount = recordCount;

      const next = await this.nextPageToken(response, pageOptions, { number, recordCount });
      if (!next) {
        progress.sliceDone?.();
        return;
      }
      // A link is saved (and so compared) without the authenticator's parameters, as a resumed read gets it back.
      const saved = tokenForState(next as T, authenticator?.names ?? NO_NAMES);
      if (saved === undefined && !warnedUnsaved) {
        warnedUnsaved = true;
        options.logger.warn(
          `Stream '${this.name}': the next-page token after page ${number} holds a secret, so it is not saved in the state; an interrupted read starts this slice again from its first page`,
        );
      }
      const key = tokenKey(saved ?? next);
      const earlier = seenTokens.get(key);
      if (earlier !== undefined) {
        throw new ConnectorError(
          `Stream '${this.name}': pagination loop: after page ${number} (${request.method} ${redactUrl(request.url)}) the next-page token is ${describeToken(next)}, the same as ${earlier === 0 ? 'the token the read resumed from' : `after page ${earlier}`}; the read stops instead of requesting the same pages forever`,
        );
      }
      if (number >= maxPages) {
        throw new ConnectorError(
          `Stream '${this.name}': more than ${maxPages} pages in one slice (maxPages); the API may paginate endlessly (last request: ${request.method} ${redactUrl(request.url)})`,
        );
      }
      seenTokens.set(key, number);
      token = next as T;
      progress.pageDone?.(saved);
    }
  }

  /**
   * @internal How a slice starts and reports progress. The default implements resumable full
   * refresh: in a full refresh of a stream that supports it, start from the saved page token
   * and checkpoint the next one after every page.
   */
  [sliceProgress](options: ReadOptions): SliceProgress<T> {
    if (options.syncMode !== 'full_refresh' || this.supportsResumableFullRefresh !== true) return NO_PROGRESS as SliceProgress<T>;
    const checkpoint = options.checkpoint;
    return {
      startToken: savedPageToken<T>(options.state),
      pageDone: checkpoint === undefined ? undefined : (next) => checkpoint(next === undefined ? {} : { [NEXT_PAGE_TOKEN_KEY]: next }),
    };
  }

  /** The request for one page: URL, parameters, headers and body from the hooks and the paginator. */
  protected async buildRequest(options: HttpRequestOptions<T>): Promise<HttpRequest & { method: string; url: URL }> {
    const paginator = this.paginator;
    const paging: PageRequest = (paginator ? await paginator.pageRequest(this.paginationContext(options)) : undefined) ?? {};
    const url = paging.url !== undefined ? joinUrl(await this.urlBase, paging.url) : joinUrl(await this.urlBase, await this.path(options));
    applyQueryParams(url, await this.requestParams?.(options), paging.url !== undefined);
    applyQueryParams(url, paging.params, paging.url !== undefined);

    const headers: Record<string, string> = {};
    const format = this.responseFormat ?? 'auto';
    headers.accept =
      format === 'jsonl'
        ? 'application/x-ndjson, application/jsonl, application/json;q=0.9, */*;q=0.8'
        : format === 'text'
          ? '*/*'
          : 'application/json';
    for (const source of [await this.requestHeaders?.(options), paging.headers]) {
      if (source)
        for (const [name, value] of Object.entries(source))
          if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
    }

    const method = (this.httpMethod ?? 'GET').toUpperCase();
    let json = await this.requestBodyJson?.(options);
    const data = await this.requestBodyData?.(options);
    if (json !== undefined && data !== undefined) {
      throw new ConnectorError(`Stream '${this.name}' defines both requestBodyJson and requestBodyData; a request has one body`);
    }
    if (paging.bodyJson !== undefined) {
      if (data !== undefined)
        throw new ConnectorError(`Stream '${this.name}': the paginator puts its token in a JSON body, but the stream sends a form body`);
      if (json !== undefined && (typeof json !== 'object' || json === null || Array.isArray(json))) {
        throw new ConnectorError(`Stream '${this.name}': the paginator puts its token in the JSON body, which must then be an object`);
      }
      json = { ...(json as object | undefined), ...paging.bodyJson };
    }
    let body: HttpRequest['body'];
    if (json !== undefined) {
      body = JSON.stringify(json);
      headers['content-type'] ??= 'application/json';
    } else if (typeof data === 'string') {
      body = data;
    } else if (data !== undefined && data !== null) {
      const form = new URLSearchParams();
      for (const [name, value] of Object.entries(data)) if (value !== undefined && value !== null) form.append(name, String(value));
      body = form;
    }
    return { method, url, headers, ...(body !== undefined ? { body } : {}) };
  }

  private paginationContext(options: HttpRequestOptions<T>): PaginationContext<T> {
    return { token: options.nextPageToken, pageSize: this.pageSize, options };
  }
}

/**
 * Resumable full refresh is on by default for a stream that reads one page after another with
 * the CDK's own `readRecords`, has no cursor, and no slices of its own (a page token only
 * means something inside one slice). A getter on the prototype, so subclasses may override it
 * with a field or a getter.
 */
Object.defineProperty(HttpStream.prototype, 'supportsResumableFullRefresh', {
  configurable: true,
  enumerable: false,
  get(this: HttpStream<object>): boolean {
    return (
      normalizeCursorField(this.cursorField).length === 0 &&
      this.readRecords === HttpStream.prototype.readRecords &&
      typeof this.streamSlices !== 'function'
    );
  },
  set(this: HttpStream<object>, value: boolean) {
    Object.defineProperty(this, 'supportsResumableFullRefresh', { value, writable: true, enumerable: true, configurable: true });
  },
});

/** The page token a resumable read saved in its state; undefined for none (or only the end marker). */
export function savedPageToken<T>(state: StreamState | undefined): T | undefined {
  if (state === undefined || state[FULL_REFRESH_COMPLETE_KEY] === true) return undefined;
  const token = state[NEXT_PAGE_TOKEN_KEY];
  return token === undefined || token === null || token === false || token === '' ? undefined : (token as T);
}

/** A stable identity for a token: objects by their content, whatever their key order. */
function tokenKey(token: unknown): string {
  return `${typeof token}:${canonicalJson(token)}`;
}

function describeToken(token: unknown): string {
  const text = typeof token === 'string' && /^https?:\/\//.test(token) ? redactUrl(token) : canonicalJson(token);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
