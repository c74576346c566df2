// The guides show their examples by inclusion: a marker names a file under docs/ (and optionally a
// region of it), and the code block that follows the marker is a copy of it, kept in the guide so
// the guides read well on GitHub too. This module finds the markers, renders the copies and says
// what is wrong; `node docs/scripts/includes.mjs` rewrites the copies, `--check` only reports (the
// docs tests run the check, so a guide cannot drift from the example it shows).
//
//   <!-- include: examples/full-refresh/src/streams/users.ts#stream -->
//   ```ts
//   ...written by this script...
//   ```
//   <!-- /include -->
//
// A region is marked in the example by comment lines `// #region name` and `// #endregion name`
// (`# #region name` in shell and YAML files), the convention editors fold on. Marker lines never
// appear in a copy; a copy is dedented to its least indented line.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The docs/ folder. */
export const DOCS_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Where the examples live, each in a folder of its own. */
export const EXAMPLES_ROOT = join(DOCS_ROOT, 'examples');

const MARKER = /<!-- include: (\S+?) -->\n(?:```[^\n]*\n[\s\S]*?\n```\n)?<!-- \/include -->/g;
const REGION_START = /^\s*(?:\/\/|#)\s*#region\s+(\S+)\s*$/;
const REGION_END = /^\s*(?:\/\/|#)\s*#endregion(?:\s+(\S+))?\s*$/;
const LANGUAGES = { '.ts': 'ts', '.mts': 'ts', '.mjs': 'js', '.json': 'json', '.sh': 'sh', '.yaml': 'yaml', '.yml': 'yaml' };

/** The markdown pages of the docs: every `.md` file outside examples/, node_modules/ and generated folders. */
export function markdownPages(dir = DOCS_ROOT) {
  const pages = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'examples' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) pages.push(...markdownPages(path));
    else if (entry.name.endsWith('.md')) pages.push(path);
  }
  return pages.sort();
}

/** The regions a file declares, by name, as their lines (marker lines of nested regions left out). */
export function regionsOf(text) {
  const regions = new Map();
  const open = [];
  const problems = [];
  text.split('\n').forEach((line, index) => {
    const start = REGION_START.exec(line);
    const end = REGION_END.exec(line);
    if (start) {
      if (regions.has(start[1]) || open.some((region) => region.name === start[1])) problems.push(`region '${start[1]}' is declared twice`);
      open.push({ name: start[1], lines: [] });
    } else if (end) {
      const region = open.pop();
      if (region === undefined) problems.push(`line ${index + 1}: #endregion without #region`);
      else if (end[1] !== undefined && end[1] !== region.name)
        problems.push(`line ${index + 1}: #endregion ${end[1]} closes '${region.name}'`);
      else regions.set(region.name, region.lines);
    } else {
      for (const region of open) region.lines.push(line);
    }
  });
  for (const region of open) problems.push(`region '${region.name}' is never closed`);
  return { regions, problems };
}

/** Removes the indentation every non-blank line shares. */
function dedent(lines) {
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)[0].length);
  const cut = indents.length === 0 ? 0 : Math.min(...indents);
  return lines.map((line) => line.slice(cut));
}

/** The text a marker target stands for: a whole file (without region markers) or one region. */
export function includedText(target) {
  const [file, region] = target.split('#');
  const path = join(DOCS_ROOT, file);
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`${file} does not exist`);
  }
  const parsed = regionsOf(text);
  if (parsed.problems.length > 0) throw new Error(`${file}: ${parsed.problems.join('; ')}`);
  let lines;
  if (region === undefined) {
    lines = text
      .replace(/\n$/, '')
      .split('\n')
      .filter((line) => !REGION_START.test(line) && !REGION_END.test(line));
  } else {
    lines = parsed.regions.get(region);
    if (lines === undefined)
      throw new Error(`${file} has no region '${region}' (it has: ${[...parsed.regions.keys()].join(', ') || 'none'})`);
  }
  while (lines.length > 0 && lines[0].trim() === '') lines = lines.slice(1);
  while (lines.length > 0 && lines.at(-1).trim() === '') lines = lines.slice(0, -1);
  return dedent(lines).join('\n');
}

function languageOf(target) {
  return LANGUAGES[extname(target.split('#')[0])] ?? '';
}

/**
 * One page with every copy rendered afresh. Returns the new text, the targets it includes and
 * the problems found (a missing file or region), each naming the page.
 */
export function renderPage(path) {
  const text = readFileSync(path, 'utf8');
  const targets = [];
  const problems = [];
  const page = relative(DOCS_ROOT, path);
  const rendered = text.replace(MARKER, (whole, target) => {
    targets.push(target);
    try {
      const body = includedText(target);
      return `<!-- include: ${target} -->\n\`\`\`${languageOf(target)}\n${body}\n\`\`\`\n<!-- /include -->`;
    } catch (error) {
      problems.push(`${page}: include ${target}: ${error.message}`);
      return whole;
    }
  });
  const opened = (text.match(/<!-- include:/g) ?? []).length;
  if (opened !== targets.length) problems.push(`${page}: an include marker is not followed by a code block and <!-- /include -->`);
  return { text, rendered, targets, problems };
}

/** The example folders: each directory directly under docs/examples/. */
export function exampleFolders() {
  return readdirSync(EXAMPLES_ROOT)
    .filter((name) => statSync(join(EXAMPLES_ROOT, name)).isDirectory() && name !== 'node_modules')
    .sort();
}

/** Every file under the examples that declares regions, with its region names. */
function declaredRegions(dir = EXAMPLES_ROOT) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'dist', '.tributary', 'secrets'].includes(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...declaredRegions(path));
    else if (LANGUAGES[extname(entry.name)] !== undefined) {
      for (const name of regionsOf(readFileSync(path, 'utf8')).regions.keys()) found.push(`${relative(DOCS_ROOT, path)}#${name}`);
    }
  }
  return found;
}

/**
 * Every page checked (and rewritten when `write`): the pages whose copies were stale, and the
 * problems: a missing file or region, an example folder no page shows, a region no page shows.
 */
export function syncIncludes({ write }) {
  const stale = [];
  const problems = [];
  const used = new Set();
  for (const path of markdownPages()) {
    const page = renderPage(path);
    problems.push(...page.problems);
    for (const target of page.targets) used.add(target);
    if (page.rendered !== page.text) {
      stale.push(relative(DOCS_ROOT, path));
      if (write) writeFileSync(path, page.rendered);
    }
  }
  for (const folder of exampleFolders()) {
    if (![...used].some((target) => target.startsWith(`examples/${folder}/`))) {
      problems.push(`examples/${folder} is shown by no guide: include it in one, or remove it`);
    }
  }
  for (const region of declaredRegions()) {
    if (!used.has(region)) problems.push(`${region} is a region no guide includes: include it, or remove its markers`);
  }
  return { stale, problems };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const { stale, problems } = syncIncludes({ write: !check });
  for (const problem of problems) console.error(problem);
  if (check && stale.length > 0) console.error(`stale copies of examples in: ${stale.join(', ')} (run npm run docs:includes)`);
  else if (stale.length > 0) console.log(`updated the examples shown in: ${stale.join(', ')}`);
  if (problems.length > 0 || (check && stale.length > 0)) process.exit(1);
}
