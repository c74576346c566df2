import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A fresh empty folder under the OS temp folder. */
export function makeTempDir(prefix = 'tributary-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Writes files under a fresh temp folder and returns that folder. Values that are strings are
 * written as they are (for broken JSON); anything else is written as JSON.
 */
export function writeTree(files: Record<string, unknown>): string {
  const root = makeTempDir();
  for (const [path, content] of Object.entries(files)) {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return root;
}

/** Every `$ref` key anywhere in a JSON value, as JSON paths (empty when there is none). */
export function findRefs(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => findRefs(item, `${path}[${index}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => (key === '$ref' ? [`${path}.$ref`] : findRefs(item, `${path}.${key}`)));
}
