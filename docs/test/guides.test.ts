/**
 * The guides cannot drift from their examples: every include names a file (and region) that
 * exists, every copy in a guide is the example as it is now, every example folder and region is
 * shown by some guide, the sidebar lists exactly the guides there are, the CLI reference is the
 * CLI's help, and guide 1's connector is what `tributary new` generates.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { connectorTemplate } from '../../packages/cli/src/scaffold/connector-template.js';
import { CLI_REFERENCE, cliReference } from '../scripts/cli-reference.mjs';
import { DOCS_ROOT, EXAMPLES_ROOT, syncIncludes } from '../scripts/includes.mjs';

test('every include resolves, every copy is current, every example and region is shown', () => {
  const { stale, problems } = syncIncludes({ write: false });
  assert.deepEqual(problems, []);
  assert.deepEqual(stale, [], 'run npm run docs (or npm run docs:includes) to update the copies');
});

test('the sidebar lists every guide in docs/guides/, and nothing else', async () => {
  const { GUIDES } = await import('../.vitepress/config.mjs');
  const listed = (GUIDES as { link: string }[]).map((guide) => `${guide.link.replace('/guides/', '')}.md`).sort();
  assert.deepEqual(listed, readdirSync(join(DOCS_ROOT, 'guides')).sort());
});

test('docs/reference/cli.md is the CLI help as it is now', () => {
  assert.equal(readFileSync(CLI_REFERENCE, 'utf8'), cliReference(), 'run npm run docs to update docs/reference/cli.md');
});

test("guide 1's connector is exactly what `tributary new source-acme` writes", () => {
  const generated = connectorTemplate({ name: 'source-acme' });
  const dir = join(EXAMPLES_ROOT, 'first-connector/source-acme');
  const files = (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .filter((path) => !/^(node_modules|dist|secrets|\.tributary)\//.test(path))
    .sort();
  assert.deepEqual(files, [...generated.keys()].sort());
  for (const [path, content] of generated) assert.equal(readFileSync(join(dir, path), 'utf8'), content, path);
});

test('every shell example is valid bash', () => {
  const scripts = (readdirSync(EXAMPLES_ROOT, { recursive: true }) as string[]).filter((path) => path.endsWith('.sh'));
  assert.ok(scripts.length >= 5);
  for (const script of scripts) execFileSync('bash', ['-n', join(EXAMPLES_ROOT, script)]);
});
