/**
 * Running the example connector's real command line, compiled (`dist/main.js`, what users run)
 * or from its TypeScript source through the tsx loader. Built on the CDK's CLI test helper.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CliRun, type RunOptions, runNode, runTs } from '@tributary/test-support/run-cli';

export const FAKER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const FAKER_MAIN = resolve(FAKER_DIR, 'dist/main.js');
export const FAKER_SOURCE_MAIN = resolve(FAKER_DIR, 'src/main.ts');

/** The compiled connector must exist; `npm test` builds it, a bare test run may not have. */
export function assertBuilt(): void {
  assert.ok(existsSync(FAKER_MAIN), `${FAKER_MAIN} is missing: run \`npm run build\` first (npm test does)`);
}

/** Runs `node dist/main.js <args>`. */
export function runFaker(args: readonly string[], options?: RunOptions): Promise<CliRun> {
  assertBuilt();
  return runNode(FAKER_MAIN, args, options);
}

/** Runs `node --import tsx src/main.ts <args>`. */
export function runFakerSource(args: readonly string[], options?: RunOptions): Promise<CliRun> {
  return runTs(FAKER_SOURCE_MAIN, args, options);
}
