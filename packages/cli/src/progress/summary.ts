/** The table printed when a sync ends: per stream, what was read and committed, how, and how long it took. */
import { relative } from 'node:path';
import type { AirbyteErrorTrace } from '@tributary/cdk';
import { int, seconds, textTable } from './format.js';
import type { StreamStats } from './stats.js';

export interface SummaryInput {
  connector: string;
  databasePath: string;
  syncId: number;
  elapsedMs: number;
  stats: StreamStats[];
  /** The first table to suggest in the example query. */
  exampleTable: string | undefined;
  status: 'succeeded' | 'failed' | 'interrupted';
  /** What the lines of the connector's output that were not messages were, if there were any. */
  skippedLines?: string | undefined;
}

export function summaryText(input: SummaryInput): string {
  const rows = input.stats.map((s) => [
    s.label,
    s.mode,
    int(s.records),
    int(s.written),
    s.startedAt !== undefined && s.endedAt !== undefined ? seconds(s.endedAt - s.startedAt) : '–',
    s.phase === 'waiting' ? 'not started' : s.phase,
  ]);
  const records = input.stats.reduce((sum, s) => sum + s.records, 0);
  const written = input.stats.reduce((sum, s) => sum + s.written, 0);
  const rate = (records * 1000) / Math.max(1, input.elapsedMs);
  rows.push(['total', '', int(records), int(written), seconds(input.elapsedMs), `${int(rate)} records/s`]);
  const table = textTable(['stream', 'mode', 'records read', 'committed', 'duration', 'status'], rows, [
    false,
    false,
    true,
    true,
    true,
    false,
  ]);
  const where = displayPath(input.databasePath);
  const verb = input.status === 'succeeded' ? 'Synced' : input.status === 'interrupted' ? 'Interrupted sync of' : 'Failed sync of';
  const lines = [`${verb} ${input.connector} → ${where} (sync ${input.syncId}, ${seconds(input.elapsedMs)})`, '', table, ''];
  const problems = input.stats.filter((s) => s.problem !== undefined).map((s) => `  ${s.label}: ${s.problem}`);
  if (problems.length > 0) lines.push('Failed streams:', ...problems, '');
  if (input.skippedLines !== undefined) lines.push(`Skipped: ${input.skippedLines}.`, '');
  if (input.exampleTable !== undefined) {
    lines.push('Look at the data:', `  npx tributary sql ${shellWord(where)} "SELECT * FROM ${input.exampleTable} LIMIT 10"`);
  }
  return lines.join('\n');
}

/** The connector's errors, each with its failure type and stream. */
export function errorText(errors: AirbyteErrorTrace[]): string {
  return errors
    .map((error) => {
      const stream = error.stream_descriptor ? `, stream ${error.stream_descriptor.name}` : '';
      return `error: ${error.message} (failure type: ${error.failure_type ?? 'unknown'}${stream})`;
    })
    .join('\n');
}

function displayPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown.startsWith('..') || shown === '' ? path : shown;
}

function shellWord(text: string): string {
  return /^[\w./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}
