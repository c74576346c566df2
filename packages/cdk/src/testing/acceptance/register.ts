import { after, before, describe, test } from 'node:test';
import type { AcceptanceOptions, ConnectorUnderTest } from './options.js';
import { acceptanceChecks, DEFAULT_CHECK_TIMEOUT_MS, runCheck, suiteName } from './suite.js';

/** What a test context may offer: a way to mark the running test skipped (`node:test`'s `t.skip`, vitest's `context.skip`). */
export interface TestContextLike {
  /** Marks the running test skipped, so a skipped check shows as skipped rather than passed. */
  skip?: (message?: string) => void;
}

/**
 * The test runner functions the suite registers with. `node:test` is the default; for vitest pass
 * `{ describe, test, before: beforeAll, after: afterAll }` from 'vitest'.
 */
export interface TestFramework {
  /** Groups the checks of one connector under one name. */
  describe(name: string, body: () => void): unknown;
  /** Registers one check with its time limit. */
  test(name: string, body: (context: TestContextLike) => Promise<void>, timeoutMs?: number): unknown;
  /** Runs once before the checks (start a server, install a fixture). */
  before(body: () => Promise<void>): unknown;
  /** Runs once after the checks, also when they failed. */
  after(body: () => Promise<void>): unknown;
}

/** `node:test`, the default runner of `acceptanceTests`. */
export const nodeTestFramework: TestFramework = {
  describe: (name, body) => describe(name, body),
  test: (name, body, timeout) => test(name, { timeout }, (context) => body(context)),
  before: (body) => before(body),
  after: (body) => after(body),
};

/** The suite's options, plus the test runner to register the checks with. */
export interface AcceptanceTestOptions<Config> extends AcceptanceOptions<Config> {
  /** The test runner (default `node:test`). */
  framework?: TestFramework;
}

/**
 * Registers the acceptance suite as tests: one per check, in a `describe` block named after the
 * connector. Runs are shared between checks (one discover, one full refresh…), so run the
 * checks of one suite in order, as both runners do by default.
 *
 * ```ts
 * acceptanceTests(new MySource(), { config: { api_key: 'test' }, invalidConfig: {} });
 * ```
 */
export function acceptanceTests<Config>(connector: ConnectorUnderTest<Config>, options: AcceptanceTestOptions<Config>): void {
  const framework = options.framework ?? nodeTestFramework;
  const checks = acceptanceChecks(connector, options);
  const timeout = options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  framework.describe(`acceptance: ${suiteName(connector, options)}`, () => {
    const { before: setUp, after: tearDown } = options;
    if (setUp !== undefined) framework.before(async () => setUp());
    if (tearDown !== undefined) framework.after(async () => tearDown());
    for (const check of checks) {
      framework.test(
        check.title,
        async (context) => {
          // The runner enforces the time limit; the check itself gets one more second so the runner's message wins.
          const report = await runCheck(check, { ...(options as AcceptanceOptions<unknown>), timeoutMs: timeout + 1000 });
          if (report.status === 'fail') throw new Error(report.message);
          if (report.status === 'skip') context.skip?.(report.message);
        },
        timeout,
      );
    }
  });
}
