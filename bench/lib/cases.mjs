// The benchmark cases: what each one runs. Every read case gets `count` records of the stream
// `bench_records` and is run as `node <args>`, with `env` added to the harness's environment,
// and with the Node.js options its system's users get (`runsWith`, see caseNodeOptions).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONNECTOR_NODE_OPTIONS } from '@tributary/cdk/runtime';
import { STREAM_NAME } from '../records.mjs';
import { benchDir, farosDir, runDir } from './paths.mjs';

const tributaryMain = join(benchDir, 'tributary-source', 'main.mjs');
const farosMain = join(benchDir, 'peers', 'faros', 'main.cjs');
const farosEnv = () => ({ NODE_PATH: join(farosDir, 'node_modules') });

/**
 * The read cases, in report order. `runsWith`: 'connector' for a Tributary connector (the CDK's
 * CONNECTOR_NODE_OPTIONS, which images made by `tributary build` and the scaffold's Dockerfile set
 * as NODE_OPTIONS), 'node' for everything else (Node's defaults: what faros-airbyte-cdk's users
 * and images run with, and a plain Node program). `sameOptionsOnly`: the case that completes the
 * table with the same options for all (Tributary with Node's defaults, next to a and d), measured
 * only when the cases run with their own options.
 */
export const READ_CASES = [
  {
    id: 'a',
    key: 'raw',
    label: '(a) raw Node ceiling',
    runsWith: 'node',
    args: (n) => [join(benchDir, 'cases', 'raw-ceiling.mjs'), String(n)],
  },
  { id: 'b', key: 'tributary', label: '(b) Tributary', runsWith: 'connector', args: (n) => tributaryRead(n, false) },
  {
    id: 'b',
    key: 'tributaryNodeDefaults',
    label: "(b′) Tributary, Node's defaults",
    runsWith: 'node',
    sameOptionsOnly: true,
    args: (n) => tributaryRead(n, false),
  },
  { id: 'c', key: 'normalized', label: '(c) Tributary, normalisation on', runsWith: 'connector', args: (n) => tributaryRead(n, true) },
  {
    id: 'd',
    key: 'faros',
    label: '(d) faros-airbyte-cdk 0.23.19',
    runsWith: 'node',
    args: (n) => connectorRead(farosMain, n, false),
    env: farosEnv,
    // faros-airbyte-cdk's STATE messages carry its state gzipped, with a timestamp inside, so
    // their length varies by a few bytes from run to run; a record line is ~380 bytes.
    byteTolerance: 64,
  },
];

/** Case e: cold starts, each printing nothing but the connector's spec. */
export const START_CASES = [
  { key: 'node', label: "node -e ''", runsWith: 'node', args: () => ['-e', ''] },
  { key: 'tributarySpec', label: 'Tributary spec', runsWith: 'connector', args: () => [tributaryMain, 'spec'] },
  { key: 'farosSpec', label: 'faros-airbyte-cdk spec', runsWith: 'node', args: () => [farosMain, 'spec'], env: farosEnv, peer: 'd' },
];

/**
 * The Node.js options a case runs with: `uniform` (`--node-options`) for every case alike when
 * given, else those of the case's own users (see READ_CASES).
 */
export function caseNodeOptions(c, uniform) {
  if (uniform !== undefined) return uniform;
  return c.runsWith === 'connector' ? CONNECTOR_NODE_OPTIONS : '';
}

/** How a case's options read in the report: the options, or "Node's defaults". */
export function describeNodeOptions(options) {
  return options === '' ? "Node's defaults" : `\`${options}\``;
}

function tributaryRead(count, normalize) {
  return connectorRead(tributaryMain, count, normalize);
}

/** `<main> read --config <file> --catalog <file>`; the files are written once into .bench/run/. */
function connectorRead(main, count, normalize) {
  const config = join(runDir, `config-${count}${normalize ? '-normalize' : ''}.json`);
  writeFileSync(config, `${JSON.stringify(normalize ? { count, normalize: true } : { count })}\n`);
  return [main, 'read', '--config', config, '--catalog', catalogFile()];
}

/** The configured catalog, with the stream's schema as `discover` gives it (the platform passes it back). */
function catalogFile() {
  const file = join(runDir, 'catalog.json');
  const schema = JSON.parse(readFileSync(join(benchDir, 'tributary-source', 'schemas', `${STREAM_NAME}.json`), 'utf8'));
  const stream = { name: STREAM_NAME, json_schema: schema, supported_sync_modes: ['full_refresh'] };
  const catalog = { streams: [{ stream, sync_mode: 'full_refresh', destination_sync_mode: 'overwrite' }] };
  writeFileSync(file, `${JSON.stringify(catalog)}\n`);
  return file;
}

/** The normalisation probe: 3 mistyped records read with normalisation on. */
export const PROBE_RECORDS = 3;
export function probeArgs() {
  return connectorRead(join(benchDir, 'tributary-source', 'mistyped-main.mjs'), PROBE_RECORDS, true);
}
