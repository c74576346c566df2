/**
 * `acceptanceTests` under the real vitest (3.x) CLI, not a stand-in: the suites in
 * fixtures/vitest/ register with vitest's describe/test/beforeAll/afterAll, and vitest's JSON
 * report must show one test per check, the skips as skips and a connector's defect as a failed
 * test with the suite's message (and a non-zero exit).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CHECK_IDS } from '../../src/testing/index.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'vitest');
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const out = mkdtempSync(join(tmpdir(), 'tributary-vitest-'));
after(() => rmSync(out, { recursive: true, force: true }));

interface VitestReport {
  testResults: Array<{ assertionResults: Array<{ title: string; status: string; failureMessages?: string[] }> }>;
}

/** Runs one fixture file with `vitest run`; its exit code and the tests of its JSON report. */
function runVitest(file: string) {
  const report = join(out, `${file}.json`);
  const run = spawnSync(process.execPath, [vitest, 'run', '--root', fixtures, '--reporter=json', '--outputFile', report, file], {
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', NODE_OPTIONS: '' },
  });
  const parsed = JSON.parse(readFileSync(report, 'utf8')) as VitestReport;
  const tests = parsed.testResults.flatMap((result) => result.assertionResults);
  return {
    status: run.status,
    stderr: run.stderr,
    tests,
    byStatus: (status: string) => tests.filter((t) => t.status === status).map((t) => t.title),
  };
}

test('vitest: the faker connector passes every check that applies, one vitest test per check', () => {
  const run = runVitest('passing.test.ts');
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.tests.length, CHECK_IDS.length);
  assert.deepEqual(run.byStatus('failed'), []);
  assert.deepEqual(run.byStatus('skipped'), [
    'check: FAILED (exit 0) with the invalid config',
    'incremental: a read resumed from a mid-sync state loses nothing',
  ]);
});

test('vitest: a repeated primary key fails its check as a vitest test, with the suite message, and vitest exits non-zero', () => {
  const run = runVitest('failing.test.ts');
  assert.equal(run.status, 1);
  const failed = run.tests.filter((t) => t.status === 'failed');
  assert.deepEqual(
    failed.map((t) => t.title),
    ['read: primary keys are present and unique within a full refresh'],
  );
  assert.match(failed[0]?.failureMessages?.[0] ?? '', /stream 'items' records #2 and #3 share the primary key \[2\]/);
  assert.equal(run.byStatus('passed').length + run.byStatus('skipped').length, CHECK_IDS.length - 1);
});
