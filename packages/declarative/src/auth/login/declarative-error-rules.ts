// A declarative error handler (DefaultErrorHandler, CompositeErrorHandler) driving the CDK's
// HttpClient for an authenticator's own request: one rule per CDK action whose condition is the
// handler's verdict on the response (computed once per response), and, when the request fails,
// the handler's message and failure type instead of the client's. The handler's retry count
// bounds the client's retries; its backoff strategies are not applied (the client's backoff is).
import { ConnectorError, type ErrorRule, HttpError, type HttpResponse, type ResponseAction } from '@tributary/cdk';
import { toCdkResolution } from '../../errors/cdk-resolution.js';
import type { ErrorHandler } from '../../errors/error-handler.js';
import type { ErrorResolution } from '../../errors/error-resolution.js';
import type { ResponseOutcome } from '../../errors/http-outcome.js';

const ACTIONS: readonly ResponseAction[] = ['success', 'retry', 'rate_limited', 'fail', 'ignore', 'refresh_token'];

async function outcomeOf(response: HttpResponse): Promise<ResponseOutcome> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return {
    kind: 'response',
    status: response.status,
    reason: response.statusText,
    url: response.url,
    headers: [...response.headers],
    text,
    json,
  };
}

export class DeclarativeErrorRules {
  readonly rules: readonly ErrorRule[];
  private readonly verdicts = new WeakMap<HttpResponse, Promise<ErrorResolution>>();
  private readonly ignored = new WeakSet<HttpResponse>();

  constructor(private readonly handler: ErrorHandler) {
    this.rules = ACTIONS.map((action) => ({ action, when: (response: HttpResponse) => this.decides(response, action) }));
  }

  /** True when the handler said to ignore this response (the CDK's requester then returns None). */
  wasIgnored(response: HttpResponse): boolean {
    return this.ignored.has(response);
  }

  /** The error to report for a failed request: the handler's message and failure type when it decided the failure. */
  async failure(error: unknown): Promise<unknown> {
    if (!(error instanceof HttpError) || error.response === undefined) return error;
    const verdict = await this.verdict(error.response);
    if (verdict.action !== 'FAIL' || !verdict.message) return error;
    return new ConnectorError(verdict.message, {
      failureType: verdict.failureType ?? 'system_error',
      internalMessage: error.message,
      cause: error,
    });
  }

  private verdict(response: HttpResponse): Promise<ErrorResolution> {
    let verdict = this.verdicts.get(response);
    if (verdict === undefined) {
      verdict = outcomeOf(response).then((outcome) => this.handler.interpret(outcome));
      this.verdicts.set(response, verdict);
    }
    return verdict;
  }

  private async decides(response: HttpResponse, action: ResponseAction): Promise<boolean> {
    const verdict = toCdkResolution(await this.verdict(response));
    // RESET_PAGINATION has no meaning for a single request: the default mapping decides.
    if (verdict === null || verdict.action !== action) return false;
    if (action === 'ignore') this.ignored.add(response);
    return true;
  }
}
