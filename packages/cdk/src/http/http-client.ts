import type { Agent, Dispatcher, Response as UndiciResponse } from 'undici';
import { ConnectorError, describeError } from '../errors/connector-error.js';
import type { Logger } from '../output/logger.js';
import type { FailureType } from '../protocol/types.js';
import type { AuthContext, Authenticator } from './authenticator.js';
import { backoffDelay, sleep } from './backoff.js';
import { DEFAULT_MAX_RESPONSE_BYTES, readBoundedBody } from './bounded-body.js';
import type { CallBudget } from './call-budget.js';
import { authorize, CredentialScope, type CrossOriginPolicy, type OutgoingRequest, type RequestBody } from './credential-scope.js';
import { type ErrorResolution, type ErrorRule, resolveResponse } from './error-mapping.js';
import { hostLimiter } from './host-limiter.js';
import { describeResponse, HttpError } from './http-error.js';
import { HttpResponse, InvalidBodyError, type ResponseFormat } from './http-response.js';
import { describeNetworkError, isRetryableNetworkError, RequestTimeoutError } from './network-errors.js';
import { serverRequestedWait } from './rate-limit-headers.js';
import { redactUrl } from './redact-url.js';
import { RedirectChain, redirectLocation } from './redirects.js';
import { type RetryPolicy, type RetryPolicyOptions, resolveRetryPolicy } from './retry-policy.js';
import { parseHttpUrl } from './url.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

/** One request, before authentication. */
export interface HttpRequest {
  method?: HttpMethod | (string & {});
  url: string | URL;
  headers?: Record<string, string>;
  body?: RequestBody;
}

/** A rate-limit wait the client is about to make. */
export interface RateLimitEvent {
  /** How long the client waits before the next attempt, in ms. */
  waitMs: number;
  /** When the server said its quota resets (epoch ms), if it did. */
  resetAt?: number;
  /** The attempt that was rate limited (1 for the first). */
  attempt: number;
  response: HttpResponse;
}

/** What one `send()` is about: where to log, how to authenticate, which rules apply. */
export interface SendOptions {
  signal?: AbortSignal;
  logger?: Logger;
  authenticator?: Authenticator;
  /** Checked before the default error mapping. */
  errorRules?: readonly ErrorRule[];
  /** How to read 2xx bodies (default `auto`: by `Content-Type`). JSON is parsed inside the retry loop. */
  format?: ResponseFormat;
  /** Called before each wait caused by a rate-limit answer. */
  onRateLimited?: (event: RateLimitEvent) => void;
  /** A budget shared with other streams: every attempt waits for its turn. */
  budget?: CallBudget;
  /**
   * The origins (scheme, host and port) the authenticator's credentials belong to; default: the
   * origin of the request's URL. A redirect (or the request itself) to any other origin carries
   * no credential: it is refused or sent without them, as `crossOriginRequests` says.
   */
  credentialOrigins?: readonly (string | URL)[];
  /** What a request that would carry credentials to another origin gets (default `refuse`). */
  crossOriginRequests?: CrossOriginPolicy;
  /** The largest body a response may have, decompressed, in bytes; default the client's `maxResponseBytes`. */
  maxResponseBytes?: number;
}

export interface HttpClientOptions {
  /**
   * The longest one attempt may take, from sending to the last byte of the body (redirects
   * included), in ms (default 120 000). An attempt never runs past the retry policy's `maxTimeMs`
   * for the whole request either.
   */
  timeoutMs?: number;
  /**
   * The largest body a response may have, after decompression, in bytes (default 64 MiB). A
   * larger one fails the request at once, without a retry, as soon as the limit is passed.
   */
  maxResponseBytes?: number;
  retry?: RetryPolicyOptions;
  /** The undici dispatcher (connection pool) to use; default: one keep-alive pool shared by the whole process. */
  dispatcher?: Dispatcher;
  /** Sent as `User-Agent` unless a request sets its own. */
  userAgent?: string;
  /** Source of randomness for backoff jitter (tests pin it). */
  random?: () => number;
}

export const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_USER_AGENT = 'tributary-cdk';

let sharedAgent: Agent | undefined;
let defaultDispatcher: Dispatcher | undefined;

/** Responses the error rules said to ignore (they may even be 2xx). */
const ignoredResponses = new WeakSet<HttpResponse>();

/** True when `send()` returned this response because an error rule said to ignore it. */
export function wasIgnored(response: HttpResponse): boolean {
  return ignoredResponses.has(response);
}

interface UndiciParts {
  Agent: typeof Agent;
  fetch: typeof import('undici').fetch;
}
let undiciModule: Promise<UndiciParts> | undefined;

/** undici is loaded on the first request, so connectors start fast and `spec` never pays for it. */
function loadUndici(): Promise<UndiciParts> {
  undiciModule ??= import('undici').then(({ Agent, fetch }) => ({ Agent, fetch }));
  return undiciModule;
}

/** The process-wide connection pool: keep-alive connections reused by every stream. */
export async function sharedDispatcher(): Promise<Dispatcher> {
  if (sharedAgent === undefined) {
    const { Agent } = await loadUndici();
    sharedAgent ??= new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000, connections: 64 });
  }
  return sharedAgent;
}

/**
 * Sets the dispatcher that every `HttpClient` created without its own `dispatcher` uses, in the
 * whole process: a proxy agent, or the mock of a test (`@tributary/cdk/testing` installs its
 * `MockAgent` here). `undefined` restores the shared keep-alive pool.
 */
export function setDefaultDispatcher(dispatcher: Dispatcher | undefined): void {
  defaultDispatcher = dispatcher;
}

/** One attempt's outcome: a response (any status) or an error before a complete response. */
interface Attempt {
  response?: HttpResponse;
  /** What went wrong: a network error, a timeout, or the 2xx body's `InvalidBodyError`. */
  error?: unknown;
  /** The request as last sent (the last hop of its redirects). */
  sent?: OutgoingRequest;
}

/** What every hop of one `send()` needs. */
interface Exchange {
  /** The request before authentication: redirects start from it again. */
  original: OutgoingRequest;
  scope: CredentialScope;
  authContext: AuthContext;
  options: SendOptions;
}

/**
 * Sends requests the way a well-behaved API client should: authenticated on every attempt, with a
 * per-attempt timeout, the body read (and JSON parsed) inside the retry loop, retryable failures
 * retried with exponential backoff and jitter bounded by attempts and total time, and never sooner
 * than the server asked (`Retry-After`, rate-limit reset headers). Failures that reach the caller
 * are `HttpError`s naming the method, the masked URL, the status and a body excerpt.
 */
export class HttpClient {
  readonly policy: RetryPolicy;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  private readonly dispatcher: Dispatcher | undefined;
  private readonly userAgent: string;
  private readonly random: () => number;

  constructor(options: HttpClientOptions = {}) {
    this.policy = resolveRetryPolicy(options.retry);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxResponseBytes = checkedByteLimit(options.maxResponseBytes) ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.dispatcher = options.dispatcher;
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    this.random = options.random ?? Math.random;
  }

  /**
   * Sends `request` until it succeeds, is ignored, fails for good or runs out of retries.
   * Resolves to the response of a `success` (or `ignore`) resolution; rejects with an `HttpError`.
   */
  async send(request: HttpRequest, options: SendOptions = {}): Promise<HttpResponse> {
    const { signal, logger, authenticator } = options;
    const method = (request.method ?? 'GET').toUpperCase();
    const target = typeof request.url === 'string' ? parseHttpUrl(request.url) : request.url;
    if (request.body !== undefined && (method === 'GET' || method === 'HEAD')) {
      throw new ConnectorError(`A ${method} request cannot carry a body (${method} ${redactUrl(target)}); use POST or drop the body`);
    }
    const policy = this.policy;
    const started = Date.now();
    let refreshedCredentials = false;
    const exchange = this.exchangeFor({ method, url: target, headers: lowerCaseHeaders(request.headers), ...bodyOf(request) }, options);
    const { authContext } = exchange;

    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      const prepared = await authorize(copyRequest(exchange.original), { scope: exchange.scope, authenticator, context: authContext });
      if (options.budget) {
        const waited = await options.budget.acquire(prepared.url, signal);
        if (waited > 0 && logger?.isDebugEnabled) logger.debug(`Waited ${seconds(waited)} for the call budget of ${prepared.url.host}`);
      }

      // Every request to the host, from every stream and slice, shares one adaptive limiter.
      const limiter = hostLimiter(prepared.url.host);
      await limiter.acquire(signal);
      let outcome: Attempt;
      try {
        // Each attempt ends by the request's own deadline, so the whole request keeps to `maxTimeMs`.
        const deadlineMs = Math.max(1, Math.min(this.timeoutMs, policy.maxTimeMs - (Date.now() - started)));
        outcome = await this.attempt(prepared, exchange, deadlineMs);
      } finally {
        limiter.release();
      }
      if (signal?.aborted) throw signal.reason;
      // A body over the limit, a redirect refused or looping, credentials that failed: no retry helps.
      if (outcome.error instanceof ConnectorError) throw outcome.error;
      const { response } = outcome;
      let resolution: ErrorResolution;
      if (response !== undefined) {
        resolution = await resolveResponse(response, options.errorRules);
        if (resolution.action === 'success' && response.ok) {
          try {
            response.parseEagerly();
          } catch (error) {
            if (!(error instanceof InvalidBodyError)) throw error;
            resolution = { action: 'retry', failureType: 'transient_error', message: 'The API sent an incomplete or invalid body' };
            outcome.error = error;
          }
        }
      } else if (isRetryableNetworkError(outcome.error)) {
        resolution = { action: 'retry', failureType: 'transient_error', message: 'The request to the API failed' };
      } else {
        resolution = { action: 'fail', failureType: 'system_error', message: 'The request could not be sent' };
      }

      const where = `${method} ${redactUrl(prepared.url)}`;
      switch (resolution.action) {
        case 'success':
          limiter.onSuccess();
          return response!;
        case 'ignore':
          if (response === undefined)
            throw await this.failure(resolution, where, prepared, attempt, outcome, 'failed', Date.now() - started);
          logger?.info(`Ignoring the response to ${where}: HTTP ${response.status}, as the stream's error rules say`);
          ignoredResponses.add(response);
          return response;
        case 'refresh_token':
        case 'fail': {
          const canRefresh =
            (resolution.action === 'refresh_token' || response?.status === 401) &&
            !refreshedCredentials &&
            authenticator?.refreshAfterUnauthorized !== undefined;
          if (canRefresh && (await authenticator!.refreshAfterUnauthorized!(outcome.sent ?? prepared, authContext))) {
            refreshedCredentials = true;
            logger?.info(`${where} answered HTTP ${response?.status ?? '-'}: credentials renewed, sending it again`);
            continue;
          }
          throw await this.failure(resolution, where, prepared, attempt, outcome, 'failed', Date.now() - started);
        }
        case 'retry':
        case 'rate_limited': {
          const rateLimited = resolution.action === 'rate_limited';
          const elapsed = Date.now() - started;
          if (attempt > policy.maxRetries) {
            throw await this.failure(resolution, where, prepared, attempt, outcome, 'exhausted', elapsed);
          }
          const asked = response === undefined ? undefined : serverRequestedWait(response.headers, rateLimited);
          if (asked !== undefined && asked.waitMs > policy.maxServerWaitMs) {
            throw await this.failure(resolution, where, prepared, attempt, outcome, 'wait-too-long', elapsed, asked.waitMs, asked.header);
          }
          const wait = Math.max(backoffDelay(attempt, policy.backoff, this.random), asked?.waitMs ?? 0);
          if (elapsed + wait > policy.maxTimeMs) {
            throw await this.failure(resolution, where, prepared, attempt, outcome, 'out-of-time', elapsed, wait);
          }
          const reason = response === undefined ? describeNetworkError(outcome.error) : `HTTP ${response.status}`;
          const because = asked !== undefined ? ` (as its ${asked.header} header asks)` : '';
          if (rateLimited && response !== undefined) {
            limiter.onRateLimited(wait, asked?.header === 'Retry-After' ? undefined : asked?.resetAt);
            options.onRateLimited?.({ waitMs: wait, resetAt: asked?.resetAt, attempt, response });
            logger?.info(`${where} was rate limited (${reason}); waiting ${seconds(wait)}${because} before attempt ${attempt + 1}`);
          } else {
            logger?.warn(
              `${where} failed (${outcome.error instanceof InvalidBodyError ? `${reason} with a body that is ${outcome.error.reason}` : reason}); retrying in ${seconds(wait)}${because}, attempt ${attempt + 1} of ${policy.maxRetries + 1}`,
            );
          }
          await sleep(wait, signal);
          continue;
        }
      }
    }
  }

  /** What every attempt of `send()` shares; checks the options. */
  private exchangeFor(original: OutgoingRequest, options: SendOptions): Exchange {
    original.headers['user-agent'] ??= this.userAgent;
    checkedByteLimit(options.maxResponseBytes);
    return {
      original,
      scope: new CredentialScope(options.credentialOrigins ?? [original.url], options.crossOriginRequests),
      authContext: { signal: options.signal, logger: options.logger },
      options,
    };
  }

  /**
   * One attempt: send, follow redirects, read the whole body, all within `deadlineMs`. Never
   * throws: network errors, timeouts and `ConnectorError`s (refused redirects, a body over the
   * limit) come back as the outcome's `error`.
   */
  private async attempt(prepared: OutgoingRequest, exchange: Exchange, deadlineMs: number): Promise<Attempt> {
    const { signal, logger } = exchange.options;
    const controller = new AbortController();
    const timeout = new RequestTimeoutError(deadlineMs);
    const timer = setTimeout(() => controller.abort(timeout), deadlineMs);
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const started = performance.now();
    let sent = prepared;
    try {
      const chain = new RedirectChain(exchange.original);
      for (;;) {
        const raw = await this.fetch(sent, controller.signal);
        const location = redirectLocation(raw.status, raw.headers);
        if (location === undefined) return { response: await this.responseOf(raw, sent, exchange.options, started), sent };
        await raw.body?.cancel().catch(() => undefined);
        const next = chain.next(sent, raw.status, location);
        if (logger?.isDebugEnabled)
          logger.debug(`HTTP ${sent.method} ${redactUrl(sent.url)} → ${raw.status}, redirected to ${redactUrl(next.request.url)}`);
        sent = await authorize(next.request, {
          scope: exchange.scope,
          authenticator: exchange.options.authenticator,
          context: exchange.authContext,
          redirectedFrom: next.source,
        });
      }
    } catch (error) {
      const failure = controller.signal.reason === timeout ? timeout : error;
      if (logger?.isDebugEnabled && !signal?.aborted) {
        logger.debug(
          `HTTP ${sent.method} ${redactUrl(sent.url)} failed after ${Math.round(performance.now() - started)} ms: ${describeNetworkError(failure)}`,
        );
      }
      return { error: failure, sent };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** The final answer of an attempt, its body read within the size limit. */
  private async responseOf(raw: UndiciResponse, sent: OutgoingRequest, options: SendOptions, started: number): Promise<HttpResponse> {
    const bytes = await readBoundedBody(raw, options.maxResponseBytes ?? this.maxResponseBytes, sent.method, sent.url);
    const durationMs = Math.round(performance.now() - started);
    if (options.logger?.isDebugEnabled) {
      options.logger.debug(
        `HTTP ${sent.method} ${redactUrl(sent.url)} → ${raw.status} in ${durationMs} ms, sent ${sizeOf(sent.body)} bytes, received ${bytes.byteLength} bytes`,
      );
    }
    return new HttpResponse({
      status: raw.status,
      statusText: raw.statusText,
      headers: new Headers([...raw.headers]),
      url: sent.url.toString(),
      method: sent.method,
      body: bytes,
      durationMs,
      format: options.format,
    });
  }

  /** Sends one hop as it is: redirects are answers here, followed by `attempt`. */
  private async fetch(request: OutgoingRequest, signal: AbortSignal): Promise<UndiciResponse> {
    const { fetch } = await loadUndici();
    const dispatcher = this.dispatcher ?? defaultDispatcher ?? (await sharedDispatcher());
    return fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body ?? undefined,
      signal,
      redirect: 'manual',
      dispatcher,
    });
  }

  private async failure(
    resolution: ErrorResolution,
    where: string,
    prepared: OutgoingRequest,
    attempts: number,
    outcome: Attempt,
    kind: 'failed' | 'exhausted' | 'wait-too-long' | 'out-of-time',
    elapsedMs = 0,
    waitMs = 0,
    header = '',
  ): Promise<HttpError> {
    const { response, error } = outcome;
    const failureType: FailureType =
      kind === 'wait-too-long' ? 'transient_error' : (resolution.failureType ?? (kind === 'failed' ? 'system_error' : 'transient_error'));
    const what =
      error instanceof InvalidBodyError
        ? `HTTP ${error.response.status} with a body that is ${error.reason}`
        : response !== undefined
          ? await describeResponse(response)
          : describeNetworkError(error);
    const lead = resolution.message ?? (response ? 'The API answered with an error' : 'The request to the API failed');
    let message: string;
    switch (kind) {
      case 'failed':
        message = `${lead}: ${where} → ${what}`;
        break;
      case 'exhausted':
        message = `${lead}, and ${attempts} attempts over ${seconds(elapsedMs)} did not get through: ${where}; last answer: ${what}`;
        break;
      case 'wait-too-long':
        message = `${lead}: ${where} → ${what}. The server asks to wait ${seconds(waitMs)} (${header}), longer than the ${seconds(this.policy.maxServerWaitMs)} this stream waits at most; try again later`;
        break;
      case 'out-of-time':
        message = `${lead}, and retrying would take longer than the ${seconds(this.policy.maxTimeMs)} allowed for one request (${attempts} attempt${attempts === 1 ? '' : 's'} over ${seconds(elapsedMs)}, next wait ${seconds(waitMs)}): ${where}; last answer: ${what}`;
        break;
    }
    const last = response !== undefined ? `HTTP ${response.status} in ${response.durationMs} ms` : describeError(error);
    const internal = `${where}: ${attempts} attempt${attempts === 1 ? '' : 's'} in ${elapsedMs} ms; last: ${last}`;
    return new HttpError(
      message,
      failureType,
      { method: prepared.method, url: redactUrl(prepared.url), status: response?.status, attempts, response },
      internal,
      error,
    );
  }
}

function lowerCaseHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers)
    for (const [name, value] of Object.entries(headers)) if (value !== undefined && value !== null) out[name.toLowerCase()] = String(value);
  return out;
}

function bodyOf(request: HttpRequest): { body?: RequestBody } {
  return request.body === undefined ? {} : { body: request.body };
}

/** A copy the authenticator may change without changing `request`. */
function copyRequest(request: OutgoingRequest): OutgoingRequest {
  return { ...request, url: new URL(request.url), headers: { ...request.headers } };
}

function checkedByteLimit(limit: number | undefined): number | undefined {
  if (limit !== undefined && !(Number.isFinite(limit) && limit > 0)) {
    throw new ConnectorError(`maxResponseBytes must be a positive number of bytes, not ${limit}`);
  }
  return limit;
}

function sizeOf(body: HttpRequest['body']): number {
  if (body === undefined) return 0;
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (body instanceof URLSearchParams) return Buffer.byteLength(body.toString());
  return body.byteLength;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}
