/**
 * The built packages: `@tributary/cdk`, `@tributary/cdk/runtime` and `@tributary/cdk/testing`
 * (dist/index.js, dist/runtime.js, dist/testing/index.js) share one copy of the runtime (in
 * chunks they all import) instead of carrying one each, so classes, the secret masker and the
 * default HTTP dispatcher are the connector's own.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import {
  ConnectorError,
  type ConnectorSpecification,
  HttpStream,
  type JsonSchema,
  registerSecret,
  Source,
  type Stream,
} from '@tributary/cdk';
import { secretMasker } from '@tributary/cdk/runtime';
import { check, loadConnector, mockHttp, read } from '@tributary/cdk/testing';

const require = createRequire(import.meta.url);
const testingFile = require.resolve('@tributary/cdk/testing');
const mainFile = require.resolve('@tributary/cdk');
const runtimeFile = require.resolve('@tributary/cdk/runtime');
const dist = dirname(mainFile);

test('the three entry points share one copy of every runtime module', () => {
  assert.equal(dirname(dirname(testingFile)), dist);
  assert.equal(dirname(runtimeFile), dist);
  const chunks = readdirSync(join(dist, 'chunks')).filter((file) => file.endsWith('.js'));
  const files = [mainFile, runtimeFile, testingFile, ...chunks.map((chunk) => join(dist, 'chunks', chunk))];
  const code = new Map(files.map((file) => [file, readFileSync(file, 'utf8')]));
  for (const definition of [
    'ConnectorError = class',
    'Source = class',
    'SecretMasker = class',
    'HttpClient = class',
    'function invoke(',
    'function setDefaultDispatcher(',
    'var secretMasker =',
  ]) {
    const definedIn = files.filter((file) => code.get(file)!.includes(definition));
    assert.equal(definedIn.length, 1, `${definition} is defined in ${definedIn.length} files: ${definedIn.join(', ')}`);
    assert.notEqual(definedIn[0], testingFile, `dist/testing must not define ${definition}`);
  }
  for (const entry of [mainFile, runtimeFile, testingFile]) assert.match(code.get(entry)!, /from "(\.\.)?\.?\/chunks\/chunk-\w+\.js"/);
});

/** The chunks a module imports statically (`from "./chunks/…"`, `from "./…"`), followed transitively. */
function staticImports(file: string, seen = new Set<string>()): Set<string> {
  for (const [, path] of readFileSync(file, 'utf8').matchAll(/^\s*(?:import|\} from|export \* from)[^"]*"(\.{1,2}\/[^"]+\.js)"/gm)) {
    const target = join(dirname(file), path as string);
    if (seen.has(target)) continue;
    seen.add(target);
    staticImports(target, seen);
  }
  return seen;
}

test('ajv is bundled once, into a chunk that only a config validation (or the test kit) loads', () => {
  const chunks = readdirSync(join(dist, 'chunks'))
    .filter((file) => file.endsWith('.js'))
    .map((chunk) => join(dist, 'chunks', chunk));
  const files = [mainFile, runtimeFile, testingFile, ...chunks];
  const withAjv = files.filter((file) => readFileSync(file, 'utf8').includes('node_modules/ajv/dist/core.js'));
  assert.equal(withAjv.length, 1, `ajv's code is in ${withAjv.length} files: ${withAjv.join(', ')}`);
  for (const file of files) assert.doesNotMatch(readFileSync(file, 'utf8'), /from "ajv"|import\("ajv"\)/, `${file} imports ajv itself`);
  // A connector's `spec` imports the main entry point only: ajv must not come with it.
  for (const entry of [mainFile, runtimeFile]) assert.ok(!staticImports(entry).has(withAjv[0] as string), `${entry} loads ajv at start`);
});

test("a secret registered through the connector API is masked by the runtime subpath's masker", () => {
  registerSecret('bundle-shared-secret-42');
  assert.equal(secretMasker.mask('token bundle-shared-secret-42'), 'token ****');
});

class Pages extends HttpStream<{ id: number }> {
  urlBase = 'https://bundle.example.com';
  primaryKey = 'id';
  path() {
    return 'pages';
  }
  getJsonSchema(): JsonSchema {
    return { type: 'object', properties: { id: { type: 'integer' } } };
  }
}

class Refusing extends Source<{ token: string }> {
  spec(): ConnectorSpecification {
    return { connectionSpecification: { type: 'object', properties: { token: { type: 'string', airbyte_secret: true } } } };
  }
  checkConnection(config: { token: string }): void {
    throw ConnectorError.config(`token ${config.token} was refused`);
  }
  streams(): Stream<object>[] {
    return [new Pages()];
  }
}

test("a mock installed through the test kit reaches the runtime's HTTP client; errors and secrets are the runtime's", async (t) => {
  const http = mockHttp();
  t.after(() => http.close());
  http.expect('GET https://bundle.example.com/pages').respond({ status: 403, json: { error: 'forbidden' } });
  const result = await read(new Refusing(), { config: { token: 'bundle-secret-123' }, streams: ['pages'] });
  await http.done();
  // HttpError (a ConnectorError of the runtime) mapped 403 to config_error: one class, one mapping.
  assert.equal(result.errors[0]?.failure_type, 'config_error');

  const checked = await check(new Refusing(), { config: { token: 'bundle-secret-123' } });
  assert.deepEqual(checked.connectionStatus, { status: 'FAILED', message: 'token **** was refused' });
});

test('loadConnector finds the Source subclass of a built connector with the shared Source class', async () => {
  const faker = await loadConnector(join(dirname(mainFile), '../../../connectors/source-faker'));
  assert.equal(faker.name, 'source-faker');
  assert.equal(faker.exportName, 'FakerSource');
  const source = faker.create();
  assert.ok(source instanceof Source);
  const result = await read(source, { config: { count: 5 }, streams: ['users'] });
  assert.equal(result.recordsOf('users').length, 5);
});
