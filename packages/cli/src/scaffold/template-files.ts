/**
 * The template files of `tributary new`, in packages/cli/templates/: `common/` holds the files of
 * every connector, `<kind>/` (basic, http) the files of one kind, and `<kind>.json` what else
 * differs between kinds (placeholder values, package.json scripts).
 *
 * A template file is copied to the same path in the new connector, with two rules:
 * - `{{name}}` is replaced by the value of the placeholder `name` (letters only); a name without
 *   a value is an error, so a typo cannot reach a generated file;
 * - a name ending in `.tmpl` loses that suffix: TypeScript files, `.gitignore` and README.md are
 *   stored so, so that this repository's compiler, linter, test runner, git and npm leave them alone.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A generated connector: file paths (relative to its folder, `/`-separated) and their content. */
export type TemplateFiles = Map<string, string>;

/** Placeholder names and their values. */
export type Placeholders = Record<string, string>;

const PLACEHOLDER = /\{\{([A-Za-z]+)\}\}/g;
const TEMPLATE_SUFFIX = '.tmpl';

/** `text` with its placeholders filled in; `where` names the template in errors. */
export function fillPlaceholders(text: string, values: Placeholders, where: string): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined) throw new Error(`template ${where}: no value for the placeholder {{${name}}}`);
    return value;
  });
}

/**
 * packages/cli/templates. This module runs from src/scaffold/ (tsx), dist/scaffold/ (tsc) or
 * dist/main.js (the bundle): in each case the package folder is the nearest one up with a
 * package.json.
 */
export function templatesFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the package folder of ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return join(dir, 'templates');
}

/** Every file of a template folder, with its placeholders filled in, by the path it gets in the connector. */
export function readTemplateFolder(folder: string, values: Placeholders): TemplateFiles {
  const files: TemplateFiles = new Map();
  for (const path of filesIn(folder)) {
    const source = join(folder, path);
    const target = path.endsWith(TEMPLATE_SUFFIX) ? path.slice(0, -TEMPLATE_SUFFIX.length) : path;
    files.set(target, fillPlaceholders(readFileSync(source, 'utf8'), values, relative(dirname(folder), source)));
  }
  return files;
}

/** The paths of the files below `folder`, relative to it and `/`-separated. */
function filesIn(folder: string, prefix = ''): string[] {
  return readdirSync(join(folder, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    return entry.isDirectory() ? filesIn(folder, path) : [path];
  });
}

/** JSON as the templates write it: two-space indentation and a final newline. */
export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
