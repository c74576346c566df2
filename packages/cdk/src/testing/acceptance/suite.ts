import { secretMasker } from '../../runtime.js';
import { connectionChecks } from './connection-checks.js';
import { AcceptanceContext } from './context.js';
import { discoverChecks } from './discover-checks.js';
import { incrementalChecks } from './incremental-checks.js';
import type { AcceptanceCheck, AcceptanceOptions, CheckId, ConnectorUnderTest } from './options.js';
import { protocolCheck } from './protocol-check.js';
import { readChecks } from './read-checks.js';
import { specChecks } from './spec-checks.js';

export const DEFAULT_CHECK_TIMEOUT_MS = 120_000;

/** The acceptance checks of a connector, in the order they run, sharing one context (each run is made once). */
export function acceptanceChecks<Config>(connector: ConnectorUnderTest<Config>, options: AcceptanceOptions<Config>): AcceptanceCheck[] {
  const context = new AcceptanceContext(connector, options) as AcceptanceContext<unknown>;
  return [
    ...specChecks(context),
    ...connectionChecks(context),
    ...discoverChecks(context),
    ...readChecks(context),
    ...incrementalChecks(context),
    protocolCheck(context),
  ];
}

/** The suite's name: `options.name`, or the class name of a source given as an instance. */
export function suiteName<Config>(connector: ConnectorUnderTest<Config>, options: AcceptanceOptions<Config>): string {
  if (options.name !== undefined) return options.name;
  return typeof connector === 'function' ? 'connector' : connector.constructor.name;
}

/** The outcome of one check. */
export type CheckStatus = 'pass' | 'fail' | 'skip';

/** One check's outcome and timing, with the reason when it failed or was skipped. */
export interface CheckReport {
  id: CheckId;
  title: string;
  status: CheckStatus;
  /** Why it failed or was skipped. */
  message?: string;
  durationMs: number;
}

/** Every check's outcome, for `formatReport` and `tributary test`. */
export interface AcceptanceReport {
  name: string;
  checks: CheckReport[];
  passed: boolean;
}

/** Runs one check within the time limit, skipping it when `options.skip` says so. */
export async function runCheck(check: AcceptanceCheck, options: AcceptanceOptions<unknown>): Promise<CheckReport> {
  const started = performance.now();
  // A failure may quote record values, a config or a server's answer: secrets are masked in it.
  const report = (status: CheckStatus, message?: string): CheckReport => ({
    id: check.id,
    title: check.title,
    status,
    ...(message === undefined ? {} : { message: secretMasker.mask(message) }),
    durationMs: Math.round(performance.now() - started),
  });
  const skipReason = options.skip?.[check.id];
  if (skipReason !== undefined) return report('skip', skipReason);
  const limit = options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  try {
    const outcome = await Promise.race([
      check.run(),
      new Promise<never>((_, reject) => {
        // Not unref'd: a check waiting on nothing that keeps the process alive must still time out.
        timer = setTimeout(() => reject(new Error(`timed out after ${limit} ms`)), limit);
      }),
    ]);
    return outcome === undefined ? report('pass') : report('skip', outcome.skip);
  } catch (error) {
    return report('fail', error instanceof Error ? error.message : String(error));
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs every acceptance check outside a test runner (what `tributary test` does) and returns
 * the report; `formatReport` prints it as a pass/fail table.
 */
export async function runAcceptance<Config>(
  connector: ConnectorUnderTest<Config>,
  options: AcceptanceOptions<Config>,
): Promise<AcceptanceReport> {
  const checks = acceptanceChecks(connector, options);
  const reports: CheckReport[] = [];
  await options.before?.();
  try {
    for (const check of checks) reports.push(await runCheck(check, options as AcceptanceOptions<unknown>));
  } finally {
    await options.after?.();
  }
  return { name: suiteName(connector, options), checks: reports, passed: reports.every((item) => item.status !== 'fail') };
}

/** The report as a table (result, check, time), followed by each failure's explanation. */
export function formatReport(report: AcceptanceReport): string {
  const rows = report.checks.map((check) => ({
    result: check.status.toUpperCase(),
    title: check.status === 'skip' && check.message ? `${check.title} (skipped: ${check.message})` : check.title,
    time: check.status === 'skip' ? '' : formatDuration(check.durationMs),
  }));
  const titleWidth = Math.max(5, ...rows.map((row) => row.title.length));
  const timeWidth = Math.max(4, ...rows.map((row) => row.time.length));
  const line = (result: string, title: string, time: string) =>
    `${result.padEnd(6)}  ${title.padEnd(titleWidth)}  ${time.padStart(timeWidth)}`;
  const lines = [
    `Acceptance tests: ${report.name}`,
    '',
    line('RESULT', 'CHECK', 'TIME'),
    line('------', '-'.repeat(titleWidth), '-'.repeat(timeWidth)),
  ];
  for (const row of rows) lines.push(line(row.result, row.title, row.time));
  const count = (status: CheckStatus) => report.checks.filter((check) => check.status === status).length;
  lines.push('', `${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped`);
  const failures = report.checks.filter((check) => check.status === 'fail');
  if (failures.length > 0) {
    lines.push('', 'Failures:');
    for (const failure of failures)
      lines.push('', `✗ ${failure.title}`, ...(failure.message ?? '').split('\n').map((text) => `    ${text}`));
  }
  return lines.join('\n');
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
