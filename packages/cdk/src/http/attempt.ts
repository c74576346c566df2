import type { Dispatcher } from 'undici';
import type { Logger } from '../output/logger.js';
import type { AuthContext } from './authenticator.js';
import { readBoundedBody } from './bounded-body.js';
import { authorize, type CredentialScope, type OutgoingRequest, type RequestBody } from './credential-scope.js';
import { type HopResponse, sendHop } from './dispatcher.js';
import type { SendOptions } from './http-request.js';
import { HttpResponse } from './http-response.js';
import { describeNetworkError, RequestTimeoutError } from './network-errors.js';
import { redactUrl } from './redact-url.js';
import { RedirectChain, redirectLocation } from './redirects.js';

/** What every attempt (and every hop of one) of a request shares. */
export interface Exchange {
  /** The request before authentication: every attempt, and every redirect, starts from it again. */
  original: OutgoingRequest;
  scope: CredentialScope;
  authContext: AuthContext;
  options: SendOptions;
}

/** One attempt's outcome: a response (any status) or an error before a complete response. */
export interface Attempt {
  response?: HttpResponse;
  /** What went wrong: a network error, a timeout, or a `ConnectorError` (a refused redirect, a body over the limit). */
  error?: unknown;
  /** The request as last sent (the last hop of its redirects). */
  sent: OutgoingRequest;
}

/** The client's settings an attempt needs. */
export interface AttemptSettings {
  dispatcher: Dispatcher | undefined;
  maxResponseBytes: number;
}

/**
 * One attempt: send, follow redirects (credentials checked again on every hop), read the whole
 * body within the size limit, all within `deadlineMs`. Never throws: network errors, timeouts
 * and `ConnectorError`s come back as the outcome's `error`.
 */
export async function runAttempt(
  prepared: OutgoingRequest,
  exchange: Exchange,
  deadlineMs: number,
  settings: AttemptSettings,
): Promise<Attempt> {
  const { signal, logger } = exchange.options;
  const controller = new AbortController();
  const timeout = new RequestTimeoutError(deadlineMs);
  const timer = setTimeout(() => controller.abort(timeout), deadlineMs);
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const started = performance.now();
  const hop = { sent: prepared };
  try {
    const raw = await followRedirects(hop, exchange, controller.signal, settings.dispatcher);
    const bytes = await readBoundedBody(raw, exchange.options.maxResponseBytes ?? settings.maxResponseBytes, hop.sent.method, hop.sent.url);
    return { response: responseOf(raw, bytes, hop.sent, exchange.options, started), sent: hop.sent };
  } catch (error) {
    const failure = controller.signal.reason === timeout ? timeout : error;
    if (logger?.isDebugEnabled && !signal?.aborted) logFailedHop(logger, hop.sent, failure, started);
    return { error: failure, sent: hop.sent };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** Sends `hop.sent` and the redirects it answers with; `hop.sent` is always the hop in flight. */
async function followRedirects(
  hop: { sent: OutgoingRequest },
  exchange: Exchange,
  signal: AbortSignal,
  dispatcher: Dispatcher | undefined,
): Promise<HopResponse> {
  const chain = new RedirectChain(exchange.original);
  const { logger, authenticator } = exchange.options;
  for (;;) {
    const raw = await sendHop(hop.sent, signal, dispatcher);
    const location = redirectLocation(raw.status, raw.headers);
    if (location === undefined) return raw;
    raw.body?.destroy();
    const next = chain.next(hop.sent, raw.status, location);
    if (logger?.isDebugEnabled) {
      logger.debug(`HTTP ${hop.sent.method} ${redactUrl(hop.sent.url)} → ${raw.status}, redirected to ${redactUrl(next.request.url)}`);
    }
    hop.sent = await authorize(next.request, {
      scope: exchange.scope,
      authenticator,
      context: exchange.authContext,
      redirectedFrom: next.source,
    });
  }
}

/** The final answer of an attempt, its body read. */
function responseOf(raw: HopResponse, body: Uint8Array, sent: OutgoingRequest, options: SendOptions, started: number): HttpResponse {
  const durationMs = Math.round(performance.now() - started);
  if (options.logger?.isDebugEnabled) {
    options.logger.debug(
      `HTTP ${sent.method} ${redactUrl(sent.url)} → ${raw.status} in ${durationMs} ms, sent ${sizeOf(sent.body)} bytes, received ${body.byteLength} bytes`,
    );
  }
  return new HttpResponse({
    status: raw.status,
    statusText: raw.statusText,
    headers: raw.headers,
    rawHeaders: raw.rawHeaders,
    url: sent.url.toString(),
    method: sent.method,
    body,
    durationMs,
    format: options.format,
  });
}

function logFailedHop(logger: Logger, sent: OutgoingRequest, failure: unknown, started: number): void {
  const ms = Math.round(performance.now() - started);
  logger.debug(`HTTP ${sent.method} ${redactUrl(sent.url)} failed after ${ms} ms: ${describeNetworkError(failure)}`);
}

function sizeOf(body: RequestBody | undefined): number {
  if (body === undefined) return 0;
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (body instanceof URLSearchParams) return Buffer.byteLength(body.toString());
  return body.byteLength;
}
