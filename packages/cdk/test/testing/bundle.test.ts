/**
 * The built packages: `@tributary/cdk/testing` (dist/testing/index.js) shares the runtime of
 * `@tributary/cdk` (dist/index.js) instead of carrying a copy, so classes, the secret masker
 * and the default HTTP dispatcher are the connector's own.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { ConnectorError, type ConnectorSpecification, HttpStream, type JsonSchema, Source, type Stream } from '@tributary/cdk';
import { check, loadConnector, mockHttp, read } from '@tributary/cdk/testing';

const require = createRequire(import.meta.url);
const testingFile = require.resolve('@tributary/cdk/testing');
const mainFile = require.resolve('@tributary/cdk');

test('the test kit bundle imports the runtime bundle and defines none of its classes', () => {
  assert.equal(dirname(dirname(testingFile)), dirname(mainFile));
  const code = readFileSync(testingFile, 'utf8');
  assert.match(code, /from "\.\.\/index\.js"/);
  for (const runtime of [
    'ConnectorError = class',
    'Source = class',
    'SecretMasker = class',
    'function invoke(',
    'function setDefaultDispatcher(',
  ]) {
    assert.equal(code.includes(runtime), false, `dist/testing must not contain ${runtime}`);
  }
  assert.ok(readFileSync(join(dirname(mainFile), 'index.js'), 'utf8').includes('ConnectorError = class'));
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
