// The manifest's `concurrency_level` (the CDK's ConcurrencyLevel): `default_concurrency`, an
// integer or a template over config, capped by `max_concurrency`.
import { ConnectorError } from '@tributary/cdk';
import { componentEnvironment, parametersOf } from '../interpolated/evaluation-context.js';
import { InterpolatedString } from '../interpolated/interpolated-string.js';
import { isMapping } from '../manifest/json-values.js';

/** The slices read at once for a manifest without `concurrency_level`: one, in catalog order. */
export const DEFAULT_DECLARATIVE_CONCURRENCY = 1;

export function concurrencyOf(model: unknown, config: Record<string, unknown>): number {
  if (!isMapping(model)) return DEFAULT_DECLARATIVE_CONCURRENCY;
  const raw = model.default_concurrency;
  const value =
    typeof raw === 'string'
      ? Number(
          new InterpolatedString(raw, parametersOf(model as { $parameters?: Record<string, unknown> })).eval(componentEnvironment(config)),
        )
      : Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw ConnectorError.config(`concurrency_level.default_concurrency must be a positive integer, not ${JSON.stringify(raw)}`);
  }
  const max = typeof model.max_concurrency === 'number' ? model.max_concurrency : Number.POSITIVE_INFINITY;
  return Math.min(value, max);
}
