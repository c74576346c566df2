import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DeclarativeSource } from '../components/component-types.js';
import { type ManifestSource, validateManifest } from '../validation/validate-manifest.js';
import { loadYaml } from '../yaml/load-yaml.js';
import { YamlSourceMap } from '../yaml/source-map.js';
import { isMapping, type JsonMapping } from './json-values.js';
import { ManifestError, RawManifestProblem } from './manifest-error.js';
import { migrateManifest } from './migrations.js';
import { propagateTypesAndParameters } from './parameters.js';
import { formatRawPath, resolveReferences } from './references.js';

/**
 * How a manifest is loaded: where it came from (for messages) and whether the CDK's migrations are
 * applied.
 */
export interface LoadManifestOptions {
  /**
   * Rewrite deprecated forms (`url_base`/`path` → `url`, `request_body_json`/`_data` →
   * `request_body`) as the CDK's manifest migrations do. Off by default, as in Airbyte's
   * `source-declarative-manifest` image; components accept both forms either way.
   */
  migrate?: boolean;
  /** How messages name the manifest when it has no file (`the injected manifest`). */
  label?: string;
}

/** A manifest ready to build a source from. */
export interface LoadedManifest {
  /** Resolved, typed and validated: what the components are built from. Treat it as read-only. */
  readonly resolved: DeclarativeSource;
  /** The manifest as written (with `type: DeclarativeSource` filled in). */
  readonly raw: JsonMapping;
  /** The folder of the manifest file, where `JsonFileSchemaLoader` looks for schemas. */
  readonly directory?: string;
  /** Places problems found later (a custom component, a bad template) in the YAML text. */
  readonly source: ManifestSource;
}

/** Reads, resolves and validates a manifest file (YAML, read with PyYAML's typing). */
export function loadManifestFile(path: string, options: LoadManifestOptions = {}): LoadedManifest {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'the file does not exist' : code === 'EISDIR' ? 'it is a directory' : String(code ?? error);
    throw new ManifestError(`Cannot read the manifest '${path}'`, [{ message: reason, file: path }]);
  }
  return loadManifestText(text, { ...options, file: path });
}

/** Resolves and validates a manifest given as YAML (or JSON) text. */
export function loadManifestText(text: string, options: LoadManifestOptions & { file?: string } = {}): LoadedManifest {
  const raw = loadYaml(text, options.file);
  let sourceMap: YamlSourceMap | undefined;
  return build(raw, {
    ...options,
    directory: options.file === undefined ? undefined : dirname(resolve(options.file)),
    sourceMap: () => {
      sourceMap ??= YamlSourceMap.build(text);
      return sourceMap;
    },
  });
}

/** Resolves and validates a manifest given as an object (the config's `__injected_declarative_manifest`). */
export function loadManifestObject(manifest: unknown, options: LoadManifestOptions & { directory?: string } = {}): LoadedManifest {
  return build(manifest, options);
}

interface BuildOptions extends LoadManifestOptions {
  file?: string;
  directory?: string;
  sourceMap?: () => YamlSourceMap | undefined;
}

/** The Python CDK's order: fill in the source type, resolve references, propagate, validate, migrate. */
function build(manifest: unknown, options: BuildOptions): LoadedManifest {
  const name = options.file ?? options.label ?? 'the manifest';
  if (!isMapping(manifest)) {
    const got = manifest === null ? 'nothing (it is empty)' : Array.isArray(manifest) ? 'a list' : `a ${typeof manifest}`;
    throw new ManifestError(`The manifest ${name === 'the manifest' ? '' : `${name} `}must be a mapping of components`, [
      { message: `found ${got}`, file: options.file },
    ]);
  }
  const raw: JsonMapping = Object.hasOwn(manifest, 'type') ? manifest : { ...manifest, type: 'DeclarativeSource' };
  const source: ManifestSource = { raw, file: options.file, sourceMap: options.sourceMap };
  let resolved = resolveAndPropagate(raw, source);
  const issues = validateManifest(resolved, source);
  if (issues.length > 0) throw new ManifestError('The manifest does not match the declarative component schema', issues);
  if (options.migrate) {
    resolved = migrateManifest(resolved);
    const afterMigration = validateManifest(resolved);
    if (afterMigration.length > 0)
      throw new ManifestError('The migrated manifest does not match the declarative component schema', afterMigration);
  }
  return { resolved: resolved as DeclarativeSource, raw, directory: options.directory, source };
}

function resolveAndPropagate(raw: JsonMapping, source: ManifestSource): JsonMapping {
  try {
    return propagateTypesAndParameters(resolveReferences(raw));
  } catch (error) {
    if (!(error instanceof RawManifestProblem)) throw error;
    const position = source.sourceMap?.()?.locate(error.rawPath);
    throw new ManifestError(error.summary, [
      {
        message: error.problem,
        path: formatRawPath(error.rawPath) || '(manifest)',
        file: source.file,
        line: position?.line,
        column: position?.column,
      },
    ]);
  }
}
