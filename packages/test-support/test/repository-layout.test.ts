/**
 * The README's "Repository layout" map cannot drift from the tree: every package and its
 * `src/` folders, every connector, the benchmarks, the scripts and the docs (with each example)
 * are in it, and every folder in it exists.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../src/run-cli.js';

/** The folders the map lists, as paths from the repository root ending in `/`. */
function mapFolders(): string[] {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Repository layout'));
  const block = /```\n([\s\S]*?)\n```/.exec(section)?.[1];
  assert.ok(block !== undefined, 'the README has a "Repository layout" section with a map in a code block');
  const folders: string[] = [];
  const parents: { indent: number; path: string }[] = [];
  for (const line of block.split('\n')) {
    // An entry starts with a folder (relative to the entry above it with less indentation); other lines continue a description.
    const entry = /^( *)(\S+\/)(?: {2,}|$)/.exec(line);
    if (entry === null) continue;
    const indent = entry[1]!.length;
    while (parents.length > 0 && parents.at(-1)!.indent >= indent) parents.pop();
    const path = `${parents.at(-1)?.path ?? ''}${entry[2]}`;
    parents.push({ indent, path });
    folders.push(path);
  }
  return folders;
}

const subfolders = (folder: string): string[] =>
  readdirSync(join(REPO_ROOT, folder), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !['node_modules', 'dist', 'cache'].includes(entry.name))
    .map((entry) => `${folder}${entry.name}/`);

/** What the map must show: packages with all their src/ folders, connectors, bench/ and its folders, scripts/, docs/ and its examples. */
function requiredFolders(): string[] {
  const required: string[] = [
    'bench/',
    ...subfolders('bench/'),
    'scripts/',
    ...subfolders('connectors/'),
    'docs/',
    ...subfolders('docs/'),
    ...subfolders('docs/examples/'),
  ];
  for (const pkg of subfolders('packages/')) {
    required.push(pkg);
    const pending = existsSync(join(REPO_ROOT, pkg, 'src')) ? [`${pkg}src/`] : [];
    for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
      required.push(folder);
      pending.push(...subfolders(folder));
    }
  }
  return required.sort();
}

test('the layout map in the README lists every package, src folder, connector, benchmark folder and docs example', () => {
  const listed = new Set(mapFolders());
  const missing = requiredFolders().filter((folder) => !listed.has(folder));
  assert.deepEqual(missing, [], `add these folders to the README's "Repository layout" map: ${missing.join(', ')}`);
});

test('every folder the layout map lists exists', () => {
  const gone = mapFolders().filter((folder) => !existsSync(join(REPO_ROOT, folder)) || !statSync(join(REPO_ROOT, folder)).isDirectory());
  assert.deepEqual(gone, [], `the README's layout map lists folders that do not exist: ${gone.join(', ')}`);
});
