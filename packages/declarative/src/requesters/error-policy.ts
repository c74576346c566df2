// A requester's declarative error handler as the CDK's HTTP client applies it: each response is
// resolved by the handler (its filters, then the default mapping), retries wait what its backoff
// strategies say (else the client's own backoff), and its max_retries and max_time bound them.
// RESET_PAGINATION has no counterpart in the client: the request fails, marked, and the
// retriever restarts the slice's pagination.
import type { ErrorResolution as CdkResolution, HttpResponse, RetryEvent, RetryPolicyOptions, SendOptions } from '@tributary/cdk';
import { toCdkResolution } from '../errors/cdk-resolution.js';
import { backoffTime, type ErrorHandler } from '../errors/error-handler.js';
import { errorOutcome, responseOutcome } from './response-outcome.js';

/** The response the handler asked to restart pagination after (RESET_PAGINATION). */
export class PaginationResetRequired extends Error {
  constructor(readonly response: HttpResponse) {
    super(`The API answered HTTP ${response.status} and the error handler asked to restart the pagination`);
    this.name = 'PaginationResetRequired';
  }
}

export class ErrorPolicy {
  /** Responses the handler resolved with RESET_PAGINATION. */
  private readonly resets = new WeakSet<HttpResponse>();

  constructor(private readonly handler: ErrorHandler) {}

  /** The client's limits: max_retries, and max_time in ms. */
  get retry(): RetryPolicyOptions {
    return { maxRetries: this.handler.maxRetries, maxTimeMs: this.handler.maxTime * 1000 };
  }

  /** The hooks one send() takes. */
  readonly sendOptions: Pick<SendOptions, 'resolveResponse' | 'retryDelayMs'> = {
    resolveResponse: (response) => this.resolve(response),
    retryDelayMs: (event) => this.delay(event),
  };

  /** True when `response` ended its request because the handler asked to restart pagination. */
  askedToReset(response: HttpResponse | undefined): boolean {
    return response !== undefined && this.resets.has(response);
  }

  private resolve(response: HttpResponse): CdkResolution {
    const resolution = this.handler.interpret(responseOutcome(response, response.bytes()));
    const cdk = toCdkResolution(resolution);
    if (cdk !== null) return cdk;
    this.resets.add(response);
    return { action: 'fail', failureType: 'system_error', message: 'The error handler asked to restart the pagination' };
  }

  private delay(event: RetryEvent): number | undefined {
    const outcome = event.response !== undefined ? responseOutcome(event.response, event.response.bytes()) : errorOutcome(event.error);
    const seconds = backoffTime(this.handler, outcome, event.attempt);
    return seconds === null ? undefined : seconds * 1000;
  }
}
