import type { JsonMapping } from '../manifest/json-values.js';
import type { ManifestIssue } from '../manifest/manifest-error.js';
import { type ManifestPath, rawPathOf } from '../manifest/provenance.js';
import { formatRawPath } from '../manifest/references.js';
import type { YamlSourceMap } from '../yaml/source-map.js';
import { manifestValidator } from './component-validators.js';
import { explainManifest } from './explain.js';

/** Where the raw manifest came from, to place problems in it. */
export interface ManifestSource {
  /** The manifest as written, before references were resolved. */
  raw: JsonMapping;
  file?: string;
  /** Built on demand: positions are only needed once something is wrong. */
  sourceMap?: () => YamlSourceMap | undefined;
}

/**
 * Validates a resolved manifest (references resolved, types and parameters propagated) against
 * the declarative component schema, as the Python CDK does before building anything. Returns
 * the problems, each with its component path and, when the YAML text is known, its line and
 * column; an empty list means valid.
 */
export function validateManifest(resolved: JsonMapping, source?: ManifestSource): ManifestIssue[] {
  if (manifestValidator()(resolved)) return [];
  const problems = explainManifest(resolved);
  if (problems.length === 0) problems.push({ path: [], message: 'does not match the declarative component schema' });
  return problems.map((problem) => ({ message: problem.message, ...locateIssue(problem.path, source) }));
}

/** The component path of a resolved location, with the file, line and column it was written at. */
export function locateIssue(path: ManifestPath, source?: ManifestSource): Omit<ManifestIssue, 'message'> {
  const location: Omit<ManifestIssue, 'message'> = { path: formatRawPath(path) || '(manifest)' };
  if (source === undefined) return location;
  if (source.file !== undefined) location.file = source.file;
  const position = source.sourceMap?.()?.locate(rawPathOf(source.raw, path));
  if (position) {
    location.line = position.line;
    location.column = position.column;
  }
  return location;
}
