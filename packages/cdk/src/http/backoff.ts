/** How long to wait before retrying a request that failed in a retryable way. */
export interface BackoffOptions {
  /** The wait before the first retry, in ms (default 1000). */
  baseMs?: number;
  /** Each further retry waits this many times longer (default 2: 1 s, 2 s, 4 s, 8 s, 16 s). */
  factor?: number;
  /** No computed wait is longer than this, in ms (default 60 000). */
  maxDelayMs?: number;
  /**
   * Random spread, as a fraction of the wait (default 0.2: each wait is drawn from ±20% around
   * the exponential value), so that many clients failing together do not retry together.
   */
  jitter?: number;
}

export const DEFAULT_BACKOFF: Readonly<Required<BackoffOptions>> = Object.freeze({
  baseMs: 1000,
  factor: 2,
  maxDelayMs: 60_000,
  jitter: 0.2,
});

/** The wait before retry number `retry` (1 for the first retry), with jitter, in ms. */
export function backoffDelay(retry: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const { baseMs, factor, maxDelayMs, jitter } = { ...DEFAULT_BACKOFF, ...options };
  const exponential = Math.min(maxDelayMs, baseMs * factor ** Math.max(0, retry - 1));
  const spread = exponential * Math.min(1, Math.max(0, jitter)) * (2 * random() - 1);
  return Math.max(0, Math.min(maxDelayMs, Math.round(exponential + spread)));
}

/** Waits `ms`, or rejects with the signal's reason as soon as it is aborted. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
