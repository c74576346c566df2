// The CDK's HttpAPIBudget: every request (each attempt, retries included) first takes its calls
// from the first policy that matches it, waiting while that policy has none left; each response
// then tells the policy what the API counts: the calls left (`ratelimit_remaining_header`, or 0
// for a status in `status_codes_for_ratelimit_hit`) and when its window resets
// (`ratelimit_reset_header`, epoch seconds). Requests no policy matches are not limited.
import { CallBudget, type HttpResponse } from '@tributary/cdk';
import type { CallRatePolicy } from './call-rate-policies.js';
import type { BudgetRequest } from './request-matcher.js';

export interface HttpApiBudgetOptions {
  readonly resetHeader: string;
  readonly remainingHeader: string;
  readonly rateLimitStatuses: readonly number[];
  /** The clock, in ms (Date.now by default). */
  readonly now?: () => number;
}

export class HttpApiBudget {
  private readonly now: () => number;

  constructor(
    private readonly policies: readonly CallRatePolicy[],
    private readonly options: HttpApiBudgetOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Waits until the request's policy has its calls, and takes them; resolves to the ms waited. */
  async acquire(request: BudgetRequest, signal?: AbortSignal): Promise<number> {
    const policy = this.policies.find((candidate) => candidate.matches(request));
    if (policy === undefined) return 0;
    const weight = policy.weight(request);
    let waited = 0;
    for (;;) {
      const wait = policy.tryAcquire(weight, this.now());
      if (wait === 0) return waited;
      await pause(wait, signal);
      waited += wait;
    }
  }

  /** What the response says of the API's own count, given to the request's policy. */
  update(request: BudgetRequest, response: Pick<HttpResponse, 'status' | 'rawHeaders'>): void {
    const policy = this.policies.find((candidate) => candidate.matches(request));
    if (policy === undefined) return;
    const remaining = integerHeader(response.rawHeaders, this.options.remainingHeader);
    const available = remaining ?? (this.options.rateLimitStatuses.includes(response.status) ? 0 : null);
    const reset = integerHeader(response.rawHeaders, this.options.resetHeader);
    policy.update(available, reset === null ? null : reset * 1000, this.now());
  }

  /** The budget as the CDK's HTTP client takes it, for one request (its method and headers). */
  forRequest(method: string, headers: Readonly<Record<string, string>>): CallBudget {
    return new RequestCallBudget(this, method, headers);
  }
}

class RequestCallBudget extends CallBudget {
  constructor(
    private readonly budget: HttpApiBudget,
    private readonly method: string,
    private readonly headers: Readonly<Record<string, string>>,
  ) {
    super(() => undefined);
  }

  override acquire(url: URL, signal?: AbortSignal): Promise<number> {
    return this.budget.acquire({ method: this.method, url, headers: this.headers }, signal);
  }
}

function integerHeader(headers: ReadonlyArray<readonly [string, string]>, name: string): number | null {
  const lower = name.toLowerCase();
  const value = headers.find(([key]) => key.toLowerCase() === lower)?.[1];
  if (value === undefined || value.trim() === '') return null;
  const number = Number(value.trim());
  return Number.isInteger(number) ? number : null;
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
