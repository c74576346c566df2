/**
 * Every command of the real `tributary` command line, as a child process, given input that makes
 * it fail: it must exit 1 (it ran and failed) or 2 (the command line is wrong), never 0, and say
 * what went wrong. Also: `--to` schemes, `sync --help` defaults against the code, and `sql` with
 * several statements.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { DEFAULT_COMMIT_POLICY } from '../src/destinations/duckdb/commit-policy.js';
import { cli, expectExit, expectOk, fakerFolder, fixtureFolder, repoRoot, syncArgs, tempDir } from './helpers/cli.js';
import { rawConnector } from './helpers/raw-connector.js';

describe('exit codes', () => {
  const { dir, cleanup } = tempDir('exit-codes');
  after(cleanup);
  const missing = join(dir, 'nonexistent');

  describe('every command exits non-zero with a message when it fails', () => {
    test('sync: a folder that is not a connector (2); a connector that fails (1)', async () => {
      expectExit(await cli(['sync', missing]), 2, /connector '.*nonexistent' is not a folder/);
      const failing = await cli(syncArgs(fixtureFolder, { count: 40, fail_after: 5 }, join(dir, 'failing.duckdb')));
      expectExit(failing, 1, /error: the upstream API went away \(failure type: transient_error, stream items\)/);
    });

    test('sql: no such database (2); a query that fails (2)', async () => {
      expectExit(await cli(['sql', join(dir, 'absent.duckdb'), 'SELECT 1']), 2, /no DuckDB file at/);
      const db = join(dir, 'sql.duckdb');
      expectOk(await cli(syncArgs(fixtureFolder, { count: 3 }, db)));
      expectExit(await cli(['sql', db, 'SELECT nope FROM items']), 2, /query failed: .*nope/);
    });

    test('new: a name that is not source-<name> (2); a folder that is not empty (2)', async () => {
      expectExit(await cli(['new', 'acme', '--dir', dir]), 2, /must look like source-<name>/);
      const taken = join(dir, 'taken');
      expectOk(await cli(['new', 'source-taken', '--dir', taken]));
      expectExit(await cli(['new', 'source-taken', '--dir', taken]), 2, /already exists and is not empty/);
    });

    test('test: a folder that is not a connector (2); a missing config (2); a failing check (1)', async () => {
      expectExit(await cli(['test', missing, '--config', '{}']), 2, /nonexistent is not a connector package: it is not a folder/);
      expectExit(await cli(['test', fakerFolder, '--config', '{}', '--skip', 'nope']), 2, /--skip: no check 'nope'/);
      const failing = await cli([
        'test',
        fakerFolder,
        '--config',
        '{"count": 20}',
        '--invalid-config',
        '{"count": 5}',
        '--streams',
        'products',
        '--skip',
        'protocol,full-refresh-idempotent,incremental-resume,incremental-no-older',
      ]);
      expectExit(failing, 1, /error: 1 acceptance check failed/);
      assert.match(failing.stdout, /FAIL {4}check: FAILED \(exit 0\) with the invalid config/);
    });

    test('infer-schema: no --stream nor --types (2); a stream that does not exist (1)', async () => {
      expectExit(await cli(['infer-schema', fakerFolder]), 2, /give --stream <name>/);
      expectExit(await cli(['infer-schema', missing, '--types']), 2, /is not a connector package/);
      expectExit(
        await cli(['infer-schema', fakerFolder, '--stream', 'nope', '--config', '{"count": 5}', '--out', join(dir, 'nope.json')]),
        1,
        /no stream 'nope'/,
      );
    });

    test('build: no such connector (2); a bad tag (2); a build context it cannot write (1)', async () => {
      expectExit(await cli(['build', missing]), 2, /Cannot find connector '.*nonexistent'/);
      expectExit(await cli(['build', fakerFolder, '--tag', 'Not A Tag!', '--prepare-only']), 2, /is not a valid image name/);
      const file = join(dir, 'a-file');
      writeFileSync(file, 'not a folder');
      expectExit(await cli(['build', fakerFolder, '--prepare-only', '--context-dir', join(file, 'context')]), 1, /error: .*a-file/);
    });

    test('metadata: no such connector (2); a discover config it cannot use (1)', async () => {
      expectExit(await cli(['metadata', missing]), 2, /Cannot find connector '.*nonexistent'/);
      expectExit(
        await cli(['metadata', fakerFolder, '--stdout', '--config', join(dir, 'absent.json')]),
        1,
        /cannot read discover config file .*absent\.json: the file does not exist/,
      );
    });

    test('an unknown command or option (2); --help and --version (0)', async () => {
      expectExit(await cli(['frobnicate']), 2, /unknown command 'frobnicate'/);
      expectExit(await cli(['sync', '--frobnicate']), 2, /unknown option '--frobnicate'/);
      expectOk(await cli(['--help']));
      expectOk(await cli(['--version']));
    });
  });

  test('--to with a scheme other than duckdb: is a usage error naming the supported one, and creates no file', async () => {
    const args = ['sync', fixtureFolder, '--config', '{"count": 3}', '--progress', 'none'];
    for (const to of ['postgres:x', 'postgres://localhost/db', 's3:bucket/file.duckdb']) {
      expectExit(await cli([...args, '--to', to]), 2, /--to: unknown destination '(postgres|s3):'.*the supported one is duckdb:<path>/);
    }
    assert.equal(existsSync(join(repoRoot, 'postgres:x')), false, 'a file named postgres:x was created');
    expectExit(await cli([...args, '--to', 'duckdb:']), 2, /--to takes duckdb:<path>/);
    // A path with a colon in it is written duckdb:<path>; a path without a scheme is a path.
    const colon = join(dir, 'with:colon.duckdb');
    expectOk(await cli([...args, '--to', `duckdb:${colon}`]));
    assert.ok(existsSync(colon));
    const plain = join(dir, 'plain.duckdb');
    expectOk(await cli([...args, '--to', plain]));
    assert.ok(existsSync(plain));
  });

  test('sync --help gives the commit defaults of the code, and so does the local runner reference', async () => {
    const help = await cli(['sync', '--help']);
    expectOk(help);
    const text = help.stdout.replace(/\s+/g, ' ');
    const interval = /TRIBUTARY_COMMIT_INTERVAL_MS \([^)]*default (\d+)\)/.exec(text)?.[1];
    const rows = /TRIBUTARY_COMMIT_ROWS \([^)]*default (\d+)\)/.exec(text)?.[1];
    assert.equal(Number(interval), DEFAULT_COMMIT_POLICY.intervalMs, text);
    assert.equal(Number(rows), DEFAULT_COMMIT_POLICY.minRows, text);
    const reference = readFileSync(join(repoRoot, 'docs/reference/local-runner.md'), 'utf8').replace(/\s+/g, ' ');
    const referenceRows = /`TRIBUTARY_COMMIT_ROWS` \(records per commit at a STATE, default ([\d,]+)/.exec(reference)?.[1];
    const referenceInterval = /`TRIBUTARY_COMMIT_INTERVAL_MS` \([^)]*default (\d+)\)/.exec(reference)?.[1];
    assert.equal(Number(referenceRows?.replaceAll(',', '')), DEFAULT_COMMIT_POLICY.minRows);
    assert.equal(Number(referenceInterval), DEFAULT_COMMIT_POLICY.intervalMs);
  });

  test('sql prints the result of every statement, and names the statement that fails', async () => {
    const db = join(dir, 'statements.duckdb');
    const config = JSON.stringify({ output: [{ records: { stream: 'items', from: 1, to: 3, state_every: 3 } }] });
    expectOk(await cli(syncArgs(rawConnector, config, db)));
    const table = await cli(['sql', db, 'SELECT 1 AS first; SELECT count(*) AS items FROM items; SELECT 3 AS third']);
    expectOk(table);
    assert.match(table.stdout, /^first\n─+\n +1\n1 row\n\nitems\n─+\n +3\n1 row\n\nthird\n─+\n +3\n1 row\n$/);
    const csv = await cli(['sql', db, 'SELECT 1 AS a; SELECT 2 AS b', '--format', 'csv']);
    assert.equal(csv.stdout, 'a\n1\n\nb\n2\n');
    const json = await cli(['sql', db, 'SELECT 1 AS a; SELECT 2 AS b', '--format', 'json']);
    assert.equal(json.stdout, '{"a":1}\n{"b":2}\n');
    const failing = await cli(['sql', db, 'SELECT 1 AS a; SELECT nope FROM items']);
    expectExit(failing, 2, /query failed \(statement 2 of 2\): .*nope/);
    assert.match(failing.stdout, /^a\n/);
  });
});
