/**
 * `tributary new`: both templates generated into a temporary folder, linked against the local
 * CDK (symlinks, no network), built with tsc; their own tests and acceptance suite run with
 * `npm test`, and `tributary test` / `tributary infer-schema` run against them. The templates
 * cannot rot: whatever breaks them breaks this test.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { useHttpFixture } from '@tributary/cdk/testing';
import { inferSchemaCommand } from '../src/commands/infer-schema.js';
import { createConnector, register as registerNew } from '../src/commands/new-connector.js';
import { testConnector } from '../src/commands/test-connector.js';
import { connectorTemplate } from '../src/scaffold/connector-template.js';
import { repoRoot as ROOT, tempDir } from './helpers/cli.js';
import { inProcessProgram } from './helpers/program.js';

const run = promisify(execFile);
/** npm without the network or its update check; the generated tests report on their own, not to this test run. */
const NPM_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  npm_config_offline: 'true',
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
};
delete NPM_ENV.NODE_TEST_CONTEXT;
delete NPM_ENV.TRIBUTARY_RECORD;

const { dir: temp, cleanup } = tempDir('scaffold');
after(cleanup);

/** What `npm install` would provide, as symlinks to this repository's packages. */
function linkDependencies(dir: string): void {
  const links: Array<[string, string]> = [
    ['@tributary/cdk', join(ROOT, 'packages/cdk')],
    ['typescript', join(ROOT, 'node_modules/typescript')],
    ['tsx', join(ROOT, 'node_modules/tsx')],
    ['@types/node', join(ROOT, 'node_modules/@types/node')],
  ];
  for (const [name, target] of links) {
    const link = join(dir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(target, link, 'dir');
  }
  mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
  symlinkSync('../typescript/bin/tsc', join(dir, 'node_modules/.bin/tsc'));
}

test('the templates: the files the issue asks for, a secret in the spec, a shared $ref, a Dockerfile with the Airbyte entrypoint', () => {
  const basic = connectorTemplate({ name: 'source-acme' });
  const http = connectorTemplate({ name: 'source-acme-crm', http: true });
  for (const files of [basic, http]) {
    for (const path of [
      'package.json',
      'spec.json',
      'schemas/items.json',
      'schemas/shared/timestamp.json',
      'src/source.ts',
      'src/streams/items.ts',
      'src/schema-types.ts',
      'test/acceptance.test.ts',
      'Dockerfile',
      'README.md',
    ]) {
      assert.ok(files.has(path), path);
    }
    assert.match(files.get('schemas/items.json')!, /"\$ref": "timestamp.json"/);
    assert.match(files.get('spec.json')!, /"airbyte_secret": true/);
    assert.match(files.get('Dockerfile')!, /^FROM node:20-slim AS build$/m);
    assert.match(files.get('Dockerfile')!, /^ENV AIRBYTE_ENTRYPOINT="node \/airbyte\/integration_code\/dist\/main.js"$/m);
    assert.match(files.get('Dockerfile')!, /^ENV NODE_ENV=production NODE_OPTIONS="--max-semi-space-size=8"$/m);
    assert.match(files.get('Dockerfile')!, /^ENTRYPOINT \["node", "\/airbyte\/integration_code\/dist\/main.js"\]$/m);
  }
  assert.match(http.get('src/streams/items.ts')!, /extends HttpStream<ItemsRecord>/);
  assert.match(http.get('src/streams/items.ts')!, /new PageNumberPaginator/);
  assert.match(http.get('src/config.ts')!, /new TokenAuthenticator\(\{ token: config\.api_token \}\)/);
  assert.ok(http.has('test/fixtures/items.json') && http.has('test/fixtures/acceptance.json'));
  assert.deepEqual(JSON.parse(basic.get('package.json')!).tributary, { source: './dist/index.js', export: 'AcmeSource' });
  assert.throws(() => connectorTemplate({ name: 'acme' }), /must look like source-<name>/);
  assert.throws(() => connectorTemplate({ name: 'source-Acme' }), /must look like source-<name>/);
});

test('tributary new writes the connector and refuses a folder that is not empty', async () => {
  const first = inProcessProgram(registerNew);
  assert.equal(await first.run('new', 'source-demo', '--dir', temp), undefined, first.output());
  assert.match(first.output(), /Created source-demo in .*source-demo \(\d+ files, basic template\)/);
  assert.ok(existsSync(join(temp, 'source-demo/src/streams/items.ts')));
  assert.throws(() => createConnector({ name: 'source-demo', dir: temp }), /already exists and is not empty/);
  const again = inProcessProgram(registerNew);
  const error = (await again.run('new', 'bad-name', '--dir', temp)) as (Error & { exitCode?: number }) | undefined;
  assert.equal(error?.exitCode, 2);
  assert.match(again.output(), /must look like source-<name>/);
});

for (const template of [
  { name: 'source-acme', http: false, config: { api_key: 'a-test-key', count: 80 }, invalid: { count: 3 } },
  { name: 'source-acme-crm', http: true, config: { api_token: 'a-test-token', page_size: 2 }, invalid: { page_size: 2 } },
]) {
  describe(`the ${template.http ? 'HTTP' : 'basic'} template, generated, built and tested`, () => {
    let dir: string;
    before(() => {
      dir = createConnector({ name: template.name, http: template.http, dir: temp }).dir;
      linkDependencies(dir);
    });

    /** The HTTP template's API exists only in its recorded fixture: replay it around in-process commands. */
    async function withApi<T>(body: () => Promise<T>): Promise<T> {
      if (!template.http) return body();
      const fixture = useHttpFixture(join(dir, 'test/fixtures/acceptance.json'), { mode: 'replay', reuse: true, allowUnused: true });
      try {
        return await body();
      } finally {
        await fixture.done();
      }
    }

    test('builds with tsc and runs its own tests and acceptance suite (npm test, offline)', async () => {
      await run('npm', ['run', 'build'], { cwd: dir, env: NPM_ENV });
      assert.ok(existsSync(join(dir, 'dist/main.js')));
      const spec = await run(process.execPath, [join(dir, 'dist/main.js'), 'spec'], { cwd: temp });
      assert.match(spec.stdout, /"type":"SPEC"/);
      let outcome: { stdout: string; stderr: string };
      try {
        outcome = await run('npm', ['test'], { cwd: dir, env: NPM_ENV, maxBuffer: 32 * 1024 * 1024 });
      } catch (error) {
        const failed = error as { stdout?: string; stderr?: string };
        assert.fail(`npm test failed in the generated connector:\n${failed.stdout?.slice(-6000)}\n${failed.stderr?.slice(-3000)}`);
      }
      assert.match(outcome.stdout, /^# fail 0$/m);
      assert.match(outcome.stdout, /^# pass (1[5-9]|[2-9]\d)$/m, 'the tests and the acceptance checks ran');
      assert.match(outcome.stdout, new RegExp(`acceptance: ${template.name}`));
    });

    test('tributary test: the acceptance table for the built connector', async () => {
      const { report, text } = await withApi(() =>
        testConnector(dir, { config: JSON.stringify(template.config), invalidConfig: JSON.stringify(template.invalid) }),
      );
      assert.equal(report.passed, true, text);
      assert.match(text, new RegExp(`^Acceptance tests: ${template.name}$`, 'm'));
      assert.match(text, template.http ? /16 passed, 0 failed, 2 skipped/ : /18 passed, 0 failed, 0 skipped/);
    });

    test('tributary infer-schema: a schema drafted from records, and record types from the schemas', async () => {
      const options = {
        stream: 'items',
        types: true,
        config: JSON.stringify(template.config),
        out: 'schemas/items.inferred.json',
        records: '50',
      };
      const outcome = await withApi(() => inferSchemaCommand(dir, options));
      assert.deepEqual(outcome.written, ['schemas/items.inferred.json', 'src/schema-types.ts']);
      assert.equal(outcome.recordCount, template.http ? 3 : 50);
      const inferred = JSON.parse(readFileSync(join(dir, 'schemas/items.inferred.json'), 'utf8'));
      assert.deepEqual(inferred.properties.updated_at, { type: ['null', 'string'], format: 'date-time' });
      assert.deepEqual(inferred.properties.tags, { type: ['null', 'array'], items: { type: 'string' } });
      assert.match(readFileSync(join(dir, 'src/schema-types.ts'), 'utf8'), /export interface ItemsRecord \{/);
      // The regenerated types still type-check the stream, and a record that breaks the schema does not compile.
      const tsc = join(dir, 'node_modules/typescript/bin/tsc');
      await run(process.execPath, [tsc, '-p', dir]);
      const probe = join(dir, 'src/type-probe.ts');
      writeFileSync(
        probe,
        [
          "import { Stream } from '@tributary/cdk';",
          "import type { ItemsRecord } from './schema-types.js';",
          'export class Probe extends Stream<ItemsRecord> {',
          '  *readRecords() {',
          "    yield { id: 'one', name: 'x', updated_at: '2024-01-01T00:00:00Z' };",
          '  }',
          '}',
        ].join('\n'),
      );
      try {
        await assert.rejects(run(process.execPath, [tsc, '-p', dir]), (error: { stdout?: string }) => {
          assert.match(error.stdout ?? '', /src\/type-probe\.ts.*error TS\d+/s);
          assert.match(error.stdout ?? '', /Type 'string' is not assignable to type 'number'/);
          return true;
        });
      } finally {
        rmSync(probe);
      }
      await assert.rejects(
        withApi(() => inferSchemaCommand(dir, { ...options, types: false })),
        /exists; pass --force/,
      );
    });
  });
}
