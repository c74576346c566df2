/** metadata.yaml: Airbyte's registry shape, stable definition ids, sync modes from discover, package.json overrides. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { connectorMetadata } from '../src/commands/build-image.js';
import { defaultConfig } from '../src/docker/connector-discovery.js';
import { type ConnectorPackage, loadConnectorPackage } from '../src/docker/connector-package.js';
import { definitionIdOf, TRIBUTARY_DEFINITION_NAMESPACE, uuidV5 } from '../src/docker/definition-id.js';
import { buildMetadata, toYaml } from '../src/docker/metadata.js';
import { fakerFolder } from './helpers/cli.js';

/** The `data` keys of Airbyte's ConnectorMetadataDefinitionV0, which rejects any other key. */
const AIRBYTE_DATA_KEYS = new Set([
  'name',
  'icon',
  'definitionId',
  'connectorBuildOptions',
  'connectorTestSuitesOptions',
  'connectorType',
  'dockerRepository',
  'dockerImageTag',
  'supportsDbt',
  'supportsNormalization',
  'license',
  'documentationUrl',
  'externalDocumentationUrls',
  'githubIssueLabel',
  'maxSecondsBetweenMessages',
  'releaseDate',
  'protocolVersion',
  'erdUrl',
  'connectorSubtype',
  'releaseStage',
  'supportLevel',
  'tags',
  'registryOverrides',
  'allowedHosts',
  'releases',
  'normalizationConfig',
  'suggestedStreams',
  'resourceRequirements',
  'ab_internal',
  'remoteRegistries',
  'supportsRefreshes',
  'generated',
  'supportsFileTransfer',
  'supportsDataActivation',
  'connectorIPCOptions',
]);
const REQUIRED = [
  'name',
  'definitionId',
  'connectorType',
  'dockerRepository',
  'dockerImageTag',
  'license',
  'documentationUrl',
  'githubIssueLabel',
  'connectorSubtype',
  'releaseStage',
];

function fakePackage(pkg: ConnectorPackage['pkg']): ConnectorPackage {
  const name = pkg.name ?? 'source-x';
  return {
    dir: '/nowhere',
    pkg,
    name,
    unscopedName: name.replace(/^@[^/]+\//, ''),
    version: pkg.version ?? '1.0.0',
    entry: 'dist/main.js',
  };
}
const SPEC = { documentationUrl: 'https://example.com/docs', connectionSpecification: { type: 'object' } };
const STREAMS = [{ stream: 'items', modes: ['full_refresh'] }];

describe('definition ids', () => {
  test('uuidV5 matches RFC 9562 name-based UUIDs', () => {
    assert.equal(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
    assert.equal(TRIBUTARY_DEFINITION_NAMESPACE, '2dc6d752-8778-52de-ac21-af4f3d23f84e');
  });

  test('are derived from the package name only: stable, distinct, version 5', () => {
    assert.equal(definitionIdOf('source-faker'), 'a266a5fb-11ff-573f-8d74-c71557e51e5d');
    assert.equal(definitionIdOf('source-faker'), definitionIdOf('source-faker'));
    assert.notEqual(definitionIdOf('source-faker'), definitionIdOf('@acme/source-faker'));
    assert.match(definitionIdOf('@acme/source-faker'), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('source-faker metadata', () => {
  const generated = connectorMetadata({ connector: fakerFolder, stdout: true });
  const parsed = parse(generated.yaml) as { metadataSpecVersion: string; data: Record<string, unknown> };

  test('is the YAML of the metadata, in the shape of Airbyte connector registry', () => {
    assert.deepEqual(parsed, generated.metadata);
    assert.equal(parsed.metadataSpecVersion, '1.0');
    assert.deepEqual(Object.keys(parsed).sort(), ['data', 'metadataSpecVersion']);
    for (const key of REQUIRED) assert.ok(parsed.data[key] !== undefined, key);
    assert.deepEqual(
      Object.keys(parsed.data).filter((key) => !AIRBYTE_DATA_KEYS.has(key)),
      [],
    );
  });

  test('comes from the package data, the spec and discover', () => {
    assert.deepEqual(parsed.data, {
      connectorType: 'source',
      connectorSubtype: 'api',
      definitionId: 'a266a5fb-11ff-573f-8d74-c71557e51e5d',
      dockerRepository: 'tributary/source-faker',
      dockerImageTag: '0.1.0',
      documentationUrl: 'https://docs.airbyte.com/integrations/sources/faker',
      githubIssueLabel: 'source-faker',
      license: loadConnectorPackage(fakerFolder).pkg.license ?? 'UNLICENSED',
      name: 'Faker',
      releaseStage: 'alpha',
      supportLevel: 'community',
      tags: ['language:typescript', 'cdk:tributary', 'sync-mode:full_refresh', 'sync-mode:incremental'],
      connectorBuildOptions: { baseImage: 'node:20-slim' },
    });
    assert.deepEqual(generated.streams, [
      { stream: 'users', modes: ['full_refresh', 'incremental'] },
      { stream: 'products', modes: ['full_refresh'] },
      { stream: 'purchases', modes: ['full_refresh', 'incremental'] },
    ]);
    assert.match(generated.yaml, /^# {3}products {3}full_refresh$/m);
  });

  test('the committed connectors/source-faker/metadata.yaml is up to date', () => {
    assert.equal(
      readFileSync(join(fakerFolder, 'metadata.yaml'), 'utf8'),
      generated.yaml,
      'run: tributary metadata connectors/source-faker',
    );
  });
});

describe('overrides and defaults', () => {
  test("package.json's airbyte block replaces generated values and adds tags", () => {
    const { data } = buildMetadata(
      fakePackage({
        name: '@acme/source-shop',
        version: '2.0.0',
        license: 'MIT',
        airbyte: {
          name: 'Shop',
          definitionId: '11111111-2222-4333-8444-555555555555',
          dockerRepository: 'acme/source-shop',
          releaseStage: 'beta',
          allowedHosts: { hosts: ['api.shop.example'] },
          tags: ['keyword:shop'],
        },
      }),
      SPEC,
      STREAMS,
    );
    assert.equal(data.name, 'Shop');
    assert.equal(data.definitionId, '11111111-2222-4333-8444-555555555555');
    assert.equal(data.dockerRepository, 'acme/source-shop');
    assert.equal(data.dockerImageTag, '2.0.0');
    assert.equal(data.githubIssueLabel, 'source-shop');
    assert.equal(data.license, 'MIT');
    assert.equal(data.releaseStage, 'beta');
    assert.deepEqual(data.allowedHosts, { hosts: ['api.shop.example'] });
    assert.deepEqual(data.tags, ['language:typescript', 'cdk:tributary', 'sync-mode:full_refresh', 'keyword:shop']);
  });

  test('keys and values Airbyte would reject are errors', () => {
    assert.throws(
      () => buildMetadata(fakePackage({ airbyte: { supportedSyncModes: [] } }), SPEC, STREAMS),
      /airbyte\.supportedSyncModes is not a key/,
    );
    assert.throws(() => buildMetadata(fakePackage({ airbyte: { releaseStage: 'ga' } }), SPEC, STREAMS), /must be one of alpha, beta/);
    assert.throws(() => buildMetadata(fakePackage({ airbyte: { definitionId: 'x' } }), SPEC, STREAMS), /must be a UUID/);
    assert.throws(() => buildMetadata(fakePackage({}), { connectionSpecification: {} }, STREAMS), /needs a documentationUrl/);
  });

  test('defaultConfig takes the defaults of the spec properties, nested objects included', () => {
    assert.deepEqual(
      defaultConfig({
        properties: {
          count: { type: 'integer', default: 10 },
          token: { type: 'string' },
          paging: { type: 'object', properties: { size: { default: 50 }, cursor: {} } },
        },
      }),
      { count: 10, paging: { size: 50 } },
    );
  });

  test('the YAML writer quotes what YAML (1.2, or 1.1 as PyYAML reads it) would read as another type', () => {
    const value = {
      a: '1.0',
      b: '0.1.0',
      c: 'true',
      d: 'node:20-slim',
      e: 'x #y',
      f: [],
      g: {},
      h: [{ k: 1, l: ['m'] }],
      i: '',
      j: 'yes',
      y: 'off',
      n: '1:20',
      long: `${'word '.repeat(40)}end`,
    };
    const text = toYaml(value);
    assert.deepEqual(parse(text), value);
    assert.deepEqual(parse(text, { version: '1.1' }), value);
    assert.match(text, /^a: "1\.0"$/m);
    assert.match(text, /^b: 0\.1\.0$/m);
    assert.match(text, /^long: word .* end$/m, 'a long value stays on one line');
  });
});
