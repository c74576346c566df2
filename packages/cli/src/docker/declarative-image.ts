/**
 * The images of declarative connectors, on the `source-declarative-manifest` command of
 * `@tributary/declarative`, with the contract of Airbyte's images of the same name:
 *
 * - `tributary build --declarative`: the generic image. Its manifest comes in the config
 *   (`__injected_declarative_manifest`), as the Airbyte platform runs Connector Builder
 *   connectors; `spec` answers the generic spec.
 * - `tributary build --manifest <yaml>`: a manifest-only connector. The same image with the
 *   manifest at `source_declarative_manifest/manifest.yaml` of the code folder, where Airbyte's
 *   manifest-only images keep it (and where the command looks for it first); `spec` answers the
 *   manifest's spec.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { ConnectorSpecification } from '@tributary/cdk';
import { parse } from 'yaml';
import { type DeclarativeEngine, declarativeEngine } from '../connectors/declarative-engine.js';
import { loadManifestArgument, manifestConnectorName } from '../connectors/manifest-connector.js';
import { type ConnectorPackage, loadConnectorPackage } from './connector-package.js';

/** Where the manifest goes in the bundle (and so under /airbyte/integration_code), as in Airbyte's images. */
export const MANIFEST_FOLDER = 'source_declarative_manifest';
/** The generic image's repository, as Airbyte's (`airbyte/source-declarative-manifest`). */
export const DECLARATIVE_REPOSITORY = 'tributary/source-declarative-manifest';
/** The tag of a manifest image when nothing says its version (Airbyte's local builds use `dev` too). */
export const MANIFEST_DEFAULT_VERSION = 'dev';

/** A manifest built into an image. */
export interface ImageManifest {
  /** The manifest file on the host. */
  file: string;
  /** Its `schemas/` folder (for `JsonFileSchemaLoader`), when there is one. */
  schemasDir?: string;
  /** The spec the image must answer, checked when it is built. */
  spec: ConnectorSpecification;
}

/** `@tributary/declarative` as this CLI resolves it, as a package whose entry is the `source-declarative-manifest` bin. */
export function declarativePackage(): ConnectorPackage {
  const packageJson = createRequire(import.meta.url).resolve('@tributary/declarative/package.json');
  const pkg = loadConnectorPackage(dirname(packageJson));
  const main = join(pkg.dir, 'dist/cli/main.js');
  if (!existsSync(main)) throw new Error(`${main} does not exist: build @tributary/declarative first (in this repository: npm run build)`);
  return pkg;
}

/** The manifest file for `--manifest`, with what the image needs of it; warnings for what cannot work in it. */
export async function imageManifest(path: string): Promise<{ manifest: ImageManifest; name: string; version: string; warnings: string[] }> {
  const loaded = await loadManifestArgument(path);
  const { DeclarativeSource, findCustomComponents } = await declarativeEngine();
  const file = resolve(path);
  const schemas = join(dirname(file), 'schemas');
  const manifest: ImageManifest = { file, spec: new DeclarativeSource(loaded).spec() };
  if (existsSync(schemas) && statSync(schemas).isDirectory()) manifest.schemasDir = schemas;
  return {
    manifest,
    name: manifestConnectorName(path),
    version: metadataVersion(file),
    warnings: customComponentWarnings(findCustomComponents(loaded.resolved)),
  };
}

/** Copies the manifest (and its schemas) into the bundle, where the image's command finds it. */
export function addManifestToBundle(bundleDir: string, manifest: ImageManifest): void {
  const target = join(bundleDir, MANIFEST_FOLDER);
  mkdirSync(target, { recursive: true });
  cpSync(manifest.file, join(target, 'manifest.yaml'));
  if (manifest.schemasDir) cpSync(manifest.schemasDir, join(target, 'schemas'), { recursive: true });
}

/** The version in Airbyte's `metadata.yaml` beside the manifest (`data.dockerImageTag`), else `dev`. */
function metadataVersion(manifestFile: string): string {
  const metadata = join(dirname(manifestFile), 'metadata.yaml');
  if (!existsSync(metadata)) return MANIFEST_DEFAULT_VERSION;
  try {
    const tag = (parse(readFileSync(metadata, 'utf8')) as { data?: { dockerImageTag?: unknown } } | null)?.data?.dockerImageTag;
    return typeof tag === 'string' && tag !== '' ? tag : MANIFEST_DEFAULT_VERSION;
  } catch {
    return MANIFEST_DEFAULT_VERSION;
  }
}

function customComponentWarnings(custom: ReturnType<DeclarativeEngine['findCustomComponents']>): string[] {
  if (custom.length === 0) return [];
  const classes = [...new Set(custom.map((use) => use.className))].join(', ');
  return [
    `the manifest uses custom Python components (${classes}), which Tributary does not run: the streams that need them fail with a config error`,
  ];
}
