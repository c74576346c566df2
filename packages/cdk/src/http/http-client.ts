import type { Dispatcher } from 'undici';
import { ConnectorError } from '../errors/connector-error.js';
import type { Logger } from '../output/logger.js';
import { type Attempt, type AttemptSettings, type Exchange, runAttempt } from './attempt.js';
import { sleep } from './backoff.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from './bounded-body.js';
import { type ClassifiedAttempt, classifyAttempt } from './classify-attempt.js';
import { authorize, CredentialScope, type OutgoingRequest, type RequestBody } from './credential-scope.js';
import { type HostLimiter, hostLimiter } from './host-limiter.js';
import type { HttpError } from './http-error.js';
import type { HttpRequest, SendOptions } from './http-request.js';
import type { HttpResponse } from './http-response.js';
import { InvalidBodyError } from './http-response.js';
import { describeNetworkError } from './network-errors.js';
import { redactUrl } from './redact-url.js';
import { describeDuration, type FailedRequest, type FailureKind, requestFailure } from './request-failure.js';
import { decideRetry } from './retry-decision.js';
import { type RetryPolicy, type RetryPolicyOptions, resolveRetryPolicy } from './retry-policy.js';
import { parseHttpUrl } from './url.js';

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

/** Responses the error rules said to ignore (they may even be 2xx). */
const ignoredResponses = new WeakSet<HttpResponse>();

/** True when `send()` returned this response because an error rule said to ignore it. */
export function wasIgnored(response: HttpResponse): boolean {
  return ignoredResponses.has(response);
}

/** One attempt of a request, as the retry loop sees it. */
interface AttemptRun {
  attempt: number;
  /** When the request's first attempt started (epoch ms). */
  started: number;
  /** The request as authenticated for this attempt (before its redirects). */
  prepared: OutgoingRequest;
  limiter: HostLimiter;
  outcome: ClassifiedAttempt;
}

/**
 * Sends requests the way a well-behaved API client should: authenticated on every attempt, with a
 * per-attempt timeout, the body read (and JSON parsed) inside the retry loop, retryable failures
 * retried with exponential backoff and jitter bounded by attempts and total time, and never sooner
 * than the server asked (`Retry-After`, rate-limit reset headers). Failures that reach the caller
 * are `HttpError`s naming the method, the masked URL, the status and a body excerpt.
 *
 * Each attempt goes through the same steps, each in its own module: authenticate
 * (`credential-scope`), wait for the call budget and the host's limiter, send and follow
 * redirects within the deadline (`attempt`), classify the outcome (`classify-attempt`), then
 * succeed, renew credentials once after a 401, wait and retry (`retry-decision`) or fail
 * (`request-failure`).
 */
export class HttpClient {
  readonly policy: RetryPolicy;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  private readonly settings: AttemptSettings;
  private readonly userAgent: string;
  private readonly random: () => number;

  constructor(options: HttpClientOptions = {}) {
    this.policy = resolveRetryPolicy(options.retry);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxResponseBytes = checkedByteLimit(options.maxResponseBytes) ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.settings = { dispatcher: options.dispatcher, maxResponseBytes: this.maxResponseBytes };
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    this.random = options.random ?? Math.random;
  }

  /**
   * Sends `request` until it succeeds, is ignored, fails for good or runs out of retries.
   * Resolves to the response of a `success` (or `ignore`) resolution; rejects with an `HttpError`.
   */
  async send(request: HttpRequest, options: SendOptions = {}): Promise<HttpResponse> {
    const exchange = this.exchangeFor(request, options);
    const started = Date.now();
    let renewed = false;
    for (let attempt = 1; ; attempt++) {
      options.signal?.throwIfAborted();
      const run = await this.runThrottled(exchange, attempt, started);
      switch (run.outcome.resolution.action) {
        case 'success':
          run.limiter.onSuccess();
          return run.outcome.response as HttpResponse;
        case 'ignore':
          return this.ignored(run, options.logger);
        case 'refresh_token':
        case 'fail':
          if (!renewed && (await this.renewCredentials(run, exchange))) {
            renewed = true;
            continue;
          }
          throw await this.failure(run, { kind: 'failed' });
        case 'retry':
        case 'rate_limited':
          await this.waitToRetry(run, options);
      }
    }
  }

  /** What every attempt of `send()` shares; checks the request and the options. */
  private exchangeFor(request: HttpRequest, options: SendOptions): Exchange {
    const method = (request.method ?? 'GET').toUpperCase();
    const url = typeof request.url === 'string' ? parseHttpUrl(request.url) : request.url;
    // A GET may carry a body (search APIs take one; Python's requests sends it); a HEAD cannot.
    if (request.body !== undefined && method === 'HEAD') {
      throw new ConnectorError(`A HEAD request cannot carry a body (HEAD ${redactUrl(url)}); use GET or POST, or drop the body`);
    }
    checkedByteLimit(options.maxResponseBytes);
    const original: OutgoingRequest = { method, url, headers: lowerCaseHeaders(request.headers), ...bodyOf(request.body) };
    original.headers['user-agent'] ??= this.userAgent;
    return {
      original,
      scope: new CredentialScope(options.credentialOrigins ?? [original.url], options.crossOriginRequests),
      authContext: { signal: options.signal, logger: options.logger },
      options,
    };
  }

  /**
   * One attempt in its turn: authenticated, after the call budget (shared by the streams given
   * it) and the host's limiter (shared by every request to the host) let it go, within the
   * request's deadline; then classified.
   */
  private async runThrottled(exchange: Exchange, attempt: number, started: number): Promise<AttemptRun> {
    const { signal, logger, authenticator, budget } = exchange.options;
    const prepared = await authorize(copyRequest(exchange.original), {
      scope: exchange.scope,
      authenticator,
      context: exchange.authContext,
    });
    if (budget) {
      const waited = await budget.acquire(prepared.url, signal);
      if (waited > 0 && logger?.isDebugEnabled)
        logger.debug(`Waited ${describeDuration(waited)} for the call budget of ${prepared.url.host}`);
    }
    const limiter = hostLimiter(prepared.url.host);
    await limiter.acquire(signal);
    let outcome: Attempt;
    try {
      // Each attempt ends by the request's own deadline, so the whole request keeps to `maxTimeMs`.
      const deadlineMs = Math.max(1, Math.min(this.timeoutMs, this.policy.maxTimeMs - (Date.now() - started)));
      outcome = await runAttempt(prepared, exchange, deadlineMs, this.settings);
    } finally {
      limiter.release();
    }
    if (signal?.aborted) throw signal.reason;
    // A body over the limit, a redirect refused or looping, credentials that failed: no retry helps.
    if (outcome.error instanceof ConnectorError) throw outcome.error;
    return { attempt, started, prepared, limiter, outcome: await classifyAttempt(outcome, exchange.options) };
  }

  /** An ignored response is handed back as it is (the stream takes no records from it); no response cannot be ignored. */
  private async ignored(run: AttemptRun, logger: Logger | undefined): Promise<HttpResponse> {
    const { response } = run.outcome;
    if (response === undefined) throw await this.failure(run, { kind: 'failed' });
    logger?.info(`Ignoring the response to ${whereOf(run)}: HTTP ${response.status}, as the stream's error rules say`);
    ignoredResponses.add(response);
    return response;
  }

  /** After a 401 (or a `refresh_token` rule), asks the authenticator for new credentials; true when it got them. */
  private async renewCredentials(run: AttemptRun, exchange: Exchange): Promise<boolean> {
    const { authenticator, logger } = exchange.options;
    const { response, resolution, sent } = run.outcome;
    if (resolution.action !== 'refresh_token' && response?.status !== 401) return false;
    if (authenticator?.refreshAfterUnauthorized === undefined) return false;
    if (!(await authenticator.refreshAfterUnauthorized(sent, exchange.authContext))) return false;
    logger?.info(`${whereOf(run)} answered HTTP ${response?.status ?? '-'}: credentials renewed, sending it again`);
    return true;
  }

  /** Waits before the next attempt (reporting a rate limit), or throws when retrying stops here. */
  private async waitToRetry(run: AttemptRun, options: SendOptions): Promise<void> {
    const { attempt, outcome, limiter } = run;
    const { response } = outcome;
    const rateLimited = outcome.resolution.action === 'rate_limited';
    const elapsedMs = Date.now() - run.started;
    const requestedDelayMs = options.retryDelayMs?.({ attempt, response, error: outcome.error });
    const decision = decideRetry({ attempt, elapsedMs, policy: this.policy, response, rateLimited, random: this.random, requestedDelayMs });
    if (decision.kind !== 'wait') throw await this.failure(run, decision);
    const { waitMs, asked } = decision;
    const reason = response === undefined ? describeNetworkError(outcome.error) : `HTTP ${response.status}`;
    const because = asked !== undefined ? ` (as its ${asked.header} header asks)` : '';
    if (rateLimited && response !== undefined) {
      limiter.onRateLimited(waitMs, asked?.header === 'Retry-After' ? undefined : asked?.resetAt);
      options.onRateLimited?.({ waitMs, resetAt: asked?.resetAt, attempt, response });
      options.logger?.info(
        `${whereOf(run)} was rate limited (${reason}); waiting ${describeDuration(waitMs)}${because} before attempt ${attempt + 1}`,
      );
    } else {
      const what = outcome.error instanceof InvalidBodyError ? `${reason} with a body that is ${outcome.error.reason}` : reason;
      options.logger?.warn(
        `${whereOf(run)} failed (${what}); retrying in ${describeDuration(waitMs)}${because}, attempt ${attempt + 1} of ${this.policy.maxRetries + 1}`,
      );
    }
    await sleep(waitMs, options.signal);
  }

  private failure(run: AttemptRun, why: FailureKind): Promise<HttpError> {
    const failed: FailedRequest = {
      attempt: run.outcome,
      prepared: run.prepared,
      attempts: run.attempt,
      elapsedMs: Date.now() - run.started,
      policy: this.policy,
    };
    return requestFailure(failed, why);
  }
}

/** `GET https://api.example.com/items?api_key=****`: the request of an attempt in messages. */
function whereOf(run: AttemptRun): string {
  return `${run.prepared.method} ${redactUrl(run.prepared.url)}`;
}

function lowerCaseHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers)
    for (const [name, value] of Object.entries(headers)) if (value !== undefined && value !== null) out[name.toLowerCase()] = String(value);
  return out;
}

function bodyOf(body: RequestBody | undefined): { body?: RequestBody } {
  return body === undefined ? {} : { body };
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
