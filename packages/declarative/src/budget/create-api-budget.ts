// The manifest's `api_budget` (an HTTPAPIBudget) as the CDK's factory builds it: its policies in
// order, each with its matchers; periods and intervals are ISO 8601 durations, a rate's limit may
// be a template over config.
import { ConnectorError } from '@tributary/cdk';
import type { ComponentEnvironment } from '../interpolated/evaluation-context.js';
import { InterpolatedString } from '../interpolated/interpolated-string.js';
import { parseDuration } from '../interpolation/datetime/iso-duration.js';
import { PyTimeDelta } from '../interpolation/datetime/model.js';
import { isMapping, type JsonMapping } from '../manifest/json-values.js';
import {
  type CallRatePolicy,
  FixedWindowCallRatePolicy,
  MovingWindowCallRatePolicy,
  UnlimitedCallRatePolicy,
} from './call-rate-policies.js';
import { HttpApiBudget } from './http-api-budget.js';
import { type MatcherModel, RequestMatcher } from './request-matcher.js';

export function createApiBudget(model: unknown, env: ComponentEnvironment): HttpApiBudget | undefined {
  if (!isMapping(model)) return undefined;
  if (model.type !== 'HTTPAPIBudget') throw ConnectorError.config(`api_budget of type ${String(model.type)} is not supported`);
  const policies = ((model.policies ?? []) as JsonMapping[]).map((policy) => createPolicy(policy, env));
  return new HttpApiBudget(policies, {
    resetHeader: typeof model.ratelimit_reset_header === 'string' ? model.ratelimit_reset_header : 'ratelimit-reset',
    remainingHeader: typeof model.ratelimit_remaining_header === 'string' ? model.ratelimit_remaining_header : 'ratelimit-remaining',
    rateLimitStatuses: Array.isArray(model.status_codes_for_ratelimit_hit) ? (model.status_codes_for_ratelimit_hit as number[]) : [429],
  });
}

function createPolicy(model: JsonMapping, env: ComponentEnvironment): CallRatePolicy {
  const matchers = ((model.matchers ?? []) as MatcherModel[]).map((matcher) => new RequestMatcher(matcher));
  switch (model.type) {
    case 'UnlimitedCallRatePolicy':
      return new UnlimitedCallRatePolicy(matchers);
    case 'FixedWindowCallRatePolicy':
      return new FixedWindowCallRatePolicy(matchers, durationMs(model.period, 'period'), Number(model.call_limit));
    case 'MovingWindowCallRatePolicy': {
      const rates = ((model.rates ?? []) as JsonMapping[]).map((rate) => ({
        limit: Number(new InterpolatedString(String(rate.limit), {}).eval(env)),
        intervalMs: durationMs(rate.interval, 'interval'),
      }));
      return new MovingWindowCallRatePolicy(matchers, rates);
    }
    default:
      throw ConnectorError.config(`Call rate policy ${String(model.type)} is not supported`);
  }
}

function durationMs(text: unknown, field: string): number {
  const duration = parseDuration(String(text));
  if (!(duration instanceof PyTimeDelta)) {
    throw ConnectorError.config(
      `The ${field} ${JSON.stringify(text)} of a call rate policy has years or months, which have no fixed length`,
    );
  }
  return Number(duration.totalMicros / 1000n);
}
