// Micro-benchmark: JSON.stringify vs the schema-compiled serializer on 1M records of the
// benchmark record shape of issue 3. Build first (`npm run build`), then:
//   node bench/serializer-micro.mjs [--records=1000000] [--rounds=5] [--reordered]
// Every round runs each serializer over all records, alternating which goes first, in two modes:
//   string: produce the JSON text of each record (sum the lengths);
//   sink:   also UTF-8 encode it into a 1 MiB buffer, as a batched stdout writer must (this also
//           pays for flattening the compiled serializer's concatenated strings).
// Both CPU time (process.cpuUsage, robust on a busy machine) and wall time are reported as
// medians; round 0 is a warm-up. --reordered adds the same records with their keys in reverse
// order (the compiled serializer's slower "keys out of schema order" path).
import { compileSerializer } from '../packages/cdk/dist/output/compiled-serializer.js';
import { makeRecord } from './records.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')));
const total = Number(args.records ?? 1_000_000);
const rounds = Number(args.rounds ?? 5);

/** The benchmark's record shape, shared with the read benchmark. */
const record = makeRecord;

const schema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    uid: { type: 'string' },
    title: { type: 'string' },
    owner_email: { type: 'string' },
    status: { type: 'string' },
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

const reversed = (value) =>
  value && typeof value === 'object'
    ? Object.fromEntries(
        Object.entries(value)
          .reverse()
          .map(([k, v]) => [k, reversed(v)]),
      )
    : value;

const compiled = compileSerializer(schema);
const scenarios = { 'schema order': Array.from({ length: total }, (_, i) => record(i)) };
if ('reordered' in args) scenarios['reversed keys'] = Array.from({ length: total }, (_, i) => reversed(record(i)));

// Correctness spot check before timing anything: byte-identical in schema order, equal in value
// (keys compared sorted) otherwise.
const canonical = (value) =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((k) => [k, canonical(value[k])]),
      )
    : value;
for (const [name, records] of Object.entries(scenarios)) {
  for (let i = 0; i < total; i += 997) {
    const expected = JSON.stringify(records[i]);
    const actual = compiled(records[i]);
    const same =
      name === 'schema order'
        ? actual === expected
        : JSON.stringify(canonical(JSON.parse(actual))) === JSON.stringify(canonical(JSON.parse(expected)));
    if (!same) throw new Error(`mismatch in ${name} at record ${i}`);
  }
}

const sinkBuffer = Buffer.allocUnsafe(1 << 20);
const modes = {
  string(serialize, records) {
    let chars = 0;
    for (let i = 0; i < records.length; i++) chars += serialize(records[i]).length;
    return chars;
  },
  sink(serialize, records) {
    let offset = 0;
    let bytes = 0;
    for (let i = 0; i < records.length; i++) {
      const line = serialize(records[i]);
      if (offset + line.length * 3 > sinkBuffer.length) {
        bytes += offset;
        offset = 0;
      }
      offset += sinkBuffer.write(line, offset);
    }
    return bytes + offset;
  },
};
const serializers = { 'JSON.stringify': (data) => JSON.stringify(data), compiled };
const samples = new Map();
const sample = (key) => samples.get(key) ?? samples.set(key, { cpu: [], wall: [] }).get(key);

for (let round = 0; round <= rounds; round++) {
  for (const [scenario, records] of Object.entries(scenarios)) {
    for (const [mode, run] of Object.entries(modes)) {
      const names = Object.keys(serializers);
      if (round % 2 === 1) names.reverse();
      for (const name of names) {
        const cpuStart = process.cpuUsage();
        const wallStart = process.hrtime.bigint();
        run(serializers[name], records);
        const wall = Number(process.hrtime.bigint() - wallStart) / 1e6;
        const cpu = process.cpuUsage(cpuStart);
        if (round > 0) {
          sample(`${scenario}|${mode}|${name}`).cpu.push((cpu.user + cpu.system) / 1000);
          sample(`${scenario}|${mode}|${name}`).wall.push(wall);
        }
      }
    }
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const perSecond = (ms) => Math.round((total / ms) * 1000).toLocaleString('en');
console.log(`node ${process.version}, ${total.toLocaleString('en')} records, ${rounds} interleaved rounds (+1 warm-up), medians`);
for (const scenario of Object.keys(scenarios)) {
  for (const mode of Object.keys(modes)) {
    const base = sample(`${scenario}|${mode}|JSON.stringify`);
    const ours = sample(`${scenario}|${mode}|compiled`);
    for (const [name, s] of [
      ['JSON.stringify', base],
      ['compiled', ours],
    ]) {
      const cpu = median(s.cpu);
      const wall = median(s.wall);
      console.log(
        `  ${scenario.padEnd(13)} ${mode.padEnd(6)} ${name.padEnd(14)} cpu ${cpu.toFixed(0).padStart(5)} ms (${perSecond(cpu).padStart(9)}/s)   wall ${wall.toFixed(0).padStart(5)} ms (${perSecond(wall).padStart(9)}/s)`,
      );
    }
    const cpuRatio = median(base.cpu) / median(ours.cpu);
    const wallRatio = median(base.wall) / median(ours.wall);
    console.log(
      `  ${scenario.padEnd(13)} ${mode.padEnd(6)} compiled speed-up vs JSON.stringify: ${cpuRatio.toFixed(2)}x cpu, ${wallRatio.toFixed(2)}x wall`,
    );
  }
}
