// The ratios the issue asks for, and its targets marked met / not met / n/a.
import { median, ratio } from './stats.mjs';

/**
 * `results.cases[key]` hold `summary` and `runs` (with `round` and `numbers`); `results.start`
 * holds `summary[key].medianMs` and per-run `walls[key]`. Returns rows of
 * { name, value, paired, unit, target, status, note }.
 */
export function computeTargets(results) {
  const { cases, start, memory, normalization } = results;
  const rate = (key) => (cases[key]?.status === 'ok' ? cases[key].summary.recordsPerS : null);
  const rss = (key) => (cases[key]?.status === 'ok' ? cases[key].summary.rssMB : null);
  const rows = [];

  const throughput = (name, top, bottom, target, note) => {
    const value = ratio(rate(top), rate(bottom));
    rows.push({ name, value, paired: pairedRatio(cases, top, bottom), unit: '×', ...target(value), note });
  };
  throughput('Tributary ÷ raw ceiling (records/s)', 'tributary', 'raw', atLeast(0.9));
  throughput('Tributary ÷ faros-airbyte-cdk (records/s)', 'tributary', 'faros', atLeast(2.5), cases.faros?.reason);
  const cpu = (key) => (cases[key]?.status === 'ok' ? cases[key].summary.cpuS : null);
  rows.push({
    name: 'Tributary ÷ faros-airbyte-cdk (records per CPU second: robust to a busy machine)',
    value: ratio(cpu('faros'), cpu('tributary')),
    paired: pairedBy(cases, 'tributary', 'faros', (a, b) => ratio(b.cpuS, a.cpuS)),
    unit: '×',
    target: '',
    status: '',
  });
  if (cases.tributaryNodeDefaults) {
    const info = () => ({ target: '', status: '' });
    throughput("same options (Node's defaults): Tributary ÷ raw ceiling", 'tributaryNodeDefaults', 'raw', info);
    throughput("same options (Node's defaults): Tributary ÷ faros-airbyte-cdk", 'tributaryNodeDefaults', 'faros', info);
  }
  const inactive = normalization?.state !== 'active';
  throughput(
    'normalised ÷ plain Tributary (records/s)',
    'normalized',
    'tributary',
    inactive ? notApplicable('≥ 0.65 (costs ≤ 35%)') : atLeast(0.65, '≥ 0.65 (costs ≤ 35%)'),
    inactive ? `normalisation ${normalization?.state ?? 'not probed'}: ${normalization?.detail ?? ''}`.trim() : undefined,
  );

  const startRatio = ratio(start?.summary?.tributarySpec?.medianMs, start?.summary?.node?.medianMs);
  rows.push({
    name: "spec cold start ÷ node -e '' (wall time)",
    value: startRatio,
    paired:
      start?.walls?.tributarySpec && start.walls.node
        ? median(start.walls.tributarySpec.map((ms, i) => ratio(ms, start.walls.node[i])))
        : null,
    unit: '×',
    ...atMost(2, startRatio),
  });

  const rssGap = rss('tributary') !== null && rss('raw') !== null ? rss('tributary') - rss('raw') : null;
  rows.push({
    name: 'peak RSS: Tributary − raw ceiling',
    value: rssGap,
    paired: pairedDifference(cases),
    unit: 'MB',
    ...atMostValue(30, rssGap, '≤ 30 MB'),
  });

  if (memory) {
    for (const key of ['tributary', 'raw']) {
      const big = memory.cases[key]?.rssMB;
      const growth = ratio(big, rss(key));
      const label = key === 'raw' ? 'raw ceiling' : 'Tributary';
      const value = growth === null ? null : growth - 1;
      const status = value === null ? 'n/a' : Math.abs(value) <= 0.1 ? 'met' : 'not met';
      rows.push({
        name: `peak RSS ${label}: ${memory.records.toLocaleString('en-US')} vs ${results.options.records.toLocaleString('en-US')} records`,
        value,
        paired: null,
        unit: '%',
        target: 'within ±10%',
        status,
      });
    }
  }

  const stretch = ratio(rate('tributary'), rate('raw'));
  rows.push({
    name: 'stretch: Tributary beats the raw JSON.stringify ceiling',
    value: stretch,
    paired: pairedRatio(cases, 'tributary', 'raw'),
    unit: '×',
    target: '> 1.0',
    status: stretch === null ? 'n/a' : stretch > 1 ? 'met' : 'not met',
  });
  return rows;
}

function atLeast(limit, label = `≥ ${limit}`) {
  return (value) => ({ target: label, status: value === null ? 'n/a' : value >= limit ? 'met' : 'not met' });
}

function notApplicable(label) {
  return () => ({ target: label, status: 'n/a' });
}

function atMost(limit, value) {
  return { target: `≤ ${limit}`, status: value === null ? 'n/a' : value <= limit ? 'met' : 'not met' };
}

function atMostValue(limit, value, label) {
  return { target: label, status: value === null ? 'n/a' : value <= limit ? 'met' : 'not met' };
}

/** Median over rounds of (top ÷ bottom) for runs of the same round: robust to a slow round. */
function pairedRatio(cases, top, bottom) {
  return pairedBy(cases, top, bottom, (a, b) => ratio(a.recordsPerS, b.recordsPerS));
}

function pairedDifference(cases) {
  return pairedBy(cases, 'tributary', 'raw', (a, b) => (Number.isFinite(a.rssMB) && Number.isFinite(b.rssMB) ? a.rssMB - b.rssMB : null));
}

function pairedBy(cases, top, bottom, combine) {
  if (cases[top]?.status !== 'ok' || cases[bottom]?.status !== 'ok') return null;
  const byRound = new Map(cases[bottom].runs.filter((run) => run.verified).map((run) => [run.round, run.numbers]));
  const values = cases[top].runs
    .filter((run) => run.verified && byRound.has(run.round))
    .map((run) => combine(run.numbers, byRound.get(run.round)))
    .filter((v) => v !== null);
  return median(values);
}
