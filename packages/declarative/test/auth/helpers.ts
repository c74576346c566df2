/** Shared pieces of the authenticator tests: a clock the test moves, a fast-retrying client, an environment. */
import { HttpClient } from '@tributary/cdk';
import type { AuthenticatorEnvironment } from '../../src/auth/authenticator-environment.js';
import { componentEnvironment } from '../../src/interpolated/evaluation-context.js';
import { fixedClock } from '../../src/interpolation/clock.js';

/** A clock frozen at an instant, moved by the test. */
export class TestClock {
  micros: number;

  constructor(instant = '2024-06-15T12:34:56+00:00') {
    this.micros = fixedClock(instant)();
  }

  readonly clock = (): number => this.micros;

  advance(seconds: number): void {
    this.micros += seconds * 1e6;
  }
}

/** Retries after a few milliseconds, so tests of retries stay fast. */
export function fastClient(maxRetries = 3): HttpClient {
  return new HttpClient({ timeoutMs: 10_000, retry: { maxRetries, backoff: { baseMs: 1, maxDelayMs: 5, jitter: 0 } } });
}

export function authEnv(
  config: Record<string, unknown>,
  clock = new TestClock(),
  extra: Partial<AuthenticatorEnvironment> = {},
): AuthenticatorEnvironment {
  return { ...componentEnvironment(config, clock.clock), httpClient: fastClient(), ...extra };
}

/** The form a request body carries, as pairs. */
export function formOf(body: string): Array<[string, string]> {
  return [...new URLSearchParams(body)];
}
