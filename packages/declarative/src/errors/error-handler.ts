// The CDK's DefaultErrorHandler and CompositeErrorHandler: a response or request error resolved by
// the handler's response filters, else success for an OK response, else the default mapping, else
// the fallback (retry as a system error); the wait before a retry from the backoff strategies
// (the first that gives one); the retry limits.
import { ConnectorError } from '@tributary/cdk';
import type { DefaultErrorHandler as DefaultModel } from '../components/component-types.js';
import { type ComponentEnvironment, parametersOf } from '../interpolated/evaluation-context.js';
import { InterpolatedString } from '../interpolated/interpolated-string.js';
import { parseIntText } from '../interpolation/values/number.js';
import { pyRepr } from '../interpolation/values/repr.js';
import type { BackoffStrategy } from './backoff-strategy.js';
import { defaultMapped, type ErrorResolution, fallbackResolution, SUCCESS_RESOLUTION } from './error-resolution.js';
import { type HttpOutcome, isOk } from './http-outcome.js';
import type { HttpResponseFilter } from './http-response-filter.js';

/**
 * Decides what a response or a failed request means: retry, ignore, fail, or wait on a rate limit.
 */
export interface ErrorHandler {
  readonly maxRetries: number;
  /** Seconds the retries of one request may take (600). */
  readonly maxTime: number;
  readonly backoffStrategies: readonly BackoffStrategy[];
  /** The decision for one outcome, with the failure type and message the Python CDK would give. */
  interpret(outcome: HttpOutcome): ErrorResolution;
}

/** The wait before retrying, from the first strategy that gives one (null: the default backoff). */
export function backoffTime(handler: ErrorHandler, outcome: HttpOutcome, attemptCount: number): number | null {
  let backoff: number | null = null;
  for (const strategy of handler.backoffStrategies) {
    backoff = strategy.backoffTime(outcome, attemptCount);
    if (backoff) return backoff;
  }
  return backoff;
}

export class DefaultErrorHandler implements ErrorHandler {
  readonly maxRetries: number;
  readonly maxTime = 600;

  constructor(
    model: Partial<DefaultModel>,
    env: ComponentEnvironment,
    private readonly filters: readonly HttpResponseFilter[],
    readonly backoffStrategies: readonly BackoffStrategy[],
  ) {
    this.maxRetries = maxRetriesOf(model.max_retries, parametersOf(model as DefaultModel), env);
  }

  interpret(outcome: HttpOutcome): ErrorResolution {
    for (const filter of this.filters) {
      const matched = filter.matches(outcome);
      if (matched !== null) return matched;
    }
    if (isOk(outcome)) return SUCCESS_RESOLUTION;
    return defaultMapped(outcome) ?? fallbackResolution(outcome);
  }
}

/** `int(max_retries)`: an int, or a template over config that gives one (default 5). */
function maxRetriesOf(value: number | string | undefined, parameters: Record<string, unknown>, env: ComponentEnvironment): number {
  if (value === undefined) return 5;
  if (typeof value === 'number') return Math.trunc(value);
  const evaluated = new InterpolatedString(value, parameters as never, '5').eval(env);
  if (typeof evaluated === 'boolean') return evaluated ? 1 : 0;
  if (typeof evaluated === 'number' && Number.isFinite(evaluated)) return Math.trunc(evaluated);
  if (typeof evaluated === 'string') {
    try {
      const parsed = parseIntText(evaluated, 10);
      if (typeof parsed === 'number') return parsed;
    } catch {
      // reported below
    }
  }
  throw ConnectorError.config(`DefaultErrorHandler.max_retries did not evaluate to an integer (got ${pyRepr(evaluated)})`);
}

export class CompositeErrorHandler implements ErrorHandler {
  constructor(private readonly handlers: readonly ErrorHandler[]) {
    if (handlers.length === 0) throw ConnectorError.config('CompositeErrorHandler expects at least 1 underlying error handler');
  }

  get maxRetries(): number {
    return this.handlers[0].maxRetries;
  }

  get maxTime(): number {
    return Math.max(...this.handlers.map((handler) => handler.maxTime || 0));
  }

  /** Every handler's strategies, in order (the requester uses the first that gives a wait). */
  get backoffStrategies(): readonly BackoffStrategy[] {
    return this.handlers.flatMap((handler) => handler.backoffStrategies);
  }

  interpret(outcome: HttpOutcome): ErrorResolution {
    let matched: ErrorResolution | null = null;
    for (const handler of this.handlers) {
      matched = handler.interpret(outcome);
      if (matched.action === 'SUCCESS' || matched.action === 'RETRY' || matched.action === 'IGNORE') return matched;
    }
    return matched ?? fallbackResolution(outcome);
  }
}
