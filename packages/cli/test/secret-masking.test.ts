/**
 * The runner masks a connector's secrets in what it prints and stores, whatever the connector
 * does: a connector without the CDK (`--command`) that logs, echoes and fails with its key; a
 * CDK connector loaded in-process that prints its key with console.log and raw stderr writes;
 * `tributary test` failures quoting records. The secrets come from the connector's spec
 * (`airbyte_secret`); records keep them, as data.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { type CliResult, cli, fakerFolder, query, repoRoot, syncArgs, tempDir } from './helpers/cli.js';

const leakyFolder = join(repoRoot, 'packages/cli/test/fixtures/leaky-source');
const leakyCommand = 'node packages/cli/test/fixtures/leaky-source/main.mjs';
const API_KEY = 'sk-live/Kq8 Zt3w';

/** The key as printed raw, JSON-escaped, `\u`-escaped, URL- and form-encoded, and its first and last four characters raw. */
const LEAKS = [
  API_KEY,
  JSON.stringify(API_KEY).slice(1, -1),
  [...API_KEY].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
  encodeURIComponent(API_KEY),
  new URLSearchParams({ '': API_KEY }).toString().slice(1),
  API_KEY.slice(0, 4),
  API_KEY.slice(-4),
];

function assertNoLeak(texts: readonly string[]): void {
  for (const text of texts) for (const leak of LEAKS) assert.ok(!text.includes(leak), `${JSON.stringify(leak)} printed in:\n${text}`);
}

function outputOf(result: CliResult): string[] {
  return [result.stdout, result.stderr];
}

async function lastSync(db: string): Promise<Record<string, unknown>> {
  const rows = await query(db, 'SELECT status, error FROM _tributary_syncs ORDER BY sync_id DESC LIMIT 1');
  assert.ok(rows[0]);
  return rows[0];
}

describe('the runner masks the connector secrets', () => {
  const { dir, cleanup } = tempDir('masking');
  after(cleanup);
  const config = JSON.stringify({ api_key: API_KEY, pin: '42', region: 'eu-west', fail: true });

  test('sync --command: logs, stray stdout lines, stderr, errors and _tributary_syncs.error', async () => {
    const db = join(dir, 'command.duckdb');
    const result = await cli(syncArgs(['--command', leakyCommand], config, db, '--verbose', '--progress', 'plain'));
    assert.equal(result.code, 1, result.stderr);
    assertNoLeak(outputOf(result));
    // The leaks happened, masked.
    assert.match(result.stderr, /calling the API with key \*\*\*\*/);
    assert.match(result.stderr, /bad key \*\*\*\*/);
    assert.match(result.stderr, /items\?key=\*\*\*\* failed/);
    assert.match(result.stderr, /a stray line with \*\*\*\*/);
    assert.match(result.stderr, /error: the API rejected \*\*\*\* \(failure type: config_error, stream items\)/);
    assert.match(result.stderr, /warn: The secret config field 'pin' is shorter than 4 characters, too short to be masked/);
    const sync = await lastSync(db);
    assert.equal(sync.status, 'failed');
    assert.equal(sync.error, 'the API rejected **** (config_error)');
  });

  test('sync --command: the connector stderr quoted when a command fails (discover) is masked', async () => {
    const db = join(dir, 'discover.duckdb');
    const failing = JSON.stringify({ api_key: API_KEY, fail_discover: true });
    const result = await cli(syncArgs(['--command', leakyCommand], failing, db));
    assert.equal(result.code, 1, result.stderr);
    assertNoLeak(outputOf(result));
    assert.match(result.stderr, /discover failed: exit code 3; stderr: discovering with \*\*\*\*/);
    const sync = await lastSync(db);
    assert.match(String(sync.error), /discovering with \*\*\*\*/);
  });

  test('sync <folder>: what an in-process connector prints with console.log and on stderr, and its error; records keep the key', async () => {
    const db = join(dir, 'in-process.duckdb');
    const sync = (settings: object) => cli(syncArgs(leakyFolder, settings, db, '--verbose', '--progress', 'plain'));
    const passed = await sync({ api_key: API_KEY, pin: '42' });
    assert.equal(passed.code, 0, passed.stderr);
    assertNoLeak(outputOf(passed));
    assert.match(passed.stdout, /console\.log: calling the API with key \*\*\*\*/);
    assert.match(passed.stderr, /raw stderr: key "\*\*\*\*"/);
    assert.equal(passed.stderr.match(/The secret config field 'pin' is shorter than 4 characters/g)?.length, 1, 'warned once');
    assert.deepEqual(await query(db, 'SELECT DISTINCT token FROM items'), [{ token: API_KEY }]);

    const failed = await sync({ api_key: API_KEY, fail: true });
    assert.equal(failed.code, 1, failed.stderr);
    assertNoLeak(outputOf(failed));
    assert.match(failed.stderr, /the API rejected \*\*\*\*/);
    const row = await lastSync(db);
    assert.match(String(row.error), /the API rejected \*\*\*\*/);
    assertNoLeak([String(row.error)]);
  });

  test('a spec that cannot be read fails the sync: without it the runner cannot know what to mask', async () => {
    const db = join(dir, 'no-spec.duckdb');
    const result = await cli(['sync', '--command', 'node -e "process.exit(4)"', '--config', config, '--to', `duckdb:${db}`]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(
      result.stderr,
      /spec failed: exit code 4, no SPEC message \(the runner reads the spec to know which config fields are secrets\)/,
    );
    assertNoLeak(outputOf(result));
  });

  test("a config that is not JSON is not quoted in the error: the parser's message would show the secret", async () => {
    const broken = `{"api_key": ${API_KEY}}`;
    const inline = await cli(['sync', leakyFolder, '--config', broken, '--to', `duckdb:${join(dir, 'broken.duckdb')}`]);
    assert.equal(inline.code, 2, inline.stderr);
    assert.match(inline.stderr, /error: the --config JSON is not valid JSON \(unexpected token\)/);
    const file = join(dir, 'broken.json');
    writeFileSync(file, broken);
    const fromFile = await cli(['sync', leakyFolder, '--config', file, '--to', `duckdb:${join(dir, 'broken.duckdb')}`]);
    assert.match(fromFile.stderr, /is not valid JSON \(unexpected token\)/);
    const metadata = await cli(['metadata', fakerFolder, '--config', file, '--stdout']);
    assert.match(metadata.stderr, /discover config file .*broken\.json is not valid JSON \(unexpected token\)/);
    for (const result of [inline, fromFile, metadata]) assertNoLeak(outputOf(result));
  });

  test('tributary test: failures that quote records and their keys show the secret masked', async () => {
    const okConfig = JSON.stringify({ api_key: API_KEY });
    for (const format of [[], ['--json']]) {
      const result = await cli(['test', leakyFolder, '--config', okConfig, ...format]);
      assert.equal(result.code, 1, result.stderr);
      assertNoLeak(outputOf(result));
      // The connector's console.log lines come first on stdout.
      const text = format.length === 0 ? result.stdout : JSON.stringify(JSON.parse(result.stdout.slice(result.stdout.indexOf('{\n'))));
      assert.match(text, /share the primary key \[\\?"\*\*\*\*\\?"\]/);
      assert.match(text, /\/note must be integer \(got \\?"key=\*\*\*\*\\?"\)/);
    }
  });
});
