// The CDK's ConstantBackoffStrategy and ExponentialBackoffStrategy (factor × 2^attempts, factor 5 by
// default); `jitter_range_in_seconds` adds a uniform random wait between 0 and twice the range.
import type {
  ConstantBackoffStrategy as ConstantModel,
  ExponentialBackoffStrategy as ExponentialModel,
} from '../components/component-types.js';
import { type ComponentEnvironment, parametersOf } from '../interpolated/evaluation-context.js';
import { InterpolatedString } from '../interpolated/interpolated-string.js';
import { asSeconds, type BackoffStrategy } from './backoff-strategy.js';

export type RandomSource = () => number;

function jitter(range: number | undefined, random: RandomSource): number {
  return range ? random() * range * 2 : 0;
}

export class ConstantBackoff implements BackoffStrategy {
  private readonly seconds: InterpolatedString;

  constructor(
    private readonly model: ConstantModel,
    private readonly env: ComponentEnvironment,
    private readonly random: RandomSource = Math.random,
  ) {
    this.seconds = new InterpolatedString(String(model.backoff_time_in_seconds), parametersOf(model));
  }

  backoffTime(): number | null {
    const base = asSeconds(this.seconds.eval(this.env));
    return base === null ? null : base + jitter(this.model.jitter_range_in_seconds, this.random);
  }
}

export class ExponentialBackoff implements BackoffStrategy {
  private readonly factor: InterpolatedString;

  constructor(
    private readonly model: ExponentialModel,
    private readonly env: ComponentEnvironment,
    private readonly random: RandomSource = Math.random,
  ) {
    this.factor = new InterpolatedString(String(model.factor ?? 5), parametersOf(model));
  }

  backoffTime(_outcome: unknown, attemptCount: number): number | null {
    const factor = asSeconds(this.factor.eval(this.env));
    if (factor === null) return null;
    return factor * 2 ** attemptCount + jitter(this.model.jitter_range_in_seconds, this.random);
  }
}
