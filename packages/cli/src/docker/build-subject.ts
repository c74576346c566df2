/**
 * What `tributary build` puts in an image: a connector package, the generic
 * `source-declarative-manifest` (`--declarative`), or a manifest-only connector (`--manifest`),
 * each with the image name it gets by default.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../exit-codes.js';
import { type ConnectorPackage, checkCompiled, loadConnectorPackage } from './connector-package.js';
import { DECLARATIVE_REPOSITORY, declarativePackage, type ImageManifest, imageManifest } from './declarative-image.js';
import { defaultDockerRepository } from './metadata.js';

export interface BuildSubject {
  /** The package whose production bundle is the image's code. */
  connector: ConnectorPackage;
  /** The image name and version when `--tag` does not say them. */
  repository: string;
  version: string;
  /** What the image runs, for messages and the Dockerfile's header: a name and a version. */
  title: { name: string; version: string };
  /** The manifest of a manifest-only connector image. */
  manifest?: ImageManifest;
  warnings: string[];
}

export interface BuildSubjectChoice {
  /** A connector folder, or a name looked up under connectors/. */
  connector?: string;
  /** A manifest file: a manifest-only connector image. */
  manifest?: string;
  /** The generic source-declarative-manifest image. */
  declarative?: boolean;
}

/** The one subject chosen; none or several is a usage error. */
export async function buildSubject(choice: BuildSubjectChoice, cwd: string): Promise<BuildSubject> {
  const given = [choice.connector !== undefined, choice.manifest !== undefined, choice.declarative === true].filter(Boolean).length;
  if (given !== 1) throw new UsageError('give exactly one of: a connector folder, --manifest <manifest.yaml>, or --declarative');
  if (choice.declarative) return declarativeSubject();
  if (choice.manifest !== undefined) return manifestSubject(resolve(cwd, choice.manifest));
  const connector = loadConnectorPackage(choice.connector as string, cwd);
  const stale = checkCompiled(connector);
  return {
    connector,
    repository: defaultDockerRepository(connector),
    version: connector.version,
    title: { name: connector.name, version: connector.version },
    warnings: stale ? [stale] : [],
  };
}

function declarativeSubject(): BuildSubject {
  const connector = declarativePackage();
  const stale = staleBuild(connector);
  return {
    connector,
    repository: DECLARATIVE_REPOSITORY,
    version: connector.version,
    title: { name: `source-declarative-manifest on ${connector.name}`, version: connector.version },
    warnings: stale ? [stale] : [],
  };
}

async function manifestSubject(path: string): Promise<BuildSubject> {
  const connector = declarativePackage();
  const { manifest, name, version, warnings } = await imageManifest(path);
  const stale = staleBuild(connector);
  return {
    connector,
    repository: `tributary/${imageNameOf(name)}`,
    version,
    title: { name: `manifest ${name} on ${connector.name}`, version: connector.version },
    manifest,
    warnings: stale ? [stale, ...warnings] : warnings,
  };
}

/** A connector name as an image name: lowercase, other characters as `-`. */
function imageNameOf(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '') || 'source-manifest'
  );
}

/** A warning when the declarative package's sources are newer than its build. */
function staleBuild(connector: ConnectorPackage): string | undefined {
  const src = join(connector.dir, 'src');
  const dist = join(connector.dir, 'dist');
  return newest(src) > newest(dist) ? `${src} has changes newer than ${dist}: the build may be stale (npm run build)` : undefined;
}

function newest(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}
