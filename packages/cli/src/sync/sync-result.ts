/**
 * How a sync ended, from what the connector and the destination reported: `succeeded` when the
 * connector exited 0 and sent no error, `interrupted` when a signal stopped it (and nothing
 * failed on the runner's side), `failed` otherwise, with the connector's TRACE errors and the
 * runner's own problem.
 */
import type { AirbyteErrorTrace } from '@tributary/cdk';
import { ConnectorFailure } from '../connectors/connector.js';
import { errorText } from '../progress/summary.js';

export type SyncStatus = 'succeeded' | 'failed' | 'interrupted';

export interface SyncResult {
  status: SyncStatus;
  /** The connector's TRACE errors. */
  errors: AirbyteErrorTrace[];
  /** What went wrong besides them: a refused message, a connector that exited without saying why. */
  problem: string | undefined;
  /** The signal that interrupted the sync, if one did. */
  signal: NodeJS.Signals | undefined;
}

/** What the destination knows of how the read went. */
export interface ReadReport {
  /** TRACE errors the connector sent. */
  readonly errors: AirbyteErrorTrace[];
  /** Why a message was refused, if one was. */
  readonly rejection: string | undefined;
  /** The destination's own failure, if any. */
  readonly error: Error | undefined;
}

/** The result of a read that ended: the connector exited with `code` (undefined: it did not stop in time). */
export function resultOfRead(report: ReadReport, code: number | undefined, signal: NodeJS.Signals | undefined): SyncResult {
  const { errors, rejection } = report;
  if (rejection !== undefined) return { status: 'failed', errors, problem: rejection, signal };
  if (signal !== undefined) return { status: 'interrupted', errors, problem: undefined, signal };
  if (code === 0 && errors.length === 0) return { status: 'succeeded', errors, problem: undefined, signal };
  const problem = errors.length === 0 ? `the connector exited with code ${code} without an error message` : undefined;
  return { status: 'failed', errors, problem, signal };
}

/** The result of a sync that threw: the connector failed (with its TRACE error, when it sent one), or the destination did. */
export function resultOfFailure(report: ReadReport, error: unknown, signal: NodeJS.Signals | undefined): SyncResult {
  const trace = error instanceof ConnectorFailure ? error.trace : undefined;
  const errors = trace === undefined ? report.errors : [...report.errors, trace];
  const problem = trace === undefined ? (error instanceof Error ? error.message : String(error)) : undefined;
  const status = signal !== undefined && report.error === undefined ? 'interrupted' : 'failed';
  return { status, errors, problem, signal };
}

/** The error recorded in `_tributary_syncs`, if the sync did not succeed. */
export function errorSummary(result: SyncResult): string | undefined {
  if (result.errors.length > 0) return result.errors.map((e) => `${e.message} (${e.failure_type ?? 'unknown'})`).join('; ');
  return result.problem ?? (result.status === 'interrupted' ? `interrupted by ${result.signal}` : undefined);
}

/** What a sync that did not succeed says on stderr: its errors, and what it kept. */
export function outcomeText(result: SyncResult): string {
  const lines = [result.errors.length > 0 ? errorText(result.errors) : '', result.problem ? `error: ${result.problem}` : ''].filter(
    Boolean,
  );
  lines.push(
    result.status === 'interrupted'
      ? 'Interrupted: what was read up to the last state of each stream is committed; the next sync resumes from there.'
      : 'Kept what was committed: tables of streams that did not complete keep their previous data, and the next sync resumes from the last committed state.',
  );
  return lines.join('\n');
}
