import { backoffDelay } from './backoff.js';
import type { HttpResponse } from './http-response.js';
import { type ServerWait, serverRequestedWait } from './rate-limit-headers.js';
import type { RetryPolicy } from './retry-policy.js';

/** Whether and how long to wait before the next attempt, or why there is none. */
export type RetryDecision =
  | { kind: 'wait'; waitMs: number; asked: ServerWait | undefined }
  | { kind: 'exhausted' }
  | { kind: 'wait-too-long'; waitMs: number; header: string }
  | { kind: 'out-of-time'; waitMs: number };

export interface RetryFacts {
  /** The attempt that just failed (1 for the first). */
  attempt: number;
  /** Since the first attempt started, in ms. */
  elapsedMs: number;
  policy: RetryPolicy;
  /** The response, when the attempt got one. */
  response: HttpResponse | undefined;
  /** The response was a rate limit: its reset headers count, not only `Retry-After`. */
  rateLimited: boolean;
  random: () => number;
  /** The wait the sender asked for (`SendOptions.retryDelayMs`), which replaces the backoff and the server's headers. */
  requestedDelayMs?: number;
}

/**
 * The wait before retrying: the sender's own delay when it gives one; else the backoff for this
 * attempt, or what the server asked for when that is longer. No retry when the attempts are used up, when the server asks for more than
 * `maxServerWaitMs`, or when the wait would go past `maxTimeMs` for the whole request.
 */
export function decideRetry(facts: RetryFacts): RetryDecision {
  const { attempt, policy, response } = facts;
  if (attempt > policy.maxRetries) return { kind: 'exhausted' };
  if (facts.requestedDelayMs !== undefined) {
    const waitMs = Math.max(0, facts.requestedDelayMs);
    if (facts.elapsedMs + waitMs > policy.maxTimeMs) return { kind: 'out-of-time', waitMs };
    return { kind: 'wait', waitMs, asked: undefined };
  }
  const asked = response === undefined ? undefined : serverRequestedWait(response.headers, facts.rateLimited);
  if (asked !== undefined && asked.waitMs > policy.maxServerWaitMs)
    return { kind: 'wait-too-long', waitMs: asked.waitMs, header: asked.header };
  const waitMs = Math.max(backoffDelay(attempt, policy.backoff, facts.random), asked?.waitMs ?? 0);
  if (facts.elapsedMs + waitMs > policy.maxTimeMs) return { kind: 'out-of-time', waitMs };
  return { kind: 'wait', waitMs, asked };
}
