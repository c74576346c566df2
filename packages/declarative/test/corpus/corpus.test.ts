/**
 * The whole corpus, in process: every manifest loads (or fails as it fails in the Python CDK),
 * `spec` equals the Python CDK's SPEC for every connector that printed one, and `discover` equals
 * its CATALOG except for the listed, explained differences.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { loadManifestFile } from '../../src/manifest/load-manifest.js';
import { ManifestError } from '../../src/manifest/manifest-error.js';
import { DeclarativeSource } from '../../src/source/declarative-source.js';
import { corpusConfig, corpusConnectors, corpusSkipReason, expectedMessage, manifestFile } from '../helpers/corpus.js';
import { errorTrace, only, runInProcess } from '../helpers/run.js';
import { CATALOG_WHERE_PYTHON_FAILED, DISCOVER_DIFFERENCES } from './known-differences.js';

const skip = corpusSkipReason();

describe('the declarative corpus', { skip }, () => {
  const connectors = skip ? [] : corpusConnectors();

  test('every manifest loads, except those the Python CDK rejects as invalid', () => {
    const rejected: string[] = [];
    for (const connector of connectors) {
      try {
        loadManifestFile(manifestFile(connector));
      } catch (error) {
        assert.ok(error instanceof ManifestError, `${connector}: ${String(error)}`);
        assert.ok(
          error.issues.every((issue) => issue.line !== undefined && issue.path),
          `${connector}: ${error.message}`,
        );
        rejected.push(connector);
      }
    }
    const pythonRejected = connectors.filter((connector) => expectedMessage(connector, 'spec', 'SPEC') === undefined);
    assert.deepEqual(rejected, pythonRejected);
    assert.equal(connectors.length - rejected.length, 391);
  });

  test('spec equals the Python CDK SPEC for every connector where it printed one', async () => {
    let compared = 0;
    for (const connector of connectors) {
      const expected = expectedMessage(connector, 'spec', 'SPEC');
      const result = await runInProcess(new DeclarativeSource(manifestFile(connector)), { command: 'spec' });
      if (expected === undefined) {
        assert.equal(result.code, 1, connector);
        assert.equal(errorTrace(result).failure_type, 'config_error', connector);
        continue;
      }
      assert.deepEqual(only(result, 'SPEC')[0], expected, connector);
      compared++;
    }
    assert.equal(compared, 391);
  });

  test('discover equals the Python CDK CATALOG, apart from the listed differences', async () => {
    const differing: string[] = [];
    const extraCatalogs: string[] = [];
    let withCatalog = 0;
    for (const connector of connectors) {
      const config = corpusConfig(connector);
      if (config === undefined) continue;
      const expected = expectedMessage(connector, 'discover', 'CATALOG');
      const result = await runInProcess(new DeclarativeSource(manifestFile(connector)), { command: 'discover', config });
      const catalog = only(result, 'CATALOG')[0];
      if (expected === undefined) {
        if (catalog !== undefined) extraCatalogs.push(connector);
        else assert.equal(result.code, 1, connector);
        continue;
      }
      withCatalog++;
      if (!isDeepStrictEqual(catalog, expected)) differing.push(connector);
    }
    assert.equal(withCatalog, 384);
    assert.deepEqual(differing, Object.keys(DISCOVER_DIFFERENCES).sort());
    assert.deepEqual(extraCatalogs, Object.keys(CATALOG_WHERE_PYTHON_FAILED).sort());
    assert.ok((withCatalog - differing.length) / withCatalog >= 0.97);
  });

  test('a custom schema loader fails discover with a config error naming the class and where it is used', async () => {
    const result = await runInProcess(new DeclarativeSource(manifestFile('source-us-census')), {
      command: 'discover',
      config: corpusConfig('source-us-census') ?? {},
    });
    const error = errorTrace(result);
    assert.equal(result.code, 1);
    assert.equal(error.failure_type, 'config_error');
    assert.match(error.message, /source_declarative_manifest\.components\.USCensusSchema/);
    assert.match(error.message, /source-us-census\.yaml:\d+:\d+: streams\[0\]\.schema_loader/);
  });
});
