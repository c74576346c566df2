// A small horizontal bar chart of records/s per read case, as SVG text: the median as a bar,
// the slowest and fastest round as a whisker, and the 0.9 × ceiling target as a line.

const COLORS = { raw: '#8a8f98', tributary: '#1f8a70', tributaryNodeDefaults: '#2f6f8a', normalized: '#5cc8a8', faros: '#e07a2f' };
const PLOT_W = 380;
const CHAR_W = 7.4; // a generous width of one 13px sans-serif character
const BAR_H = 26;
const GAP = 14;
const TOP = 46;
const RIGHT = 110;

export function throughputSvg(results) {
  const bars = Object.entries(results.cases)
    .filter(([, c]) => c.status === 'ok')
    .map(([key, c]) => ({ key, label: c.label, ...c.summary }));
  const raw = results.cases.raw?.status === 'ok' ? results.cases.raw.summary.recordsPerS : null;
  const top = Math.max(1, ...bars.map((b) => b.recordsPerSMax ?? b.recordsPerS));
  const step = tickStep(top);
  const scaleMax = Math.ceil((top * 1.02) / step) * step;
  const LABEL_W = Math.round(24 + CHAR_W * Math.max(10, ...bars.map((b) => b.label.length)));
  const plotW = PLOT_W;
  const WIDTH = LABEL_W + PLOT_W + RIGHT;
  const x = (v) => LABEL_W + (v / scaleMax) * plotW;
  const height = TOP + bars.length * (BAR_H + GAP) + 40;
  const title = `read throughput: ${results.options.records.toLocaleString('en-US')} records to /dev/null, median of ${results.options.rounds} rounds (${results.machine.node}, ${results.machine.nproc} cores)`;

  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif" font-size="13">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="12" y="24" font-size="14" font-weight="600" fill="#222">${escapeXml(title)}</text>`,
  ];
  const axisY = TOP + bars.length * (BAR_H + GAP);
  for (let v = 0; v <= scaleMax; v += step) {
    parts.push(`<line x1="${x(v).toFixed(1)}" y1="${TOP - 6}" x2="${x(v).toFixed(1)}" y2="${axisY}" stroke="#e4e6ea"/>`);
    parts.push(`<text x="${x(v).toFixed(1)}" y="${axisY + 16}" text-anchor="middle" fill="#666" font-size="11">${formatK(v)}</text>`);
  }
  parts.push(
    `<text x="${LABEL_W + plotW / 2}" y="${axisY + 32}" text-anchor="middle" fill="#666" font-size="11">records per second (bar: median of the rounds; whisker: slowest to fastest round)</text>`,
  );
  bars.forEach((b, i) => {
    const y = TOP + i * (BAR_H + GAP);
    const mid = y + BAR_H / 2;
    parts.push(`<text x="${LABEL_W - 10}" y="${mid + 4}" text-anchor="end" fill="#222">${escapeXml(b.label)}</text>`);
    parts.push(
      `<rect x="${LABEL_W}" y="${y}" width="${(x(b.recordsPerS) - LABEL_W).toFixed(1)}" height="${BAR_H}" rx="3" fill="${COLORS[b.key] ?? '#4a6fa5'}"/>`,
    );
    if (Number.isFinite(b.recordsPerSMin) && Number.isFinite(b.recordsPerSMax)) {
      const [x1, x2] = [x(b.recordsPerSMin).toFixed(1), x(b.recordsPerSMax).toFixed(1)];
      parts.push(
        `<path d="M${x1} ${mid}H${x2}M${x1} ${mid - 5}V${mid + 5}M${x2} ${mid - 5}V${mid + 5}" stroke="#222" stroke-width="1.2" fill="none"/>`,
      );
    }
    const ratio = raw && b.key !== 'raw' ? ` (${(b.recordsPerS / raw).toFixed(2)}× raw)` : '';
    const labelX = Math.max(x(b.recordsPerS), x(b.recordsPerSMax ?? 0)) + 8;
    parts.push(`<text x="${labelX.toFixed(1)}" y="${mid + 4}" fill="#222">${formatK(b.recordsPerS)}${ratio}</text>`);
  });
  if (raw) {
    const tx = x(0.9 * raw).toFixed(1);
    parts.push(`<line x1="${tx}" y1="${TOP - 8}" x2="${tx}" y2="${axisY}" stroke="#c0392b" stroke-dasharray="4 3"/>`);
    parts.push(`<text x="${tx}" y="${TOP - 12}" text-anchor="middle" fill="#c0392b" font-size="11">target 0.9 × raw</text>`);
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** A round tick step (1, 2 or 5 × 10^k) giving 3 to 6 ticks up to `v`. */
function tickStep(v) {
  const power = 10 ** Math.floor(Math.log10(v));
  for (const m of [0.5, 1, 2, 5, 10]) if (v / (m * power) <= 6) return m * power;
  return 10 * power;
}

function formatK(v) {
  return v >= 1000 ? `${Math.round(v / 1000).toLocaleString('en-US')}k` : String(Math.round(v));
}

function escapeXml(text) {
  return String(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
