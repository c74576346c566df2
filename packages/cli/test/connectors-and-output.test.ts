/**
 * The other ways to run a connector (an external process with --command, a Docker image with
 * --image), schema evolution between syncs, the progress lines of a non-TTY run, and
 * `tributary sql`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { nameOfCommand, nameOfImage, ProcessConnector } from '../src/connectors/process-connector.js';
import { cli, expectOk, fakerFolder, fixtureFolder, query, repoRoot, scalar, syncArgs, tempDir } from './helpers/cli.js';

describe('connectors and output', () => {
  const { dir, cleanup } = tempDir('connectors');
  after(cleanup);

  test('--command runs any Airbyte source executable and gives the same tables as in-process', async () => {
    const config = JSON.stringify({ count: 500, seed: 11, clock: '2024-01-01T10:00:00Z' });
    const viaCommand = join(dir, 'command.duckdb');
    const inProcess = join(dir, 'in-process.duckdb');
    const fakerCommand = ['--command', 'node connectors/source-faker/dist/main.js'];
    const command = await cli(syncArgs(fakerCommand, config, viaCommand));
    expectOk(command);
    assert.match(command.stdout, /Synced command "node connectors\/source-faker\/dist\/main\.js"/);
    expectOk(await cli(syncArgs(fakerFolder, config, inProcess)));
    for (const table of ['users', 'products', 'purchases']) {
      const columns = `* EXCLUDE (_airbyte_raw_id, _airbyte_extracted_at, _airbyte_meta)`;
      const a = await query(viaCommand, `SELECT ${columns} FROM ${table} ORDER BY id`);
      const b = await query(inProcess, `SELECT ${columns} FROM ${table} ORDER BY id`);
      assert.ok(a.length > 0, table);
      assert.deepEqual(a, b, table);
    }
    // Its state is stored the same way, so the next --command sync is incremental.
    const again = await cli(syncArgs(fakerCommand, config, viaCommand));
    expectOk(again);
    assert.match(again.stdout, /purchases\s+append_dedup\s+0\s/);
  });

  test('a --command connector that fails: its TRACE error and failure type are shown', async () => {
    const db = join(dir, 'command-fail.duckdb');
    const result = await cli([
      'sync',
      '--command',
      'node connectors/source-faker/dist/main.js',
      '--config',
      '{"count": "many"}',
      '--to',
      `duckdb:${db}`,
    ]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /error: Config validation error: config\.count must be integer \(failure type: config_error\)/);
  });

  test('--image runs an Airbyte image with docker, inputs mounted at /config as the platform does', async (t) => {
    const connector = ProcessConnector.image('airbyte/source-faker:6.2.1');
    assert.equal(connector.name, 'source-faker');
    assert.equal(nameOfImage('ghcr.io/acme/source-x@sha256:abc'), 'source-x');
    assert.equal(nameOfCommand('node connectors/source-faker/dist/main.js'), 'source-faker');
    assert.equal(nameOfCommand('python3 /opt/source_github/main.py'), 'source_github');
    const image = process.env.TRIBUTARY_TEST_IMAGE ?? 'airbyte/source-faker:6.2.1';
    const docker = spawnSync('docker', ['image', 'inspect', image], { stdio: 'ignore' });
    if (docker.error !== undefined || docker.status !== 0) {
      t.skip(`docker or the image ${image} is not available here (set TRIBUTARY_TEST_IMAGE to a local Airbyte source image)`);
      return;
    }
    const db = join(dir, 'image.duckdb');
    const result = await cli(syncArgs(['--image', image], { count: 100 }, db));
    expectOk(result);
    assert.ok((await scalar(db, 'SELECT count(*) FROM users')) > 0);
  });

  test('a new column is added by a later sync; a changed type is recorded, not a crash', async () => {
    const db = join(dir, 'evolving.duckdb');
    const sync = (config: object) => cli(syncArgs(fixtureFolder, config, db));
    expectOk(await sync({ count: 30 }));
    const second = await sync({ count: 40, version: 2 });
    expectOk(second);
    assert.match(second.stderr, /stream 'items': added column score DOUBLE/);
    assert.match(second.stderr, /stream 'items': column code stays BIGINT although the schema now says VARCHAR/);
    const changes = await query(
      db,
      'SELECT column_name, change, previous_type, new_type FROM _tributary_schema_changes ORDER BY column_name',
    );
    assert.deepEqual(changes, [
      { column_name: 'code', change: 'type_conflict', previous_type: 'BIGINT', new_type: 'VARCHAR' },
      { column_name: 'score', change: 'added', previous_type: null, new_type: 'DOUBLE' },
    ]);
    const rows = await query(
      db,
      `SELECT id, code, score, CAST(_airbyte_meta AS VARCHAR) AS meta FROM items WHERE id IN (29, 31, 32) ORDER BY id`,
    );
    const nulled = JSON.stringify({ field: 'code', change: 'NULLED', reason: 'DESTINATION_TYPECAST_ERROR' });
    assert.deepEqual(
      rows.map((r) => ({ ...r, meta: JSON.parse(String(r.meta)) })),
      [
        { id: '29', code: '290', score: null, meta: { sync_id: 1, changes: [] } },
        { id: '31', code: '31', score: 15.5, meta: { sync_id: 2, changes: [] } },
        { id: '32', code: null, score: 16, meta: { sync_id: 2, changes: [JSON.parse(nulled)] } },
      ],
    );
    // A value that does not cast to its column (a date column given 'not a date') is nulled and recorded too.
    const [bad] = await query(db, `SELECT seen_at, _airbyte_meta->'$.changes'->0->>'$.field' AS field FROM items WHERE id = 5`);
    assert.deepEqual(bad, { seen_at: null, field: 'seen_at' });
  });

  test('in a pipe, progress is periodic plain lines', async () => {
    const db = join(dir, 'progress.duckdb');
    const result = await cli([
      'sync',
      fixtureFolder,
      '--config',
      JSON.stringify({ count: 1200, delay_ms: 25 }),
      '--to',
      `duckdb:${db}`,
      '--progress-interval',
      '0.2',
    ]);
    expectOk(result);
    const lines = result.stderr.split('\n');
    assert.ok(
      lines.some((line) => /^\[tributary [\d.]+ s\] items: started \(append_dedup\)$/.test(line)),
      result.stderr,
    );
    const running = lines.filter((line) =>
      /^\[tributary [\d.]+ s\] items: [\d,]+ records \([\d,]+\/s\), ~[\d.]+ [kM]?B, [\d,]+ committed, running [\d.]+ s/.test(line),
    );
    assert.ok(running.length >= 2, `expected periodic progress lines, got:\n${result.stderr}`);
    assert.ok(
      lines.some((line) => /^\[tributary [\d.]+ s\] items: complete, 1,200 records in [\d.]+ s$/.test(line)),
      result.stderr,
    );
    assert.ok(!result.stderr.includes(String.fromCharCode(27)), 'no terminal control sequences in a pipe');
    assert.match(result.stdout, /items\s+append_dedup\s+1,200\s+1,200\s/);
    assert.match(result.stdout, /npx tributary sql .*progress\.duckdb "SELECT \* FROM items LIMIT 10"/);
  });

  test('tributary sql prints a query result as a table, CSV or JSON lines', async () => {
    const db = join(dir, 'sql.duckdb');
    expectOk(await cli(syncArgs(fixtureFolder, { count: 12 }, db)));
    const table = await cli(['sql', db, 'SELECT id, name FROM items WHERE id <= 7 ORDER BY id']);
    expectOk(table);
    const lines = table.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^id\s+name$/);
    assert.match(lines[2] ?? '', /^ 1\s+item 1$/);
    assert.match(lines[8] ?? '', /^ 7\s+NULL$/);
    assert.equal(lines.at(-1), '7 rows');
    const csv = await cli(['sql', db, 'SELECT id, name FROM items WHERE id IN (6, 7) ORDER BY id', '--format', 'csv']);
    assert.equal(csv.stdout, 'id,name\n6,item 6\n7,\n');
    const json = await cli(['sql', db, 'SELECT id, tags FROM items WHERE id = 1', '--format', 'json']);
    assert.deepEqual(JSON.parse(json.stdout), { id: '1', tags: '["t1"]' });
    const bad = await cli(['sql', db, 'SELECT nope FROM items']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /query failed: .*nope/);
    const missing = await cli(['sql', join(dir, 'absent.duckdb'), 'SELECT 1']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no DuckDB file at/);
  });

  test('--help lists every command with examples', async () => {
    const help = await cli(['--help']);
    expectOk(help);
    assert.match(help.stdout, /sync \[options\] \[connector\]/);
    assert.match(help.stdout, /sql \[options\] <db> <query>/);
    const sync = await cli(['sync', '--help']);
    assert.match(sync.stdout, /--full-refresh/);
    assert.match(sync.stdout, /tributary sync --command "node connectors\/source-faker\/dist\/main.js"/);
    const usage = await cli(['sync']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /give exactly one connector/);
    const notBuilt = await cli(['sync', join(repoRoot, 'packages', 'cli', 'test')]);
    assert.equal(notBuilt.code, 2);
    assert.match(notBuilt.stderr, /has no package.json/);
  });
});
