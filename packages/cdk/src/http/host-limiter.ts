import { sleep } from './backoff.js';

/** The most requests in flight to one host unless `setHostConcurrency` says otherwise. */
export const DEFAULT_HOST_CONCURRENCY = 64;

/**
 * Every request to one host, from every stream and slice of the process, goes through that
 * host's limiter, so concurrent reads share one view of the server's limits:
 * - at most `limit` requests are in flight to the host;
 * - a burst of 429s measures how far over capacity the burst was: the first 429 of a burst starts
 *   from the requests that were in flight, and each 429 of the burst lowers the limit by one, so
 *   the limit lands on what the server accepted (16 in flight, 6 rejected: 10);
 * - when the server says its quota is used up until a reset time (`X-RateLimit-Reset`,
 *   `RateLimit-Reset`), every request to the host waits for it, instead of each slice spending a
 *   request to learn the same thing; a plain `Retry-After` only delays the request that got it;
 * - each success raises the limit by 1/limit (about +1 per round of requests), back to the maximum.
 * This is additive-increase/multiplicative-decrease, the way TCP finds a link's capacity.
 */
export class HostLimiter {
  private limit: number;
  private inFlight = 0;
  private pausedUntil = 0;
  private burst: { until: number; base: number; rejected: number } | undefined;
  private readonly waiters: Array<() => void> = [];

  constructor(readonly maxConcurrency: number) {
    this.limit = maxConcurrency;
  }

  /** The number of requests allowed in flight right now. */
  get effectiveLimit(): number {
    return Math.max(1, Math.floor(this.limit));
  }

  get active(): number {
    return this.inFlight;
  }

  /** Waits for a slot (and for any quota pause) before a request is sent. */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const pause = this.pausedUntil - Date.now();
      if (pause > 0) {
        await sleep(pause, signal);
        continue;
      }
      if (this.inFlight < this.effectiveLimit) {
        this.inFlight++;
        return;
      }
      await new Promise<void>((resolve) => {
        const wake = () => {
          signal?.removeEventListener('abort', wake);
          resolve();
        };
        this.waiters.push(wake);
        signal?.addEventListener('abort', wake, { once: true });
      });
    }
  }

  /** Gives the slot back once the response (or the failure) is in. */
  release(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.waiters.shift()?.();
  }

  /**
   * A request to the host succeeded: after a run of successes the limit grows back toward the
   * configured maximum.
   */
  onSuccess(): void {
    if (this.limit < this.maxConcurrency) {
      this.limit = Math.min(this.maxConcurrency, this.limit + 1 / this.limit);
      this.waiters.shift()?.();
    }
  }

  /**
   * The server answered 429 (after this request's slot was released). `waitMs` is how long it
   * asked to wait; `quotaResetAt` is set when it said its quota is exhausted until then.
   */
  onRateLimited(waitMs: number, quotaResetAt?: number): void {
    const now = Date.now();
    if (this.burst === undefined || now >= this.burst.until) {
      // The requests still in flight plus this one were what the server saw at once.
      this.burst = { until: now + Math.max(waitMs, 1), base: Math.min(this.effectiveLimit, this.inFlight + 1), rejected: 0 };
    }
    this.burst.rejected++;
    this.limit = Math.max(1, Math.min(Math.ceil(this.burst.base / 2) + 1, this.burst.base - this.burst.rejected));
    if (quotaResetAt !== undefined) this.pausedUntil = Math.max(this.pausedUntil, quotaResetAt);
  }
}

const limiters = new Map<string, HostLimiter>();
const configured = new Map<string, number>();

/** The limiter shared by every request to `host` (`api.example.com:443`) in this process. */
export function hostLimiter(host: string): HostLimiter {
  let limiter = limiters.get(host);
  if (limiter === undefined) {
    limiter = new HostLimiter(configured.get(host) ?? DEFAULT_HOST_CONCURRENCY);
    limiters.set(host, limiter);
  }
  return limiter;
}

/**
 * Caps the requests in flight to one host (an API that documents "at most 4 concurrent
 * requests", say). Takes effect for limiters created afterwards, so call it before reading.
 */
export function setHostConcurrency(host: string, maxConcurrency: number): void {
  if (!(Number.isInteger(maxConcurrency) && maxConcurrency > 0)) throw new RangeError('maxConcurrency must be a positive integer');
  configured.set(host, maxConcurrency);
  limiters.delete(host);
}
