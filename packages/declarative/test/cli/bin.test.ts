/**
 * The real `source-declarative-manifest` bin, as the Airbyte platform runs it: the manifest from
 * `--manifest-path` or from the config's `__injected_declarative_manifest`, the generic spec
 * without a manifest, and clear TRACE errors otherwise. The corpus answers are the oracle.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { type FaultServer, reply, useFaultServer } from '@tributary/test-support/fault-server';
import { loadYaml } from '../../src/yaml/load-yaml.js';
import { configFile, corpusConfig, corpusSkipReason, expectedMessage, manifestFile } from '../helpers/corpus.js';
import { errorTrace, only, runBin } from '../helpers/run.js';

const SAMPLE = ['source-7shifts', 'source-pokeapi', 'source-sendgrid', 'source-drift'];

describe('source-declarative-manifest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sdm-bin-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('spec without a manifest prints the generic source-declarative-manifest spec', async () => {
    const result = await runBin(['spec']);
    assert.equal(result.code, 0);
    const spec = only(result, 'SPEC')[0].spec;
    assert.deepEqual(spec.connectionSpecification.required, ['__injected_declarative_manifest']);
    assert.equal(spec.documentationUrl, 'https://docs.airbyte.com/integrations/sources/low-code');
  });

  describe('on corpus connectors', { skip: corpusSkipReason() }, () => {
    for (const connector of SAMPLE) {
      test(`${connector}: spec and discover with --manifest-path equal the Python CDK's`, async () => {
        const spec = await runBin(['spec', '--manifest-path', manifestFile(connector)]);
        assert.equal(spec.code, 0, spec.stderr);
        assert.deepEqual(only(spec, 'SPEC')[0], expectedMessage(connector, 'spec', 'SPEC'));
        const discover = await runBin(['discover', '--config', configFile(connector), `--manifest-path=${manifestFile(connector)}`]);
        assert.equal(discover.code, 0, discover.stderr);
        assert.deepEqual(only(discover, 'CATALOG')[0], expectedMessage(connector, 'discover', 'CATALOG'));
      });
    }

    test('discover reads the manifest injected in the config, as the Airbyte platform passes it', async () => {
      const config = {
        ...corpusConfig('source-7shifts'),
        __injected_declarative_manifest: loadYaml(readFileSync(manifestFile('source-7shifts'), 'utf8')),
      };
      const file = join(dir, 'injected.json');
      writeFileSync(file, JSON.stringify(config));
      const result = await runBin(['discover', '--config', file]);
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(only(result, 'CATALOG')[0], expectedMessage('source-7shifts', 'discover', 'CATALOG'));
    });

    test('a config without the injected manifest (and no --manifest-path) is a config error naming the key', async () => {
      const result = await runBin(['discover', '--config', configFile('source-7shifts')]);
      assert.equal(result.code, 1);
      const error = errorTrace(result);
      assert.equal(error.failure_type, 'config_error');
      assert.match(error.message, /__injected_declarative_manifest/);
    });

    test('a manifest the schema rejects fails spec with a config error that has the line, column and component path', async () => {
      const result = await runBin(['spec', '--manifest-path', manifestFile('source-gong')]);
      assert.equal(result.code, 1);
      const error = errorTrace(result);
      assert.equal(error.failure_type, 'config_error');
      assert.match(
        error.message,
        /source-gong\.yaml:246:9: streams\[4\]\.incremental_sync\.type: 'CustomIncrementalSync' is not a component/,
      );
    });
  });

  describe('check and read against an API', () => {
    let server: FaultServer;
    useFaultServer((started) => {
      server = started;
    });

    const manifestYaml = () => `version: 6.44.0
type: DeclarativeSource
check: {type: CheckStream, stream_names: [users]}
streams:
  - type: DeclarativeStream
    name: users
    primary_key: [id]
    retriever:
      type: SimpleRetriever
      requester:
        type: HttpRequester
        url_base: ${server.url}
        path: /users
        authenticator: {type: BearerAuthenticator, api_token: "{{ config['token'] }}"}
      record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [data]}}
      paginator:
        type: DefaultPaginator
        page_token_option: {type: RequestOption, inject_into: request_parameter, field_name: page}
        pagination_strategy: {type: PageIncrement, page_size: 2, start_from_page: 1}
    schema_loader: {type: InlineSchemaLoader, schema: {type: object, properties: {id: {type: integer}}}}
spec:
  type: Spec
  connection_specification:
    type: object
    required: [token]
    properties: {token: {type: string, airbyte_secret: true}}
`;

    test('check succeeds and read emits every page of records, the token never printed', async () => {
      const pages = () => server.on('/users', reply.json({ data: [{ id: 1 }, { id: 2 }] }), reply.json({ data: [{ id: 3 }] }));
      pages();
      const manifest = join(dir, 'users.yaml');
      writeFileSync(manifest, manifestYaml());
      const config = join(dir, 'users-config.json');
      writeFileSync(config, JSON.stringify({ token: 'very-secret-token' }));
      const check = await runBin(['check', '--config', config, '--manifest-path', manifest]);
      assert.equal(check.code, 0, check.stderr);
      assert.equal(only(check, 'CONNECTION_STATUS')[0].connectionStatus.status, 'SUCCEEDED');
      server.requests.length = 0;
      pages();
      const catalog = join(dir, 'users-catalog.json');
      const stream = { name: 'users', json_schema: {}, supported_sync_modes: ['full_refresh'] };
      writeFileSync(catalog, JSON.stringify({ streams: [{ stream, sync_mode: 'full_refresh', destination_sync_mode: 'overwrite' }] }));
      const read = await runBin(['read', '--config', config, '--catalog', catalog, '--manifest-path', manifest]);
      assert.equal(read.code, 0, read.stderr);
      assert.deepEqual(
        only(read, 'RECORD').map((message) => message.record.data),
        [{ id: 1 }, { id: 2 }, { id: 3 }],
      );
      assert.deepEqual(
        server.requests.map((request) => `${request.url.pathname}${request.url.search}`),
        ['/users', '/users?page=2'],
      );
      assert.ok(server.requests.every((request) => request.headers.authorization === 'Bearer very-secret-token'));
      assert.ok(!JSON.stringify(read.messages).includes('very-secret-token'));
    });
  });

  test('--manifest-path of a file that does not exist is a config error naming the file', async () => {
    const result = await runBin(['spec', '--manifest-path', join(dir, 'missing.yaml')]);
    assert.equal(result.code, 1);
    const error = errorTrace(result);
    assert.equal(error.failure_type, 'config_error');
    assert.match(error.message, /missing\.yaml.*does not exist/);
  });

  test('check and read run a manifest against its API: SUCCEEDED, the records, a final state; a 401 fails check by name', async () => {
    const server = createServer((request, response) => {
      const authorised = request.headers.authorization === 'Bearer sdm-test-token';
      response.writeHead(authorised ? 200 : 401, { 'content-type': 'application/json' });
      response.end(JSON.stringify(authorised ? { data: [{ id: 1 }, { id: 2 }] } : { error: 'bad token' }));
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    try {
      const { port } = server.address() as AddressInfo;
      const manifestPath = join(dir, 'items.yaml');
      writeFileSync(manifestPath, itemsManifest(`http://127.0.0.1:${port}`));
      const configPath = (token: string) => {
        const file = join(dir, `config-${token}.json`);
        writeFileSync(file, JSON.stringify({ api_key: token }));
        return file;
      };
      const check = await runBin(['check', '--config', configPath('sdm-test-token'), '--manifest-path', manifestPath]);
      assert.equal(only(check, 'CONNECTION_STATUS')[0].connectionStatus.status, 'SUCCEEDED', check.stderr);
      const denied = await runBin(['check', '--config', configPath('wrong-token'), '--manifest-path', manifestPath]);
      const status = only(denied, 'CONNECTION_STATUS')[0].connectionStatus;
      assert.equal(status.status, 'FAILED');
      assert.match(status.message ?? '', /items/);
      assert.doesNotMatch(JSON.stringify(denied.messages), /wrong-token/);

      const catalogPath = join(dir, 'items-catalog.json');
      const stream = { name: 'items', json_schema: {}, supported_sync_modes: ['full_refresh'] };
      writeFileSync(catalogPath, JSON.stringify({ streams: [{ stream, sync_mode: 'full_refresh', destination_sync_mode: 'overwrite' }] }));
      const read = await runBin([
        'read',
        '--config',
        configPath('sdm-test-token'),
        '--catalog',
        catalogPath,
        '--manifest-path',
        manifestPath,
      ]);
      assert.equal(read.code, 0, read.stderr);
      assert.deepEqual(
        only(read, 'RECORD').map((message) => message.record.data),
        [{ id: 1 }, { id: 2 }],
      );
      assert.ok(only(read, 'STATE').length > 0, 'a final state is written');
    } finally {
      server.close();
    }
  });
});

function itemsManifest(urlBase: string): string {
  return `version: 6.0.0
type: DeclarativeSource
check: { type: CheckStream, stream_names: [items] }
spec:
  type: Spec
  connection_specification:
    type: object
    required: [api_key]
    properties: { api_key: { type: string, airbyte_secret: true } }
streams:
  - type: DeclarativeStream
    name: items
    primary_key: [id]
    schema_loader: { type: InlineSchemaLoader, schema: { type: object, properties: { id: { type: integer } } } }
    retriever:
      type: SimpleRetriever
      requester:
        type: HttpRequester
        url_base: ${urlBase}
        path: /items
        authenticator: { type: BearerAuthenticator, api_token: "{{ config['api_key'] }}" }
      record_selector: { type: RecordSelector, extractor: { type: DpathExtractor, field_path: [data] } }
`;
}
