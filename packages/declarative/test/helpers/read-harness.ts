/**
 * The corpus's differential read harness (`../shared/declarative/read/`, see its README): runs an
 * engine through discover and the full, incremental and resumed reads against its loopback mock
 * API under a frozen clock (Debian's `faketime`), then compares the outputs with the Python CDK's
 * golden ones. The mock API listens on the fixed port 18777, which the harness's manifests name.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { CORPUS_DIR } from './corpus.js';
import { BIN } from './run.js';

export const HARNESS_DIR = resolve(CORPUS_DIR, 'read');
export const HARNESS_PORT = 18777;
const FAKETIME_LIB = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

/** One connector's comparison, as `run.mjs compare --json` writes it. */
export interface HarnessComparison {
  connector: string;
  identical: boolean;
  checks: Record<string, boolean>;
  /** The first differing item of each failing check, keyed `<pass>.<check>`. */
  diffs: Record<string, unknown>;
}

/** Why the harness cannot run here (no corpus), or undefined when it can. */
export function harnessSkipReason(): string | undefined {
  return existsSync(resolve(HARNESS_DIR, 'run.mjs')) ? undefined : `the declarative read harness is not at ${HARNESS_DIR}`;
}

/** Every connector with golden read results. */
export function goldenConnectors(): string[] {
  return readdirSync(resolve(HARNESS_DIR, 'golden'))
    .filter((name) => existsSync(resolve(HARNESS_DIR, 'golden', name, 'meta.json')))
    .sort();
}

/** What the harness needs from this machine, as a message naming what is missing (undefined when all is there). */
export async function missingPrerequisite(): Promise<string | undefined> {
  if (!existsSync(FAKETIME_LIB)) return `the read harness needs Debian's faketime (${FAKETIME_LIB}): apt-get install faketime`;
  if (!existsSync(resolve(BIN, '../../dist/cli/main.js'))) return 'source-declarative-manifest is not built: run `npm run build` first';
  const free = await new Promise<boolean>((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(HARNESS_PORT, '127.0.0.1', () => probe.close(() => done(true)));
  });
  return free ? undefined : `port ${HARNESS_PORT} on 127.0.0.1 is in use (another read harness running?); the harness's manifests need it`;
}

/** Runs `source-declarative-manifest` through the harness for `connectors` into `out` and compares with the golden reads. */
export async function runHarness(connectors: readonly string[], out: string): Promise<HarnessComparison[]> {
  const engine = `${shellQuote(process.execPath)} ${shellQuote(BIN)} --manifest-path {manifest}`;
  const list = connectors.join(',');
  await harness(['run', '--engine', engine, '--faketime', '--connectors', list, '--timeout', '120', '--out', out]);
  const json = resolve(out, 'compare.json');
  await harness(['compare', resolve(HARNESS_DIR, 'golden'), out, '--connectors', list, '--json', json, '--quiet']);
  return JSON.parse(readFileSync(json, 'utf8')) as HarnessComparison[];
}

/** What differs for a connector, in a line or two: the failing checks and the first difference. */
export function describeDifference(row: HarnessComparison): string {
  const [first] = Object.entries(row.diffs);
  const detail = first === undefined ? '' : ` first: ${first[0]} ${JSON.stringify(first[1]).slice(0, 600)}`;
  return `${row.connector}: ${Object.keys(row.diffs).join(', ')}${detail}`;
}

function harness(args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve(HARNESS_DIR, 'run.mjs'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.on('error', fail);
    child.on('close', (code) => {
      if (code === 0) done(output);
      else fail(new Error(`read harness \`${args[0]}\` exited with ${code}:\n${output.slice(-3000)}`));
    });
  });
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}
