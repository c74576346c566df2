// The results as a plain-text table (stdout) and as Markdown (BENCHMARKS.md).
import { describeNodeOptions } from './cases.mjs';
import { duckdbTables } from './duckdb-case.mjs';

const int = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const fixed = (n, digits) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

/** Rows of the main table, one per read case, or of the read cases `keys` only. */
function caseRows(results, keys) {
  const header = [
    'case',
    'Node options',
    'records/s',
    'MB/s',
    'wall s',
    'CPU s',
    'peak RSS MB',
    'spread',
    'into a pipe rec/s',
    'verified runs',
  ];
  const chosen = Object.entries(results.cases).filter(([key]) =>
    keys === undefined ? key !== 'tributaryNodeDefaults' : keys.includes(key),
  );
  const rows = chosen.map(([, c]) => {
    const options = describeNodeOptions(c.nodeOptions);
    if (c.status !== 'ok') return [c.label, options, c.status === 'skipped' ? 'skipped' : 'FAILED', '', '', '', '', '', '', 'see notes'];
    const s = c.summary;
    const spread = s.recordsPerS ? `±${fixed(((s.recordsPerSMax - s.recordsPerSMin) / 2 / s.recordsPerS) * 100, 1)}%` : '–';
    return [
      c.label,
      options,
      int(s.recordsPerS),
      fixed(s.mbPerS, 1),
      fixed(s.wallS, 2),
      fixed(s.cpuS, 2),
      fixed(s.rssMB, 1),
      spread,
      int(s.pipeRecordsPerS),
      `${s.verifiedRuns}/${s.totalRuns}`,
    ];
  });
  return { header, rows };
}

/** The cases of the table with the same options for all (Node's defaults), when (b′) ran. */
const SAME_OPTIONS_KEYS = ['raw', 'tributaryNodeDefaults', 'faros'];

function sameOptionsRows(results) {
  return results.cases.tributaryNodeDefaults?.status === 'ok' ? caseRows(results, SAME_OPTIONS_KEYS) : null;
}

function startRows(results) {
  const header = ['command', 'Node options', 'median ms', 'min ms', 'max ms', 'peak RSS MB', 'runs'];
  const rows = results.start.order.map((key) => {
    const s = results.start.summary[key];
    return [
      results.start.labels[key],
      describeNodeOptions(results.start.nodeOptions[key]),
      fixed(s.medianMs, 1),
      fixed(s.minMs, 1),
      fixed(s.maxMs, 1),
      fixed(results.start.rssMB[key], 1),
      String(s.runs),
    ];
  });
  return { header, rows };
}

function targetRows(results) {
  const header = ['measure', 'value', 'paired rounds', 'target', 'result'];
  const rows = results.targets.map((t) => [t.name, formatValue(t.value, t.unit), formatValue(t.paired, t.unit), t.target ?? '', t.status]);
  return { header, rows };
}

function memoryRows(results) {
  const { memory } = results;
  const header = ['case', 'records', 'peak RSS MB', `peak RSS MB at ${int(results.options.records)}`, 'wall s', 'records/s', 'verified'];
  const rows = Object.entries(memory.cases).map(([key, m]) => [
    results.cases[key].label,
    int(memory.records),
    fixed(m.rssMB, 1),
    fixed(results.cases[key].summary?.rssMB, 1),
    fixed(m.wallS, 1),
    int(m.recordsPerS),
    m.verified ? 'yes' : `NO: ${m.reason}`,
  ]);
  return { header, rows };
}

function formatValue(value, unit) {
  if (!Number.isFinite(value)) return '–';
  if (unit === '%') return `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`;
  if (unit === 'MB') return `${value >= 0 ? '+' : ''}${value.toFixed(1)} MB`;
  return `${value.toFixed(2)}×`;
}

export function textReport(results) {
  const { options } = results;
  const out = [];
  out.push(
    `read: ${int(options.records)} records → /dev/null, median of ${options.rounds} interleaved rounds (${results.machine.node}, ${results.machine.nproc} cores)`,
  );
  if (Object.keys(results.cases).length > 0) out.push(textTable(caseRows(results)));
  const same = sameOptionsRows(results);
  if (same) out.push('', "the same options for all (Node's defaults)", textTable(same));
  if (results.start) out.push('', `start-up: median of ${options.specRuns} interleaved runs each`, textTable(startRows(results)));
  if (results.memory) out.push('', 'memory run', textTable(memoryRows(results)));
  out.push(
    '',
    'ratios and targets (value = ratio of the medians; paired rounds = median of the per-round ratios)',
    textTable(targetRows(results)),
  );
  if (results.duckdb) {
    const { cases, targets } = duckdbTables(results.duckdb);
    out.push(
      '',
      `source-faker → DuckDB: ${int(results.duckdb.records)} records, median of ${results.duckdb.rounds} interleaved rounds, ${describeNodeOptions(results.duckdb.nodeOptions)}`,
      textTable(cases),
      '',
      textTable(targets),
    );
    for (const problem of results.duckdb.problems) out.push(`note: ${problem}`);
  }
  for (const note of results.notes) out.push(`note: ${note}`);
  out.push(`total time: ${fixed(results.durationS, 0)} s`);
  return out.join('\n');
}

export function markdownReport(results, chartPath) {
  const { options, machine } = results;
  const out = [];
  out.push(`Run of ${results.generatedAt} (${fixed(results.durationS, 0)} s), \`${results.command}\`.`);
  out.push(
    '',
    `Machine: ${machine.nproc} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}; 1-minute load average at the start ${machine.loadAverage1m}.`,
  );
  if (Object.keys(results.cases).length > 0) {
    out.push('', `### read: ${int(options.records)} records to /dev/null, median of ${options.rounds} interleaved rounds`, '');
    out.push(markdownTable(caseRows(results)));
    if (chartPath) out.push('', `![records per second, median of the rounds](${chartPath})`);
    const same = sameOptionsRows(results);
    if (same) out.push('', `### The same options for all: Node's defaults, the same rounds`, '', markdownTable(same));
  }
  if (results.start) {
    out.push('', `### Start-up: median of ${options.specRuns} interleaved runs each`, '', markdownTable(startRows(results)));
  }
  if (results.memory)
    out.push('', `### Memory at ${int(results.memory.records)} records (one run each)`, '', markdownTable(memoryRows(results)));
  out.push('', '### Ratios and targets (issue 3)', '', markdownTable(targetRows(results)));
  out.push('', '*value*: ratio of the medians; *paired rounds*: median of the ratios taken within each round.');
  if (results.duckdb) {
    const { cases, targets } = duckdbTables(results.duckdb);
    out.push(
      '',
      `### source-faker → DuckDB: ${int(results.duckdb.records)} records (issues 7 and 19), median of ${results.duckdb.rounds} interleaved rounds, every process with ${describeNodeOptions(results.duckdb.nodeOptions)}`,
      '',
    );
    out.push(markdownTable(cases), '', markdownTable(targets));
    if (results.duckdb.problems.length > 0) out.push('', ...results.duckdb.problems.map((problem) => `- ${problem}`));
  }
  if (results.notes.length > 0) out.push('', ...results.notes.map((note) => `- ${note}`));
  return out.join('\n');
}

function textTable({ header, rows }) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
  const line = (cells) =>
    cells
      .map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function markdownTable({ header, rows }) {
  const cellText = (cell) => String(cell).replaceAll('|', '\\|');
  const line = (cells) => `| ${cells.map(cellText).join(' | ')} |`;
  return [line(header), `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map(line)].join('\n');
}
