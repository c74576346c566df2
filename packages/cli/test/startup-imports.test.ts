/**
 * What a command loads at start-up: `@tributary/declarative` (about a quarter of a second to
 * import) only when a command meets a manifest, not for a sync of a connector package, `sql` or
 * `--help`. The real CLI runs with a loader hook that records every module it loads.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { cli, fakerFolder, repoRoot, syncArgs, tempDir } from './helpers/cli.js';

const recorder = pathToFileURL(join(repoRoot, 'packages/cli/test/fixtures/record-imports/register.mjs')).href;
const declarativeDir = pathToFileURL(join(repoRoot, 'packages/declarative/')).href;
const cdkDir = pathToFileURL(join(repoRoot, 'packages/cdk/')).href;

describe('modules loaded at start-up', () => {
  const { dir, cleanup } = tempDir('startup-imports');
  after(cleanup);
  let runs = 0;

  /** Runs `tributary <args>` and returns its exit code and the URLs of the modules it loaded. */
  async function loaded(args: string[]): Promise<{ code: number | null; urls: string[]; stderr: string }> {
    const file = join(dir, `imports-${++runs}.txt`);
    writeFileSync(file, '');
    const result = await cli(args, { env: { NODE_OPTIONS: `--import=${recorder}`, RECORD_IMPORTS_TO: file } });
    return { code: result.code, urls: readFileSync(file, 'utf8').split('\n').filter(Boolean), stderr: result.stderr };
  }

  test('a sync of a connector package loads the CDK but not the declarative engine', async () => {
    const { code, urls, stderr } = await loaded(syncArgs(fakerFolder, { count: 5 }, join(dir, 'faker.duckdb')));
    assert.equal(code, 0, stderr);
    assert.ok(
      urls.some((url) => url.startsWith(cdkDir)),
      'the recorder sees the CDK being loaded',
    );
    assert.deepEqual(
      urls.filter((url) => url.startsWith(declarativeDir)),
      [],
    );
  });

  test('--help loads neither', async () => {
    const { code, urls } = await loaded(['--help']);
    assert.equal(code, 0);
    assert.deepEqual(
      urls.filter((url) => url.startsWith(declarativeDir)),
      [],
    );
  });

  test('a command given a manifest loads the declarative engine', async () => {
    const manifest = join(repoRoot, 'packages/cli/test/fixtures/manifests/source-loopback/manifest.yaml');
    const { code, urls, stderr } = await loaded(['manifest', 'validate', manifest]);
    assert.equal(code, 0, stderr);
    assert.ok(
      urls.some((url) => url.startsWith(declarativeDir)),
      'manifest validate imports @tributary/declarative',
    );
  });
});
