/**
 * What `tributary test` and `tributary infer-schema` share: the test kit of a connector's own
 * `@tributary/cdk` (so its classes are the connector's), and reading config files.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../exit-codes.js';
import { excessiveNesting, nestingMessage } from '../json-depth.js';

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

/** A JSON object from inline JSON (`{"count": 1}`) or a file; `what` names it in errors. */
export function readJsonInput(input: string, what: string): Record<string, unknown> {
  const text = input.trim().startsWith('{') || input.trim().startsWith('[') ? input : readFile(input, what);
  const deep = excessiveNesting(text);
  if (deep !== undefined) throw new Error(nestingMessage(`the ${what}${text === input ? '' : ` (${input})`}`, deep));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`the ${what} is not valid JSON${text === input ? '' : ` (${input})`}`);
  }
  if (typeof value !== 'object' || value === null) throw new Error(`the ${what} must be a JSON object or array`);
  return value as Record<string, unknown>;
}

/** `--config`, else the connector's `secrets/config.json` (the Airbyte convention), else undefined. */
export function configInput(dir: string, given: string | undefined, fallback = 'secrets/config.json'): Record<string, unknown> | undefined {
  if (given !== undefined) return readJsonInput(given, 'config');
  const conventional = join(dir, fallback);
  return existsSync(conventional) ? readJsonInput(conventional, 'config') : undefined;
}

/** `a,b` → `['a', 'b']` */
export function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function readFile(path: string, what: string): string {
  if (!existsSync(path)) throw new Error(`the ${what} file ${path} does not exist`);
  return readFileSync(path, 'utf8');
}
