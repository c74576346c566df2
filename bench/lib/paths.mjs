// Where the benchmark's files live, relative to the repository root.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = dirname(dirname(fileURLToPath(import.meta.url)));
export const repoRoot = dirname(benchDir);
/** Git-ignored scratch space: the faros install, configs, per-run reports. */
export const scratchDir = join(repoRoot, '.bench');
export const farosDir = join(scratchDir, 'faros');
export const runDir = join(scratchDir, 'run');
export const resultsDir = join(benchDir, 'results');
export const benchmarksMd = join(repoRoot, 'BENCHMARKS.md');
export const reportPreload = join(benchDir, 'lib', 'report-rss.mjs');
