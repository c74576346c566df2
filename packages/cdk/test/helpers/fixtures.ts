import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CliRun, type RunOptions, runTs } from '@tributary/test-support/run-cli';

/** The CDK's fixture connectors, one folder each. */
export const FIXTURES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures');

/** Runs the fixture connector `name` (its `main.ts`, through tsx) with `args`. */
export function runFixture(name: string, args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  return runTs(join(FIXTURES_DIR, name, 'main.ts'), args, options);
}
