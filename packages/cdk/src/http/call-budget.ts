import { sleep } from './backoff.js';

/** At most `maxRequests` requests in any window of `intervalMs`. */
export interface CallRatePolicy {
  maxRequests: number;
  intervalMs: number;
}

/**
 * A call budget shared by every stream (and every request, retries included) that is given the
 * same instance: requests to one host wait their turn so that no window of `intervalMs` holds
 * more than `maxRequests` of them (a moving window). Each host has its own window and queue.
 *
 * ```ts
 * const budget = new CallBudget({ maxRequests: 100, intervalMs: 60_000 });
 * // in Source.streams(): give it to every stream, e.g. `callBudget = budget`
 * ```
 */
export class CallBudget {
  private readonly hosts = new Map<string, { sent: number[]; queue: Promise<unknown> }>();

  /** A policy for all hosts, or a function choosing one per host (undefined: no limit for that host). */
  constructor(private readonly policy: CallRatePolicy | ((host: string) => CallRatePolicy | undefined)) {}

  /** Waits until a request to `url` fits the budget and counts it; resolves to how long it waited, in ms. */
  acquire(url: URL, signal?: AbortSignal): Promise<number> {
    const policy = typeof this.policy === 'function' ? this.policy(url.host) : this.policy;
    if (policy === undefined || !(policy.maxRequests > 0)) return Promise.resolve(0);
    let host = this.hosts.get(url.host);
    if (host === undefined) {
      host = { sent: [], queue: Promise.resolve() };
      this.hosts.set(url.host, host);
    }
    const state = host;
    const started = Date.now();
    // One queue per host keeps waiters in order; a waiter that is aborted leaves the queue moving.
    const turn = state.queue.then(async () => {
      for (;;) {
        signal?.throwIfAborted();
        const now = Date.now();
        while (state.sent.length > 0 && now - state.sent[0]! >= policy.intervalMs) state.sent.shift();
        if (state.sent.length < policy.maxRequests) {
          state.sent.push(now);
          return Date.now() - started;
        }
        await sleep(state.sent[0]! + policy.intervalMs - now, signal);
      }
    });
    state.queue = turn.catch(() => undefined);
    return turn;
  }
}
