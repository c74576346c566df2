/**
 * `tributary new`: the files of both templates, byte for byte, against committed snapshots
 * (test/fixtures/scaffold/<kind>.txt). A change to a template shows here as a diff of what
 * connector authors get; after a deliberate change, write the snapshots again with
 * `TRIBUTARY_UPDATE_SNAPSHOTS=1 node scripts/run-tests.mjs scaffold-files` and review the diff.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { connectorTemplate } from '../src/commands/new-connector.js';

const SNAPSHOTS = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/scaffold');

/** The files of a generated connector as one text: each file's path on a line of its own, then its content. */
function render(files: Map<string, string>): string {
  return [...files].map(([path, content]) => `==> ${path} <==\n${content}`).join('\n');
}

for (const kind of [
  { name: 'basic', options: { name: 'source-acme' } },
  { name: 'http', options: { name: 'source-acme-crm', http: true } },
]) {
  test(`the ${kind.name} template writes exactly the files of its snapshot`, () => {
    const snapshot = join(SNAPSHOTS, `${kind.name}.txt`);
    const actual = render(connectorTemplate(kind.options));
    if (process.env.TRIBUTARY_UPDATE_SNAPSHOTS) writeFileSync(snapshot, actual);
    assert.equal(actual, readFileSync(snapshot, 'utf8'));
  });
}
