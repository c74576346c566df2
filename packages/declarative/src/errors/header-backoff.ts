// The CDK's WaitTimeFromHeader (seconds in a header) and WaitUntilTimeFromHeader (an epoch time in a
// header, waited for; `min_wait` as a floor and as the wait when the header is absent). A Python
// `regex` picks the value out of the header (re.match at its start, the whole match). Waiting
// longer than `max_waiting_time_in_seconds` stops the stream with a transient error instead.
import { ConnectorError } from '@tributary/cdk';
import type { WaitTimeFromHeader as WaitTimeModel, WaitUntilTimeFromHeader as WaitUntilModel } from '../components/component-types.js';
import { type ComponentEnvironment, parametersOf } from '../interpolated/evaluation-context.js';
import { InterpolatedString } from '../interpolated/interpolated-string.js';
import { compilePython } from '../interpolation/builtins/python-regex.js';
import { parseFloatText } from '../interpolation/values/number.js';
import type { PlainDict } from '../interpolation/values/object.js';
import { asSeconds, type BackoffStrategy } from './backoff-strategy.js';
import { type HttpOutcome, headerValue } from './http-outcome.js';

/** get_numeric_value_from_header: the header (or its regex match) as a float, else null. */
export function numericHeader(outcome: HttpOutcome, header: string, regex: string | null): number | null {
  if (outcome.kind !== 'response') return null;
  let value = headerValue(outcome, header);
  if (!value) return null;
  if (regex !== null) {
    const match = compilePython(regex).exec(value);
    if (match !== null && match.index === 0) value = match[0];
  }
  try {
    return parseFloatText(value);
  } catch {
    return null;
  }
}

function optionalString(value: unknown, parameters: PlainDict): InterpolatedString | null {
  return value === undefined || value === null || value === '' ? null : new InterpolatedString(String(value), parameters);
}

export class WaitTimeFromHeader implements BackoffStrategy {
  private readonly header: InterpolatedString;
  private readonly regex: InterpolatedString | null;
  private readonly maxWait: InterpolatedString | null;

  constructor(
    model: WaitTimeModel,
    private readonly env: ComponentEnvironment,
  ) {
    const parameters = parametersOf(model);
    this.header = new InterpolatedString(model.header, parameters);
    this.regex = optionalString(model.regex, parameters);
    this.maxWait = optionalString(model.max_waiting_time_in_seconds, parameters);
  }

  backoffTime(outcome: HttpOutcome): number | null {
    const value = numericHeader(outcome, this.header.evalString(this.env), this.regex?.evalString(this.env) ?? null);
    const max = this.maxWait === null ? null : asSeconds(this.maxWait.eval(this.env));
    if (max && value && value >= max) {
      throw ConnectorError.transient('The rate limit is greater than max waiting time has been reached.', {
        internalMessage: `Rate limit wait time ${value} is greater than max waiting time of ${max} seconds. Stopping the stream...`,
      });
    }
    return value;
  }
}

export class WaitUntilTimeFromHeader implements BackoffStrategy {
  private readonly header: InterpolatedString;
  private readonly regex: InterpolatedString | null;
  private readonly minWait: InterpolatedString;
  private readonly maxWait: InterpolatedString | null;

  constructor(
    model: WaitUntilModel,
    private readonly env: ComponentEnvironment,
  ) {
    const parameters = parametersOf(model);
    this.header = new InterpolatedString(model.header, parameters);
    this.regex = optionalString(model.regex, parameters);
    this.minWait = new InterpolatedString(model.min_wait === undefined ? 'None' : String(model.min_wait), parameters);
    this.maxWait = optionalString(model.max_waiting_time_in_seconds, parameters);
  }

  backoffTime(outcome: HttpOutcome): number | null {
    const now = this.env.clock() / 1e6;
    const until = numericHeader(outcome, this.header.evalString(this.env), this.regex?.evalString(this.env) ?? null);
    const minWait = asSeconds(this.minWait.eval(this.env));
    if (!until) return minWait ? this.capped(minWait) : null;
    const wait = until - now;
    if (minWait) return this.capped(Math.max(wait, minWait));
    if (wait < 0) return null;
    return this.capped(wait);
  }

  private capped(wait: number): number {
    const max = this.maxWait === null ? null : asSeconds(this.maxWait.eval(this.env));
    if (max !== null && wait > max) {
      throw ConnectorError.transient('The rate limit wait time is longer than the connector is allowed to wait.', {
        internalMessage: `Rate limit wait time ${wait}s is greater than the maximum of ${max}s this stream is allowed to wait. Stopping the stream...`,
      });
    }
    return wait;
  }
}
