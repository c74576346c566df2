/**
 * What `tributary build` and `tributary metadata` need to know about a connector package: where
 * it is, its package.json, the compiled entry point the image runs, and the optional `airbyte`
 * block of package.json that overrides generated metadata.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { UsageError } from '../exit-codes.js';

export interface PackageJson {
  name?: string;
  version?: string;
  description?: string;
  license?: string;
  homepage?: string;
  main?: string;
  bin?: string | Record<string, string>;
  files?: string[];
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  /** Overrides for the generated metadata.yaml (see metadata.ts). */
  airbyte?: Record<string, unknown>;
}

export interface ConnectorPackage {
  /** Absolute path of the connector package root (the folder holding package.json). */
  dir: string;
  pkg: PackageJson;
  /** The npm package name, e.g. `source-faker` or `@acme/source-foo`. */
  name: string;
  /** The name without an npm scope: `@acme/source-foo` → `source-foo`. */
  unscopedName: string;
  version: string;
  /** The entry file the image runs, relative to `dir` with `/` separators (e.g. `dist/main.js`). */
  entry: string;
}

export function readPackageJson(dir: string): PackageJson {
  const file = join(dir, 'package.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
  } catch (error) {
    throw new Error(`Cannot read ${file}: ${(error as Error).message}`);
  }
}

/**
 * A connector given as a folder (absolute or relative to `cwd`) or as a name looked up in
 * `connectors/<name>` of the enclosing workspace (searched from `cwd` upwards).
 */
export function resolveConnectorDir(connector: string, cwd = process.cwd()): string {
  const direct = isAbsolute(connector) ? connector : resolve(cwd, connector);
  if (existsSync(join(direct, 'package.json'))) return direct;
  let dir = resolve(cwd);
  for (;;) {
    const candidate = join(dir, 'connectors', connector);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new UsageError(
    `Cannot find connector '${connector}': no package.json in ${direct} nor in a connectors/${connector} folder above ${cwd}`,
  );
}

function toRelativeEntry(dir: string, file: string): string {
  const relativeFile = normalize(file).replace(/^(\.\/)+/, '');
  if (isAbsolute(relativeFile) || relativeFile.startsWith(`..${sep}`) || relativeFile === '..') {
    throw new Error(`The connector entry '${file}' must be inside the package (${dir})`);
  }
  return relativeFile.split(sep).join('/');
}

/**
 * The file the image runs: the package's `bin` (the one named like the package when there are
 * several), else `main`.
 */
export function connectorEntry(dir: string, pkg: PackageJson): string {
  const unscoped = (pkg.name ?? '').replace(/^@[^/]+\//, '');
  let entry: string | undefined;
  if (typeof pkg.bin === 'string') entry = pkg.bin;
  else if (pkg.bin && typeof pkg.bin === 'object') {
    const bins = Object.entries(pkg.bin);
    entry = (bins.find(([name]) => name === unscoped) ?? bins[0])?.[1];
  }
  entry ??= pkg.main;
  if (!entry) throw new Error(`${join(dir, 'package.json')} has neither "bin" nor "main": cannot tell which file runs the connector`);
  return toRelativeEntry(dir, entry);
}

export function loadConnectorPackage(connector: string, cwd = process.cwd()): ConnectorPackage {
  const dir = resolveConnectorDir(connector, cwd);
  const pkg = readPackageJson(dir);
  if (!pkg.name) throw new Error(`${join(dir, 'package.json')} has no "name"`);
  if (!pkg.version) throw new Error(`${join(dir, 'package.json')} has no "version"`);
  return {
    dir,
    pkg,
    name: pkg.name,
    unscopedName: pkg.name.replace(/^@[^/]+\//, ''),
    version: pkg.version,
    entry: connectorEntry(dir, pkg),
  };
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

/**
 * Checks that the connector is compiled: its entry exists. Returns a warning when `src/` has
 * files newer than everything in the entry's folder (the build is probably stale).
 */
export function checkCompiled(connector: ConnectorPackage): string | undefined {
  const entryFile = join(connector.dir, connector.entry);
  if (!existsSync(entryFile)) {
    throw new Error(`${entryFile} does not exist: compile the connector first (in this repository: npm run build)`);
  }
  const srcDir = join(connector.dir, 'src');
  if (!existsSync(srcDir)) return undefined;
  const source = newestMtime(srcDir);
  const compiled = newestMtime(dirname(entryFile));
  return source > compiled ? `${srcDir} has changes newer than ${dirname(entryFile)}: the compiled connector may be stale` : undefined;
}
