import { type BackoffOptions, DEFAULT_BACKOFF } from './backoff.js';

/** How hard the client tries before giving up on a request. */
export interface RetryPolicyOptions {
  /** Retries after the first attempt (default 5: six attempts in all). */
  maxRetries?: number;
  /** The longest one request may take, retries and waits included, in ms (default 600 000). */
  maxTimeMs?: number;
  backoff?: BackoffOptions;
  /**
   * The longest wait a server may ask for (`Retry-After`, rate-limit reset headers), in ms
   * (default 300 000). A request is never retried sooner than the server asked; when it asks for
   * more than this, the request fails at once with a transient error, so the sync can be retried later.
   */
  maxServerWaitMs?: number;
}

export interface RetryPolicy {
  maxRetries: number;
  maxTimeMs: number;
  backoff: Required<BackoffOptions>;
  maxServerWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxRetries: 5,
  maxTimeMs: 600_000,
  backoff: DEFAULT_BACKOFF,
  maxServerWaitMs: 300_000,
});

/** Fills in the defaults. */
export function resolveRetryPolicy(options: RetryPolicyOptions = {}): RetryPolicy {
  return {
    maxRetries: Math.max(0, options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries),
    maxTimeMs: options.maxTimeMs ?? DEFAULT_RETRY_POLICY.maxTimeMs,
    backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
    maxServerWaitMs: options.maxServerWaitMs ?? DEFAULT_RETRY_POLICY.maxServerWaitMs,
  };
}
