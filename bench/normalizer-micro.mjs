// Micro-benchmark of the compiled schema normaliser (issue 3, "Schema normalisation").
// Run `npm run build` first, then:  node bench/normalizer-micro.mjs [records=1000000] [rounds=5]
//
// 1. Pipeline: 1M records of the benchmark shape are generated and JSON.stringify'd,
//    with and without the normaliser (records already well typed, the common case); also
//    generated alone, with and without it. Throughput ratios are printed.
// 2. Normaliser alone: records are generated 1,000 at a time outside the timed region and only
//    the normalise calls are timed; for well-typed records, for records whose numbers and
//    booleans arrive as strings (5 conversions per record), and for the closure fallback used
//    when code generation is disallowed.
// Every variant runs once per round, interleaved, after one warm-up round; medians are reported.
import { compileNormalizer, compileNormalizerWithClosures } from '../packages/cdk/dist/schema/normalizer.js';
import { makeRecord } from './records.mjs';

const N = Number(process.argv[2] ?? 1_000_000);
const ROUNDS = Number(process.argv[3] ?? 5);
const CHUNK = 1000;
const STATUSES = ['open', 'in_progress', 'blocked', 'done'];
const EPOCH = Date.parse('2024-01-01T00:00:00.000Z');

const schema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    uid: { type: 'string' },
    title: { type: 'string' },
    owner_email: { type: ['null', 'string'] },
    status: { type: 'string', enum: STATUSES },
    priority: { type: 'integer' },
    score: { type: 'number' },
    is_active: { type: 'boolean' },
    updated_at: { type: 'string', format: 'date-time' },
    meta: {
      type: 'object',
      properties: {
        shard: { type: 'integer' },
        source: { type: 'string' },
        owner: { type: 'object', properties: { id: { type: 'integer' }, login: { type: 'string' } } },
      },
    },
  },
};

/** The benchmark's record shape, shared with the read benchmark. */
const record = makeRecord;

/** Numbers and booleans as strings, as loosely typed APIs send them. Its own literal, so the hidden classes of `record` never change. */
function stringlyRecord(i) {
  return {
    id: String(i),
    uid: `rec-${i.toString(36).padStart(6, '0')}`,
    title: `Synthetic record number ${i}`,
    owner_email: `user${i % 5000}@example.com`,
    status: STATUSES[i % 4],
    priority: String(i % 5),
    score: String((i % 10007) / 100),
    is_active: i % 2 === 0 ? 'true' : 'false',
    updated_at: new Date(EPOCH + i * 1000).toISOString(),
    meta: { shard: String(i % 16), source: 'synthetic', owner: { id: i % 997, login: `login_${i % 997}` } },
  };
}

const warnings = [];
const normalize = compileNormalizer(schema, (w) => warnings.push(w));
const normalizeWithClosures = compileNormalizerWithClosures(schema, (w) => warnings.push(w));

/** Times only the normalise calls, over records made `CHUNK` at a time outside the timed region. */
function normaliseOnly(make, run) {
  const chunk = new Array(CHUNK);
  let elapsed = 0n;
  let check = 0;
  for (let base = 0; base < N; base += CHUNK) {
    for (let j = 0; j < CHUNK; j++) chunk[j] = make(base + j);
    const start = process.hrtime.bigint();
    for (let j = 0; j < CHUNK; j++) run(chunk[j]);
    elapsed += process.hrtime.bigint() - start;
    for (let j = 0; j < CHUNK; j++) check += chunk[j].priority + chunk[j].meta.shard;
  }
  return { ms: Number(elapsed) / 1e6, check };
}

function timed(run) {
  const start = process.hrtime.bigint();
  const check = run();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, check };
}

const variants = {
  'generate + stringify': () =>
    timed(() => {
      let bytes = 0;
      for (let i = 0; i < N; i++) bytes += JSON.stringify(record(i)).length;
      return bytes;
    }),
  'generate + normalise + stringify': () =>
    timed(() => {
      let bytes = 0;
      for (let i = 0; i < N; i++) {
        const r = record(i);
        normalize(r);
        bytes += JSON.stringify(r).length;
      }
      return bytes;
    }),
  generate: () =>
    timed(() => {
      let sum = 0;
      for (let i = 0; i < N; i++) sum += record(i).priority;
      return sum;
    }),
  'generate + normalise': () =>
    timed(() => {
      let sum = 0;
      for (let i = 0; i < N; i++) {
        const r = record(i);
        normalize(r);
        sum += r.priority;
      }
      return sum;
    }),
  'normalise only: well typed': () => normaliseOnly(record, normalize),
  'normalise only: 5 conversions per record': () => normaliseOnly(stringlyRecord, normalize),
  'normalise only: well typed, closure fallback': () => normaliseOnly(record, normalizeWithClosures),
  'normalise only: 5 conversions, closure fallback': () => normaliseOnly(stringlyRecord, normalizeWithClosures),
};

const times = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
const checks = {};
for (let round = -1; round < ROUNDS; round++) {
  for (const [name, run] of Object.entries(variants)) {
    const { ms, check } = run();
    checks[name] = check;
    if (round >= 0) times[name].push(ms); // round -1 warms up
  }
}
const median = (values) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = Object.fromEntries(Object.entries(times).map(([name, values]) => [name, median(values)]));
const perSecond = (value) => Math.round(N / (value / 1000)).toLocaleString('en');

console.log(`node ${process.version}, ${N.toLocaleString('en')} records, median of ${ROUNDS} interleaved rounds (after a warm-up)`);
for (const [name, value] of Object.entries(ms)) {
  const nsPerRecord = ((value * 1e6) / N).toFixed(1);
  const spread = `${Math.round(Math.min(...times[name]))}–${Math.round(Math.max(...times[name]))} ms`;
  console.log(
    `${name.padEnd(48)} ${value.toFixed(1).padStart(8)} ms ${perSecond(value).padStart(12)} rec/s ${nsPerRecord.padStart(7)} ns/rec  (${spread})`,
  );
}
const ratio = (a, b) => ms[a] / ms[b];
console.log('');
console.log(
  `with stringify: normalised / plain time = ${ratio('generate + normalise + stringify', 'generate + stringify').toFixed(3)}` +
    ` (throughput kept ${(100 / ratio('generate + normalise + stringify', 'generate + stringify')).toFixed(1)}%)`,
);
console.log(`generate only:  normalised / plain time = ${ratio('generate + normalise', 'generate').toFixed(3)}`);
console.log(
  `normaliser alone: ${((ms['normalise only: well typed'] * 1e6) / N).toFixed(1)} ns/record well typed, ` +
    `${((ms['normalise only: 5 conversions per record'] * 1e6) / N).toFixed(1)} ns/record with 5 conversions; ` +
    `closure fallback is ${ratio('normalise only: well typed, closure fallback', 'normalise only: well typed').toFixed(1)}x / ` +
    `${ratio('normalise only: 5 conversions, closure fallback', 'normalise only: 5 conversions per record').toFixed(1)}x slower`,
);

const sameBytes = checks['generate + stringify'] === checks['generate + normalise + stringify'];
const sameValues =
  new Set(Object.entries(checks).flatMap(([name, check]) => (name.startsWith('normalise only') ? [check] : []))).size === 1;
if (!sameBytes || !sameValues || checks.generate !== checks['generate + normalise'] || warnings.length > 0) {
  console.error('check failed: the normaliser changed the output or warned', { checks, warnings });
  process.exit(1);
}
