/**
 * A connector as `tributary test` and `tributary infer-schema` take it: a package folder with the
 * test kit of its own `@tributary/cdk` (so the kit's classes are the connector's), or a
 * declarative manifest.
 */
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Source } from '@tributary/cdk';
import { UsageError } from '../exit-codes.js';
import { declarativeEngine } from './declarative-engine.js';
import { isManifestArgument, loadManifestArgument, manifestConnectorName } from './manifest-connector.js';

export type TestKit = typeof import('@tributary/cdk/testing');

/** `@tributary/cdk/testing` as the connector in `dir` resolves it, or this CLI's own when it resolves none. */
export async function testKitFor(dir: string): Promise<TestKit> {
  let resolved: string | undefined;
  try {
    resolved = createRequire(join(resolve(dir), 'package.json')).resolve('@tributary/cdk/testing');
  } catch {
    resolved = undefined;
  }
  return (resolved === undefined ? await import('@tributary/cdk/testing') : await import(pathToFileURL(resolved).href)) as TestKit;
}

/** The absolute folder of a connector argument; one that is not a package folder is a usage error. */
export function connectorFolder(folder: string): string {
  const dir = resolve(folder);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${folder} is not a connector package: it is not a folder`);
  if (!existsSync(join(dir, 'package.json'))) throw new UsageError(`${folder} is not a connector package: it has no package.json`);
  return dir;
}

/** What `tributary test` and `infer-schema` run: a connector with the test kit of its CDK. */
export interface TestTarget {
  /** The folder its conventional files are in (secrets/config.json, schemas/). */
  dir: string;
  kit: TestKit;
  name: string;
  create(): Source<unknown>;
}

/**
 * A connector argument as `tributary test` and `infer-schema` take it: a package folder (through
 * its own CDK's test kit), or a declarative manifest (through this CLI's), whose folder holds its
 * conventional files as in Airbyte's layout (`source-x/manifest.yaml`, `source-x/secrets/config.json`).
 */
export async function loadTestTarget(argument: string, exportName: string | undefined): Promise<TestTarget> {
  if (isManifestArgument(argument)) {
    const manifest = await loadManifestArgument(argument);
    const { DeclarativeSource } = await declarativeEngine();
    const kit = (await import('@tributary/cdk/testing')) as TestKit;
    const name = manifestConnectorName(argument);
    return { dir: dirname(resolve(argument)), kit, name, create: () => new DeclarativeSource(manifest) };
  }
  const dir = connectorFolder(argument);
  const kit = await testKitFor(dir);
  const connector = await kit.loadConnector(dir, { exportName });
  return { dir, kit, name: connector.name, create: () => connector.create() };
}
