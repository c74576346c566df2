/**
 * `npm run docs` builds the site without the network: VitePress pages with the local search
 * index and the diagrams as pictures, and the TypeDoc API reference, which fails the build when
 * a public export has no doc comment (typedoc.json: notDocumented, treatWarningsAsErrors).
 * Nothing the pages load comes from another host.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DOCS_ROOT } from '../scripts/includes.mjs';

const out = mkdtempSync(join(tmpdir(), 'docs-site-'));
after(() => rmSync(out, { recursive: true, force: true }));

test('the site builds: guides, search, diagrams, the API reference with every public export documented', { timeout: 300_000 }, () => {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  delete env.NODE_OPTIONS;
  const build = spawnSync(process.execPath, [join(DOCS_ROOT, 'scripts/build-site.mjs'), '--check', '--out', out], {
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(build.status, 0, `npm run docs failed:\n${build.stdout.slice(-8000)}\n${build.stderr.slice(-8000)}`);

  for (const page of ['index.html', 'guides/first-connector.html', 'guides/migrating.html', 'reference/cli.html', 'api/index.html']) {
    assert.ok(existsSync(join(out, page)), page);
  }
  for (const page of readdirSync(join(DOCS_ROOT, 'reference')).filter((name) => name.endsWith('.md'))) {
    assert.ok(existsSync(join(out, 'reference', page.replace(/\.md$/, '.html'))), `reference/${page} is a page of the site`);
  }
  // The Studio reference shows the screenshots of docs/images/studio/, bundled as assets of the site.
  const studio = readFileSync(join(out, 'reference/studio.html'), 'utf8');
  assert.match(studio, /<img[^>]+src="\/assets\/config-form\.[\w-]+\.png"/, 'the Studio screenshots are in the site');
  const assets = readdirSync(join(out, 'assets'), { recursive: true }) as string[];
  assert.ok(
    assets.some((file) => /localSearchIndex/.test(file)),
    'the local search index is built',
  );
  const firstGuide = readFileSync(join(out, 'guides/first-connector.html'), 'utf8');
  // Code blocks are highlighted token by token, so the command is checked in the page's text.
  const firstGuideText = firstGuide.replace(/<[^>]*>/g, '');
  assert.match(firstGuideText, /npx tributary new source-acme --dir connectors/);
  const readPath = readFileSync(join(out, 'guides/full-refresh-streams.html'), 'utf8');
  assert.match(readPath, /<img alt="[^"]+" src="data:image\/svg\+xml;base64,/, 'a diagram rendered at build time');

  // Offline: no page loads a script, style, font or image from another host.
  const pages = (readdirSync(out, { recursive: true }) as string[]).filter((file) => /\.(html|css|js)$/.test(file));
  for (const page of pages) {
    const text = readFileSync(join(out, page), 'utf8');
    assert.doesNotMatch(text, /<(script|link|img)[^>]+(src|href)="https?:\/\//, `${page} loads something from another host`);
    assert.doesNotMatch(text, /@import url\(["']?https?:/, `${page} imports a style from another host`);
  }
});
