/**
 * The README keeps the quick start, the example and the map, and leaves the reference to
 * docs/reference/: so every reference page must be reachable from it, and every link it has must
 * lead somewhere (and an anchor to a heading of its page). A page added without a link, a page
 * renamed or removed, a heading renamed, or a link mistyped fails here, where GitHub would only
 * show a 404. The relative links of the reference pages, the guides and the home page are checked
 * the same way (VitePress checks them too, but only in the slow site build), and the site's
 * sidebar lists every reference page.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { DOCS_ROOT } from '../scripts/includes.mjs';

const REPO_ROOT = resolve(DOCS_ROOT, '..');
const REFERENCE_ROOT = join(DOCS_ROOT, 'reference');
/** The API reference's front page: TypeDoc's readme, which the sidebar links as the TypeDoc site it becomes. */
const API_FRONT_PAGE = 'api-readme.md';

const referencePages = (): string[] => readdirSync(REFERENCE_ROOT).filter((name) => name.endsWith('.md'));

/**
 * The targets of the markdown links of a page, outside code blocks and code spans, without a
 * scheme; links from the site's root (`/api/index.html`) are the site build's to check.
 */
function localLinks(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!)
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('/'));
}

/** The anchors of a page's headings, as GitHub and VitePress make them (`## Stopping: SIGTERM` -> `stopping-sigterm`). */
function anchors(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```/gm, '');
  return new Set(
    [...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) =>
      match[1]!
        .toLowerCase()
        .replace(/[^\w\s-]/g, '')
        .replace(/\s/g, '-'),
    ),
  );
}

/** The link targets of a page that lead to no file or folder, or to a heading their page lacks. */
function deadLinks(file: string): string[] {
  return localLinks(readFileSync(file, 'utf8')).filter((target) => {
    const [path, fragment] = target.split('#');
    const linked = path === '' ? file : resolve(dirname(file), decodeURIComponent(path!));
    if (!existsSync(linked)) return true;
    return fragment !== undefined && linked.endsWith('.md') && !anchors(linked).has(fragment);
  });
}

test('the README links every reference page in docs/reference/', () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const linked = new Set(localLinks(readme).map((target) => target.split('#')[0]));
  const unlinked = referencePages().filter((page) => !linked.has(`docs/reference/${page}`));
  assert.deepEqual(unlinked, [], 'link these reference pages from the README\'s "Documentation" section');
  assert.ok(referencePages().length >= 14, 'the reference pages are in docs/reference/');
});

test('every relative link in the README leads to a file or folder of the repository', () => {
  const readme = join(REPO_ROOT, 'README.md');
  const links = localLinks(readFileSync(readme, 'utf8'));
  assert.ok(links.filter((target) => target.startsWith('docs/')).length >= 25, 'the README links the guides and the reference');
  assert.deepEqual(deadLinks(readme), []);
});

test('every relative link of a reference page, a guide or the home page leads to a file', () => {
  const guides = readdirSync(join(DOCS_ROOT, 'guides')).map((name) => join(DOCS_ROOT, 'guides', name));
  const pages = [...referencePages().map((name) => join(REFERENCE_ROOT, name)), ...guides, join(DOCS_ROOT, 'index.md')];
  for (const page of pages) assert.deepEqual(deadLinks(page), [], relative(REPO_ROOT, page));
});

test('the sidebar lists every reference page in docs/reference/, and nothing else', async () => {
  const { REFERENCE } = await import('../.vitepress/config.mjs');
  const listed = (REFERENCE as { link: string }[]).map((page) => `${page.link.replace('/reference/', '')}.md`).sort();
  assert.deepEqual(
    listed,
    referencePages()
      .filter((page) => page !== API_FRONT_PAGE)
      .sort(),
  );
});
