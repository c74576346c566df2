// Micro-benchmark of the interpolation engine's hot path (issue 16 evaluates templates per record):
// each template is compiled once, then evaluated --evaluations times with a fresh record/response
// per call, through CompiledTemplate.evaluate (the Python CDK's full rules: undeclared check,
// render, literal_eval). Build first (`npm run build`), then:
//   node bench/interpolation-micro.mjs [--evaluations=1000000] [--rounds=5]
// Reports the median CPU time per evaluation and evaluations per second (round 0 is a warm-up).
import { compileTemplate, fixedClock } from '../packages/declarative/dist/interpolation/index.js';

const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')));
const total = Number(args.evaluations ?? 1_000_000);
const rounds = Number(args.rounds ?? 5);
const clock = fixedClock('2024-06-15T12:34:56.789012+00:00');

const config = { region: 'eu-west-1', api_key: 'secret', page_size: 100, start_date: '2024-01-01T00:00:00Z' };
const POOL = 1024;
const records = Array.from({ length: POOL }, (_, i) => ({
  id: i,
  updated_at: `2024-02-${String((i % 28) + 1).padStart(2, '0')}T00:00:00Z`,
  name: `n${i}`,
}));
const responses = Array.from({ length: POOL }, (_, i) => ({ data: [], next: i % 2 ? `https://api.example.com/items?page=${i}` : null }));
const slice = { start_time: '2024-02-10T00:00:00Z', end_time: '2024-02-20T00:00:00Z' };

const scenarios = [
  {
    name: "record['id'] ~ '-' ~ config['region']",
    template: "{{ record['id'] ~ '-' ~ config['region'] }}",
    context: (i) => ({ config, record: records[i % POOL] }),
  },
  { name: "response.get('next')", template: "{{ response.get('next') }}", context: (i) => ({ config, response: responses[i % POOL] }) },
  {
    name: 'record filter (date comparison)',
    template: "{{ record['updated_at'] >= stream_interval['start_time'] }}",
    context: (i) => ({ config, record: records[i % POOL], stream_slice: slice }),
  },
  { name: 'page size (literal_eval to int)', template: "{{ config['page_size'] }}", context: () => ({ config }) },
  { name: 'static text', template: 'users', context: () => ({ config }) },
];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

console.log(`interpolation micro-benchmark: ${total.toLocaleString('en-US')} evaluations per round, ${rounds} rounds (+1 warm-up)`);
for (const scenario of scenarios) {
  const compiled = compileTemplate(scenario.template);
  const contexts = Array.from({ length: POOL }, (_, i) => scenario.context(i));
  const sample = compiled.evaluate(contexts[1], { clock });
  const cpu = [];
  let sink = 0;
  for (let round = 0; round <= rounds; round++) {
    const start = process.cpuUsage();
    for (let i = 0; i < total; i++) {
      const value = compiled.evaluate(contexts[i & (POOL - 1)], { clock });
      if (value !== null) sink++;
    }
    const used = process.cpuUsage(start);
    if (round > 0) cpu.push((used.user + used.system) / 1e6);
  }
  const seconds = median(cpu);
  console.log(
    `  ${scenario.name.padEnd(40)} ${((seconds / total) * 1e9).toFixed(0).padStart(5)} ns/eval  ${Math.round(total / seconds)
      .toLocaleString('en-US')
      .padStart(12)} evals/s  (e.g. ${JSON.stringify(sample)}; ${sink > 0 ? 'ok' : ''})`,
  );
}
