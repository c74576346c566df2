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
  const example = exampleTable(input.stats);
  if (example !== undefined) {
    lines.push('Look at the data:', `  npx tributary sql ${shellWord(where)} "SELECT * FROM ${example} LIMIT 10"`);
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

/** The table the example query reads: the first one that got rows, else the first one. */
function exampleTable(stats: StreamStats[]): string | undefined {
  const label = stats.find((s) => s.written > 0)?.label ?? stats[0]?.label;
  return label === undefined ? undefined : sqlName(label);
}

/** A table name as it can be typed in a query (inside the double quotes of a shell argument). */
function sqlName(label: string): string {
  return label
    .split('.')
    .map((part) => (/^[a-z_][a-z0-9_]*$/.test(part) ? part : `\\"${part.replaceAll('"', '""')}\\"`))
    .join('.');
}

function displayPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown.startsWith('..') || shown === '' ? path : shown;
}

function shellWord(text: string): string {
  return /^[\w./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}
