/** `tributary test` and `tributary infer-schema` on the faker connector, through their commander registration. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { register as registerInferSchema } from '../src/commands/infer-schema.js';
import { register as registerTest } from '../src/commands/test-connector.js';
import { fakerFolder as FAKER, tempDir } from './helpers/cli.js';
import { inProcessProgram } from './helpers/program.js';

const { dir: temp, cleanup } = tempDir('commands');
after(cleanup);

/** Runs `tributary <args>` with the test and infer-schema commands, in this process. */
async function tributary(...args: string[]): Promise<{ output: string; error: Error | undefined }> {
  const program = inProcessProgram(registerTest, registerInferSchema);
  const error = await program.run(...args);
  return { output: program.output(), error };
}

test('tributary test prints the pass/fail table and succeeds when every check passes', async () => {
  const { output, error } = await tributary(
    'test',
    FAKER,
    '--config',
    '{"count": 300, "records_per_slice": 50}',
    '--invalid-config',
    '{"count": 0}',
  );
  assert.equal(error, undefined, output);
  assert.match(output, /^Acceptance tests: source-faker$/m);
  assert.match(output, /^RESULT {2}CHECK/m);
  assert.match(output, /^PASS {4}incremental: a read resumed from a mid-sync state loses nothing +\d+ ms$/m);
  assert.match(output, /18 passed, 0 failed, 0 skipped/);
});

test('tributary test fails (exit 1 through the error) when a check fails, and explains the failure under the table', async () => {
  const { output, error } = await tributary(
    'test',
    FAKER,
    '--config',
    '{"count": 50}',
    '--invalid-config',
    '{"count": 5}',
    '--skip',
    'protocol,full-refresh-idempotent',
  );
  assert.match(error?.message ?? '', /^1 acceptance check failed$/);
  assert.match(output, /^FAIL {4}check: FAILED \(exit 0\) with the invalid config/m);
  assert.match(output, /^SKIP {4}protocol: .*\(skipped: skipped with --skip\)/m);
  assert.match(
    output,
    /Failures:\n\n✗ check: FAILED \(exit 0\) with the invalid config\n {4}check does not fail properly with the invalid config:\n {4} {2}- the connection status is SUCCEEDED, expected FAILED/,
  );
});

test('tributary test: a missing config, an unknown check id, a folder that is not a connector', async () => {
  assert.match((await tributary('test', FAKER)).error?.message ?? '', /give the connector's config with --config/);
  assert.match(
    (await tributary('test', FAKER, '--config', '{}', '--skip', 'nope')).error?.message ?? '',
    /--skip: no check 'nope'; the checks are spec, spec-schema/,
  );
  assert.match(
    (await tributary('test', temp, '--config', '{}')).error?.message ?? '',
    /is not a connector package: it has no package\.json/,
  );
  const json = await tributary('test', FAKER, '--config', '{"count": 20}', '--json', '--streams', 'products');
  const report = JSON.parse(json.output) as { name: string; passed: boolean; checks: Array<{ id: string; status: string }> };
  assert.equal(report.passed, true);
  assert.equal(report.checks.find((check) => check.id === 'incremental-no-older')?.status, 'skip');
});

test('tributary infer-schema drafts a schema from records and writes record types for every stream', async () => {
  const out = join(temp, 'users.json');
  const typesOut = join(temp, 'types.ts');
  const { output, error } = await tributary(
    'infer-schema',
    FAKER,
    '--stream',
    'users',
    '--config',
    '{"count": 40}',
    '--records',
    '25',
    '--out',
    out,
    '--types',
    '--types-out',
    typesOut,
  );
  assert.equal(error, undefined, output);
  assert.match(output, /Inferred the schema of 'users' from 25 records\./);
  const schema = JSON.parse(readFileSync(out, 'utf8'));
  assert.deepEqual(schema.properties.address.properties.geo, {
    type: ['null', 'object'],
    properties: { lat: { type: ['null', 'number'] }, lon: { type: ['null', 'number'] } },
  });
  assert.deepEqual(schema.properties.created_at, { type: ['null', 'string'], format: 'date-time' });
  const types = readFileSync(typesOut, 'utf8');
  for (const name of ['UsersRecord', 'ProductsRecord', 'PurchasesRecord']) assert.match(types, new RegExp(`export interface ${name} \\{`));
  assert.match((await tributary('infer-schema', FAKER)).error?.message ?? '', /give --stream <name>.*--types/);
  assert.match((await tributary('infer-schema', FAKER, '--stream', 'nope', '--config', '{}')).error?.message ?? '', /no stream 'nope'/);
});
