import { load, YAMLException } from 'js-yaml';
import { ManifestError } from '../manifest/manifest-error.js';
import { PYYAML_SAFE_SCHEMA } from './pyyaml-schema.js';

/** Deeper than any real manifest; js-yaml's default (100) is not. */
const MAX_DEPTH = 10_000;

/**
 * Parses one YAML document with PyYAML's `safe_load` typing. Duplicate keys are allowed and
 * the last one wins, as in PyYAML. Syntax errors become a {@link ManifestError} with the line
 * and column; an empty document is `null`, as `safe_load` returns `None`.
 */
export function loadYaml(text: string, file?: string): unknown {
  if (text.trim() === '' || /^(?:\s*#.*\n?)*\s*$/.test(text)) return null;
  try {
    return load(text, { schema: PYYAML_SAFE_SCHEMA, json: true, maxDepth: MAX_DEPTH, maxTotalMergeKeys: -1, filename: file });
  } catch (error) {
    if (error instanceof YAMLException) {
      const mark = error.mark;
      throw new ManifestError('The manifest is not valid YAML', [
        { message: error.reason, file, line: mark ? mark.line + 1 : undefined, column: mark ? mark.column + 1 : undefined },
      ]);
    }
    const message = error instanceof Error ? error.message : String(error);
    throw new ManifestError('The manifest is not valid YAML', [{ message, file }]);
  }
}
