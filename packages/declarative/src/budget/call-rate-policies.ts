// The CDK's call-rate policies: a policy applies to the requests one of its matchers matches (all
// requests when it has none). FixedWindow allows `call_limit` calls per `period`, its window and
// remaining calls corrected by the API's rate-limit headers; MovingWindow allows each rate's
// `limit` calls in any `interval`; Unlimited never waits.
import { ConnectorError } from '@tributary/cdk';
import type { BudgetRequest, RequestMatcher } from './request-matcher.js';

export abstract class CallRatePolicy {
  constructor(private readonly matchers: readonly RequestMatcher[]) {}

  matches(request: BudgetRequest): boolean {
    return this.matchers.length === 0 || this.matchers.some((matcher) => matcher.matches(request));
  }

  /** The weight of the first matcher that matches (1 by default). */
  weight(request: BudgetRequest): number {
    return this.matchers.find((matcher) => matcher.matches(request))?.weight ?? 1;
  }

  /** Takes `weight` calls now and returns 0, or returns the ms to wait before trying again. */
  abstract tryAcquire(weight: number, nowMs: number): number;

  /** What the API said: calls left and when its window resets (ms since the epoch). */
  abstract update(availableCalls: number | null, resetAtMs: number | null, nowMs: number): void;
}

export class UnlimitedCallRatePolicy extends CallRatePolicy {
  tryAcquire(): number {
    return 0;
  }
  update(): void {}
}

export class FixedWindowCallRatePolicy extends CallRatePolicy {
  private calls = 0;
  private nextResetMs: number | null = null;

  constructor(
    matchers: readonly RequestMatcher[],
    private readonly periodMs: number,
    private readonly callLimit: number,
  ) {
    super(matchers);
  }

  tryAcquire(weight: number, nowMs: number): number {
    if (weight > this.callLimit) throw ConnectorError.config('Weight can not exceed the call limit');
    this.moveWindow(nowMs);
    if (this.calls + weight > this.callLimit) return Math.max(1, (this.nextResetMs ?? nowMs) - nowMs);
    this.calls += weight;
    return 0;
  }

  update(availableCalls: number | null, resetAtMs: number | null, nowMs: number): void {
    this.moveWindow(nowMs);
    if (availableCalls !== null && this.callLimit - this.calls > availableCalls) this.calls = this.callLimit - availableCalls;
    if (resetAtMs !== null) this.nextResetMs = resetAtMs;
  }

  /** The first window ends one period after the first call (the CDK starts it ten days ahead). */
  private moveWindow(nowMs: number): void {
    if (this.nextResetMs === null) this.nextResetMs = nowMs + this.periodMs;
    if (nowMs <= this.nextResetMs) return;
    while (this.nextResetMs < nowMs) this.nextResetMs += this.periodMs;
    this.calls = 0;
  }
}

export class MovingWindowCallRatePolicy extends CallRatePolicy {
  /** Times (ms) of the calls taken, one entry per unit of weight, oldest first. */
  private readonly taken: number[] = [];

  constructor(
    matchers: readonly RequestMatcher[],
    private readonly rates: ReadonlyArray<{ limit: number; intervalMs: number }>,
  ) {
    super(matchers);
    if (rates.length === 0) throw ConnectorError.config('The list of rates can not be empty');
  }

  tryAcquire(weight: number, nowMs: number): number {
    const lowest = Math.min(...this.rates.map((rate) => rate.limit));
    if (weight > lowest) throw ConnectorError.config(`Weight can not exceed the lowest configured rate limit (${lowest})`);
    let wait = 0;
    for (const { limit, intervalMs } of this.rates) {
      const inWindow = this.taken.filter((at) => nowMs - at < intervalMs);
      if (inWindow.length + weight > limit) wait = Math.max(wait, inWindow[inWindow.length + weight - limit - 1]! + intervalMs - nowMs);
    }
    if (wait > 0) return wait;
    for (let i = 0; i < weight; i++) this.taken.push(nowMs);
    const longest = Math.max(...this.rates.map((rate) => rate.intervalMs));
    while (this.taken.length > 0 && nowMs - this.taken[0]! >= longest) this.taken.shift();
    return 0;
  }

  /** An API that says no call is left fills the first rate's window (as the CDK does without a reset time). */
  update(availableCalls: number | null, resetAtMs: number | null, nowMs: number): void {
    if (availableCalls !== 0 || resetAtMs !== null) return;
    const first = this.rates[0]!;
    const inWindow = this.taken.filter((at) => nowMs - at < first.intervalMs).length;
    for (let i = inWindow; i < first.limit; i++) this.taken.push(nowMs);
  }
}
