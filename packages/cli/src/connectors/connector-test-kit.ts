/**
 * A connector package as `tributary test` and `tributary infer-schema` take it: its folder, and
 * the test kit of its own `@tributary/cdk` (so the kit's classes are the connector's).
 */
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../exit-codes.js';

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
