/**
 * A manifest-only image's manifest: `source_declarative_manifest/manifest.yaml` in the folder the
 * package is installed at, as Airbyte's source-declarative-manifest image finds it.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { findLocalManifest, LOCAL_MANIFEST, packageRootOf } from '../../src/cli/local-manifest.js';

const root = mkdtempSync(join(tmpdir(), 'sdm-local-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('the package root is two folders above the running module (dist/cli/main.js)', () => {
  assert.equal(packageRootOf(pathToFileURL(join(root, 'dist/cli/main.js')).href), `${root}/`);
});

test('a manifest at source_declarative_manifest/manifest.yaml is found; none, or a folder there, is not', () => {
  assert.equal(findLocalManifest(root), undefined);
  mkdirSync(join(root, LOCAL_MANIFEST), { recursive: true });
  assert.equal(findLocalManifest(root), undefined);
  rmSync(join(root, LOCAL_MANIFEST), { recursive: true });
  writeFileSync(join(root, LOCAL_MANIFEST), 'version: 6.0.0\n');
  assert.equal(findLocalManifest(root), join(root, 'source_declarative_manifest/manifest.yaml'));
});
