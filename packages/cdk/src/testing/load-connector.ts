import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Source } from '../index.js';

/** A connector package loaded into this process. */
export interface LoadedConnector {
  /** The package name (`source-faker`). */
  name: string;
  /** The package folder. */
  dir: string;
  /** The exported name of the source class. */
  exportName: string;
  /** A fresh source. */
  create(): Source;
}

interface PackageJson {
  name?: string;
  main?: string;
  exports?: unknown;
  tributary?: { source?: string; export?: string };
}

/**
 * Loads a built connector package the way `tributary` finds its source: `package.json`
 * `"tributary": { "source": "./dist/index.js", "export": "MySource" }` when present, else the one
 * exported `Source` subclass of the package's entry module (`exports["."]` or `main`).
 * Load it with the test kit its own `@tributary/cdk` provides, so the classes are the same.
 */
export async function loadConnector(folder: string, options: { exportName?: string } = {}): Promise<LoadedConnector> {
  const dir = resolve(folder);
  const manifestPath = join(dir, 'package.json');
  if (!existsSync(manifestPath)) throw new Error(`${folder} is not a connector package: it has no package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as PackageJson;
  const name = (manifest.name ?? basename(dir)).replace(/^@[^/]+\//, '');
  const entry = manifest.tributary?.source ?? entryOf(manifest);
  const entryPath = resolve(dir, entry);
  if (!existsSync(entryPath)) throw new Error(`connector '${name}': ${entry} does not exist; build the connector first (npm run build)`);
  const module = (await import(pathToFileURL(entryPath).href)) as Record<string, unknown>;
  const wanted = options.exportName ?? manifest.tributary?.export;
  const classes = new Map<Function, string>();
  for (const [key, value] of Object.entries(module)) {
    if (isSourceClass(value) && !classes.has(value) && (wanted === undefined || key === wanted)) classes.set(value, key);
  }
  if (classes.size !== 1) {
    const found = classes.size === 0 ? 'none' : [...classes.values()].join(', ');
    const what = wanted === undefined ? 'exactly one Source subclass' : `a Source subclass named '${wanted}'`;
    throw new Error(
      `connector '${name}': expected ${entry} to export ${what} (found ${found}); name it in package.json: "tributary": { "source": "${entry}", "export": "MySource" }`,
    );
  }
  const [[SourceClass, exportName]] = [...classes.entries()] as [[new () => Source, string]];
  return { name, dir, exportName, create: () => new SourceClass() };
}

function entryOf(manifest: PackageJson): string {
  const exported = manifest.exports;
  if (typeof exported === 'string') return exported;
  if (typeof exported === 'object' && exported !== null) {
    const root = (exported as Record<string, unknown>)['.'] ?? exported;
    if (typeof root === 'string') return root;
    if (typeof root === 'object' && root !== null) {
      const conditions = root as Record<string, unknown>;
      const target = conditions.import ?? conditions.default ?? conditions.node;
      if (typeof target === 'string') return target;
    }
  }
  return manifest.main ?? './index.js';
}

function isSourceClass(value: unknown): value is new () => Source {
  return typeof value === 'function' && value.prototype instanceof Source;
}
