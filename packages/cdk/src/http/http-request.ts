import type { Logger } from '../output/logger.js';
import type { Authenticator } from './authenticator.js';
import type { CallBudget } from './call-budget.js';
import type { CrossOriginPolicy, RequestBody } from './credential-scope.js';
import type { ErrorResolution, ErrorRule } from './error-mapping.js';
import type { HttpResponse, ResponseFormat } from './http-response.js';

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

/** An attempt about to be retried, as `retryDelayMs` sees it. */
export interface RetryEvent {
  /** The attempt that failed (1 for the first). */
  attempt: number;
  /** Its response, when it got one. */
  response?: HttpResponse;
  /** What prevented a response, when it got none. */
  error?: unknown;
}

/** What one `send()` is about: where to log, how to authenticate, which rules apply. */
export interface SendOptions {
  signal?: AbortSignal;
  logger?: Logger;
  authenticator?: Authenticator;
  /** Checked before the default error mapping. */
  errorRules?: readonly ErrorRule[];
  /**
   * Decides what to do with a response before `errorRules` and the default mapping (undefined:
   * let them decide). For decisions a fixed rule cannot express, such as a message built from
   * the body.
   */
  resolveResponse?: (response: HttpResponse) => ErrorResolution | undefined | Promise<ErrorResolution | undefined>;
  /**
   * The wait before the next attempt, in ms, once an attempt is to be retried (undefined: the
   * client's exponential backoff, or longer when the server asks). A wait given here is waited
   * as it is, within the retry policy's `maxTimeMs`. Throwing stops the request with that error
   * (a wait longer than the API may make the stream wait, say).
   */
  retryDelayMs?: (event: RetryEvent) => number | undefined;
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
