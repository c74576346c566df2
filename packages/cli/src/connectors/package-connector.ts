/**
 * A Tributary connector package, loaded into this process: no subprocess, records handed over
 * as objects through the CDK's `invoke`.
 *
 * Which class is the source, by convention:
 * 1. `package.json` may say it:
 *      "tributary": { "source": "./dist/index.js", "export": "FakerSource" }
 *    (`source`: the module, relative to the package folder; `export`: the exported class).
 * 2. Otherwise the package's entry module (`main`, or `exports["."]`) is imported and its one
 *    exported subclass of `Source` is used; none or several is an error that asks for (1).
 *
 * The connector is run through the `@tributary/cdk` it depends on (resolved from its folder),
 * so a connector built against its own copy of the CDK works too.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Cdk from '@tributary/cdk';
import type * as CdkRuntime from '@tributary/cdk/runtime';
import { ConnectorFailure } from './connector.js';
import { InProcessConnector } from './in-process-connector.js';

interface PackageJson {
  name?: string;
  main?: string;
  exports?: unknown;
  tributary?: { source?: string; export?: string };
}

/** What the runner uses of the connector's CDK: its `Source` class and `invoke`. */
interface CdkModule {
  Source: typeof Cdk.Source;
  invoke: typeof CdkRuntime.invoke;
}
type SourceClass = new () => Cdk.Source<unknown>;

/** Loads the connector package in `folder`, to run in this process. Errors say what to fix. */
export async function loadPackageConnector(
  folder: string,
  log: (level: string, message: string) => void = () => {},
): Promise<InProcessConnector> {
  const dir = resolve(folder);
  const manifestPath = join(dir, 'package.json');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ConnectorFailure(`connector '${folder}' is not a folder; give a connector package folder, --command or --image`, undefined);
  }
  if (!existsSync(manifestPath)) throw new ConnectorFailure(`connector folder '${folder}' has no package.json`, undefined);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as PackageJson;
  const name = (manifest.name ?? basename(dir)).replace(/^@[^/]+\//, '');
  const cdk = await loadCdk(manifestPath);
  const entry = entryOf(manifest);
  const entryPath = resolve(dir, entry);
  if (!existsSync(entryPath)) {
    throw new ConnectorFailure(
      `connector '${name}': its module ${entry} does not exist; build the connector first (npm run build)`,
      undefined,
    );
  }
  const module = (await import(pathToFileURL(entryPath).href)) as Record<string, unknown>;
  const [exportName, SourceClass] = chooseSource(module, { name, entry, exportName: manifest.tributary?.export }, cdk);
  return new InProcessConnector(name, `in-process ${name} (${exportName})`, cdk.invoke, () => new SourceClass(), log);
}

/** The source class of the package's module: the one named in package.json, else its one exported Source subclass. */
function chooseSource(
  module: Record<string, unknown>,
  pkg: { name: string; entry: string; exportName: string | undefined },
  cdk: CdkModule,
): [string, SourceClass] {
  const { name, entry, exportName } = pkg;
  if (exportName !== undefined) {
    const value = module[exportName];
    if (!isSourceClass(value, cdk)) {
      throw new ConnectorFailure(`connector '${name}': ${entry} has no exported Source subclass named '${exportName}'`, undefined);
    }
    return [exportName, value];
  }
  const found = new Map<SourceClass, string>();
  for (const [key, value] of Object.entries(module)) if (isSourceClass(value, cdk) && !found.has(value)) found.set(value, key);
  if (found.size !== 1) {
    const listed = found.size === 0 ? 'none' : [...found.values()].join(', ');
    throw new ConnectorFailure(
      `connector '${name}': expected ${entry} to export exactly one Source subclass (found ${listed}); ` +
        `name it in package.json: "tributary": { "source": "${entry}", "export": "MySource" }`,
      undefined,
    );
  }
  const [[value, key]] = [...found.entries()] as [[SourceClass, string]];
  return [key, value];
}

/** The connector's own `@tributary/cdk` (or this CLI's, when it has none of its own). */
async function loadCdk(manifestPath: string): Promise<CdkModule> {
  const own = resolveFrom(manifestPath, '@tributary/cdk');
  const root = (own ? await import(pathToFileURL(own).href) : await import('@tributary/cdk')) as typeof Cdk;
  // `invoke` is in @tributary/cdk/runtime; a CDK from before that subpath has it at its root.
  const runtimePath = own === undefined ? undefined : resolveFrom(manifestPath, '@tributary/cdk/runtime');
  const runtime = (
    own === undefined
      ? await import('@tributary/cdk/runtime')
      : runtimePath === undefined
        ? root
        : await import(pathToFileURL(runtimePath).href)
  ) as Partial<typeof CdkRuntime>;
  if (typeof runtime.invoke !== 'function') {
    throw new ConnectorFailure('the connector depends on a @tributary/cdk without invoke(); update it to 0.1.0 or later', undefined);
  }
  return { Source: root.Source, invoke: runtime.invoke };
}

/** Where `specifier` resolves from the package of `manifestPath`; undefined when it does not. */
function resolveFrom(manifestPath: string, specifier: string): string | undefined {
  try {
    return createRequire(manifestPath).resolve(specifier);
  } catch {
    return undefined;
  }
}

function entryOf(manifest: PackageJson): string {
  if (manifest.tributary?.source) return manifest.tributary.source;
  if (manifest.main) return manifest.main;
  const root =
    typeof manifest.exports === 'object' && manifest.exports !== null
      ? (manifest.exports as Record<string, unknown>)['.']
      : manifest.exports;
  if (typeof root === 'string') return root;
  if (typeof root === 'object' && root !== null) {
    const conditions = root as Record<string, unknown>;
    for (const condition of ['import', 'node', 'default'])
      if (typeof conditions[condition] === 'string') return conditions[condition] as string;
  }
  return 'index.js';
}

function isSourceClass(value: unknown, cdk: CdkModule): value is SourceClass {
  return typeof value === 'function' && value.prototype instanceof cdk.Source;
}
