import { sleep } from './backoff.js';

/** The most requests in flight to one host unless `setHostConcurrency` says otherwise. */
export const DEFAULT_HOST_CONCURRENCY = 64;

/**
 * Every request to one host, from every stream and slice of the process, goes through that
 * host's limiter, so concurrent reads share one view of the server's limits:
 * - at most `limit` requests are in flight to the host;
 * - a 429 halves the limit, and each further 429 within the wait the server asked for lowers it
 *   by one more (a burst of 429s says how far over capacity the burst was); every request to the
 *   host is held until that wait is over, instead of each slice hammering on and backing off alone;
 * - each success raises the limit by 1/limit (about +1 per round of requests), back to the maximum.
 * This is additive-increase/multiplicative-decrease, the way TCP finds a link's capacity.
 */
export class HostLimiter {
  private limit: number;
  private inFlight = 0;
  private pausedUntil = 0;
  private cooldownUntil = 0;
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

  /** Waits for a slot (and for any rate-limit pause) before a request is sent. */
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

  onSuccess(): void {
    if (this.limit < this.maxConcurrency) {
      this.limit = Math.min(this.maxConcurrency, this.limit + 1 / this.limit);
      this.waiters.shift()?.();
    }
  }

  /** The server said "too many": slow every request to this host down, not just this one. */
  onRateLimited(waitMs: number): void {
    const now = Date.now();
    if (now >= this.cooldownUntil) {
      this.limit = Math.max(1, Math.floor(this.effectiveLimit / 2));
      this.cooldownUntil = now + Math.max(waitMs, 1);
    } else {
      this.limit = Math.max(1, this.effectiveLimit - 1);
    }
    this.pausedUntil = Math.max(this.pausedUntil, now + waitMs);
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
