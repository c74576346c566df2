/** Shared fixtures of the component tests: an environment with a frozen clock. */
import { componentEnvironment } from '../../src/interpolated/evaluation-context.js';
import { fixedClock } from '../../src/interpolation/clock.js';

export const FROZEN_NOW = '2024-06-15T12:34:56+00:00';

export function env(config: Record<string, unknown> = {}, now = FROZEN_NOW) {
  return componentEnvironment(config, fixedClock(now));
}
