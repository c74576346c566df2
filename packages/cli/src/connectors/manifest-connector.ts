/**
 * An Airbyte declarative manifest given where a connector is expected (`tributary sync
 * manifest.yaml`): run in this process by `@tributary/declarative`'s `DeclarativeSource`, like a
 * Tributary connector package.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { invoke } from '@tributary/cdk/runtime';
import type { LoadedManifest } from '@tributary/declarative';
import { UsageError } from '../exit-codes.js';
import { declarativeEngine } from './declarative-engine.js';
import { InProcessConnector } from './in-process-connector.js';

/** True when a connector argument names a manifest (`.yaml` or `.yml`) rather than a package folder. */
export function isManifestArgument(argument: string): boolean {
  const extension = extname(argument).toLowerCase();
  return extension === '.yaml' || extension === '.yml';
}

/**
 * The connector's name, for its DuckDB file and reports: the manifest's file name, or, for
 * Airbyte's layout (`source-pokeapi/manifest.yaml`), its folder's name.
 */
export function manifestConnectorName(path: string): string {
  const absolute = resolve(path);
  const stem = basename(absolute, extname(absolute));
  if (stem.toLowerCase() !== 'manifest') return stem;
  return basename(dirname(absolute)) || stem;
}

/** A loaded manifest, or a usage error when the file is missing, or an error listing every problem of the manifest. */
export async function loadManifestArgument(path: string): Promise<LoadedManifest> {
  if (!existsSync(path)) throw new UsageError(`the manifest '${path}' does not exist`);
  if (!statSync(path).isFile()) throw new UsageError(`the manifest '${path}' is not a file`);
  const { formatIssue, loadManifestFile, ManifestError } = await declarativeEngine();
  try {
    return loadManifestFile(path);
  } catch (error) {
    if (!(error instanceof ManifestError) || error.issues.length === 0) throw error;
    const lines = error.issues.map((issue) => `  ${formatIssue(issue)}`);
    throw new Error(`${error.message.split(': ')[0]}:\n${lines.join('\n')}`);
  }
}

/** The manifest in `path` as a connector, run in this process. */
export async function loadManifestConnector(
  path: string,
  log: (level: string, message: string) => void = () => {},
): Promise<InProcessConnector> {
  const manifest = await loadManifestArgument(path);
  const { DeclarativeSource } = await declarativeEngine();
  const name = manifestConnectorName(path);
  return new InProcessConnector(
    name,
    `in-process manifest ${path} (DeclarativeSource)`,
    invoke,
    () => new DeclarativeSource(manifest),
    log,
  );
}
