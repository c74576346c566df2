/**
 * `tributary new`: the files of both templates, byte for byte, against committed snapshots
 * (test/fixtures/scaffold/<kind>.txt), in-process and from the bundled CLI, which must find the
 * template files of its package. A change to a template shows here as a diff of what connector
 * authors get; after a deliberate change, write the snapshots again with
 * `TRIBUTARY_UPDATE_SNAPSHOTS=1 node scripts/run-tests.mjs scaffold-files` and review the diff.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { connectorTemplate } from '../src/scaffold/connector-template.js';
import { fillPlaceholders, templatesFolder } from '../src/scaffold/template-files.js';
import { cli, expectOk, filesBelow, tempDir } from './helpers/cli.js';

const here = dirname(fileURLToPath(import.meta.url));
const SNAPSHOTS = join(here, 'fixtures/scaffold');
const KINDS = [
  { kind: 'basic', name: 'source-acme', args: [] },
  { kind: 'http', name: 'source-acme-crm', args: ['--http'] },
];

/** The files of a generated connector as one text: each file's path on a line of its own, then its content. */
function render(files: Map<string, string>): string {
  return [...files].map(([path, content]) => `==> ${path} <==\n${content}`).join('\n');
}

for (const { kind, name, args } of KINDS) {
  test(`the ${kind} template writes exactly the files of its snapshot`, () => {
    const snapshot = join(SNAPSHOTS, `${kind}.txt`);
    const actual = render(connectorTemplate({ name, http: kind === 'http' }));
    if (process.env.TRIBUTARY_UPDATE_SNAPSHOTS) writeFileSync(snapshot, actual);
    assert.equal(actual, readFileSync(snapshot, 'utf8'));
  });

  test(`the bundled CLI finds the ${kind} template files and writes the same connector`, async () => {
    const { dir, cleanup } = tempDir('new');
    try {
      expectOk(await cli(['new', name, ...args, '--dir', dir]));
      const folder = join(dir, name);
      const written = new Map(filesBelow(folder).map((path) => [path, readFileSync(join(folder, path), 'utf8')]));
      assert.equal(render(written), readFileSync(join(SNAPSHOTS, `${kind}.txt`), 'utf8'));
    } finally {
      cleanup();
    }
  });
}

test('the package ships every template file (package.json "files")', async () => {
  const root = dirname(templatesFolder());
  const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root });
  const packed = (JSON.parse(stdout) as { files: { path: string }[] }[])[0]!.files.map((file) => file.path);
  const templates = filesBelow(templatesFolder()).map((path) => `templates/${path}`);
  assert.ok(templates.length > 20, templates.join('\n'));
  assert.deepEqual(
    templates.filter((path) => !packed.includes(path)),
    [],
  );
});

test('a placeholder without a value is an error that names the template and the placeholder', () => {
  assert.equal(fillPlaceholders('class {{sourceClass}} {}', { sourceClass: 'AcmeSource' }, 'x.ts.tmpl'), 'class AcmeSource {}');
  assert.throws(
    () => fillPlaceholders('# {{packageName}} by {{author}}', { packageName: 'source-acme' }, 'common/README.md.tmpl'),
    /template common\/README\.md\.tmpl: no value for the placeholder \{\{author\}\}/,
  );
  assert.throws(() => fillPlaceholders('{{toString}}', {}, 'x'), /no value for the placeholder \{\{toString\}\}/);
});
