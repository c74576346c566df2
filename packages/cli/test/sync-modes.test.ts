/**
 * `tributary sync` end to end, through the real command line, into real DuckDB files: the write
 * modes (overwrite, append, append_dedup), incremental resume across syncs as the faker's clock
 * advances, and --full-refresh.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EPOCH_MS } from '../../../connectors/source-faker/src/config.js';
import { userTimeline } from '../../../connectors/source-faker/src/streams/users.js';
import { cli, expectOk, fakerFolder, fixtureFolder, query, scalar, syncArgs, tempDir } from './helpers/cli.js';

const COUNT = 3000;
const CLOCK_1 = '2024-01-02T12:00:00Z';
const CLOCK_2 = '2024-01-03T06:00:00Z';

/** What the faker holds at a clock: users created by then (each at its latest version) and purchases. */
function fakerAt(clock: string) {
  const clockMs = Date.parse(clock);
  const versions = new Map<number, number>();
  for (let id = 1; id <= COUNT; id++) {
    const timeline = userTimeline(id, clockMs);
    if (timeline === undefined) break;
    versions.set(id, timeline.version);
  }
  const purchases = Math.min(COUNT, Math.floor((clockMs - EPOCH_MS) / 90_000));
  return { users: versions.size, versions, purchases };
}

function faker(db: string, clock: string, ...extra: string[]) {
  return cli(syncArgs(fakerFolder, { count: COUNT, seed: 7, clock }, db, ...extra));
}

describe('sync modes into DuckDB', () => {
  const { dir, cleanup } = tempDir('modes');
  after(cleanup);

  describe('incremental dedup, resumed across two syncs', () => {
    const db = join(dir, 'dedup.duckdb');
    let second: Awaited<ReturnType<typeof faker>>;
    before(async () => {
      expectOk(await faker(db, CLOCK_1));
      second = await faker(db, CLOCK_2);
      expectOk(second);
    });

    test('the second sync reads only what changed since the first', () => {
      const at1 = fakerAt(CLOCK_1);
      const at2 = fakerAt(CLOCK_2);
      const changedUsers = [...at2.versions].filter(([id, version]) => at1.versions.get(id) !== version).length;
      const row = (name: string) => second.stdout.split('\n').find((line) => line.startsWith(name)) ?? '';
      assert.match(row('users'), new RegExp(`append_dedup\\s+${changedUsers.toLocaleString('en-US')}\\s`));
      assert.match(row('purchases'), new RegExp(`append_dedup\\s+${(at2.purchases - at1.purchases).toLocaleString('en-US')}\\s`));
      assert.match(row('products'), /overwrite\s+300\s/);
    });

    test('every user is there once, at its latest version', async () => {
      const at2 = fakerAt(CLOCK_2);
      assert.equal(await scalar(db, 'SELECT count(*) FROM users'), at2.users);
      assert.equal(await scalar(db, 'SELECT count(DISTINCT id) FROM users'), at2.users);
      const rows = await query(db, 'SELECT id, "version" FROM users');
      for (const row of rows) assert.equal(Number(row.version), at2.versions.get(Number(row.id)), `user ${row.id}`);
      assert.equal(await scalar(db, 'SELECT count(*) FROM purchases'), at2.purchases);
      assert.equal(await scalar(db, 'SELECT count(DISTINCT id) FROM purchases'), at2.purchases);
    });

    test('columns are typed from the schema, with the Airbyte columns', async () => {
      const columns = await query(db, `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'users'`);
      const types = Object.fromEntries(columns.map((c) => [c.column_name, c.data_type]));
      assert.deepEqual(types, {
        _airbyte_raw_id: 'UUID',
        _airbyte_extracted_at: 'TIMESTAMP WITH TIME ZONE',
        _airbyte_meta: 'JSON',
        id: 'BIGINT',
        name: 'VARCHAR',
        email: 'VARCHAR',
        age: 'BIGINT',
        address: 'JSON',
        version: 'BIGINT',
        created_at: 'TIMESTAMP WITH TIME ZONE',
        updated_at: 'TIMESTAMP WITH TIME ZONE',
      });
      const [user] = await query(
        db,
        `SELECT address->>'$.country.code' AS country, _airbyte_meta->>'$.sync_id' AS sync_id FROM users WHERE id = 1`,
      );
      assert.match(String(user?.country), /^[A-Z]{2}$/);
      assert.equal(user?.sync_id, '1');
    });

    test('the state is stored per stream and passed back (the cursor of the last sync)', async () => {
      const rows = await query(
        db,
        `SELECT stream_name, CAST(state AS VARCHAR) AS state FROM _tributary_state WHERE state_type = 'STREAM' ORDER BY stream_name`,
      );
      const states = Object.fromEntries(rows.map((r) => [r.stream_name, JSON.parse(String(r.state)).stream.stream_state]));
      const lastPurchase = new Date(EPOCH_MS + fakerAt(CLOCK_2).purchases * 90_000).toISOString();
      assert.deepEqual(states.purchases, { purchased_at: lastPurchase });
      assert.ok(String(states.users?.updated_at) <= new Date(Date.parse(CLOCK_2)).toISOString());
      assert.deepEqual(states.products, { __ab_no_cursor_state_message: true });
      const syncs = await query(db, 'SELECT sync_id, status FROM _tributary_syncs ORDER BY sync_id');
      assert.deepEqual(syncs, [
        { sync_id: '1', status: 'succeeded' },
        { sync_id: '2', status: 'succeeded' },
      ]);
    });
  });

  test('overwrite replaces the table each sync; --full-refresh ignores the state and replaces every table', async () => {
    const db = join(dir, 'overwrite.duckdb');
    expectOk(await faker(db, CLOCK_1));
    expectOk(await faker(db, CLOCK_1));
    assert.equal(await scalar(db, 'SELECT count(*) FROM products'), 300);
    assert.equal(await scalar(db, `SELECT count(*) FROM products WHERE _airbyte_meta->>'$.sync_id' = '2'`), 300);
    const full = await faker(db, CLOCK_2, '--full-refresh');
    expectOk(full);
    const at2 = fakerAt(CLOCK_2);
    assert.match(full.stdout, new RegExp(`users\\s+overwrite\\+dedup\\s+${at2.users.toLocaleString('en-US')}\\s`));
    assert.equal(await scalar(db, 'SELECT count(*) FROM users'), at2.users);
    assert.equal(await scalar(db, `SELECT count(*) FROM users WHERE _airbyte_meta->>'$.sync_id' <> '3'`), 0);
    assert.equal(await scalar(db, 'SELECT count(*) FROM purchases'), at2.purchases);
    const tables = await query(db, `SELECT table_name FROM information_schema.tables WHERE table_name LIKE '_tributary_overwrite%'`);
    assert.deepEqual(tables, [], 'no staging table is left behind');
  });

  test('append keeps every version of every record', async () => {
    const catalogFile = join(dir, 'append-catalog.json');
    const items = {
      name: 'items',
      json_schema: {
        type: 'object',
        properties: { id: { type: 'integer' }, updated: { type: 'integer' }, name: { type: ['null', 'string'] } },
      },
      supported_sync_modes: ['full_refresh', 'incremental'],
      source_defined_cursor: true,
      default_cursor_field: ['updated'],
      source_defined_primary_key: [['id']],
    };
    const catalog = { streams: [{ stream: items, sync_mode: 'full_refresh', destination_sync_mode: 'append' }] };
    writeFileSync(catalogFile, JSON.stringify(catalog));
    const db = join(dir, 'append2.duckdb');
    for (let i = 0; i < 2; i++) {
      expectOk(await cli(syncArgs(fixtureFolder, { count: 40 }, db, '--catalog', catalogFile)));
    }
    assert.equal(await scalar(db, 'SELECT count(*) FROM items'), 80);
    assert.equal(await scalar(db, 'SELECT count(DISTINCT id) FROM items'), 40);
    assert.equal(await scalar(db, 'SELECT count(DISTINCT _airbyte_raw_id) FROM items'), 80);
    const columns = await query(db, `SELECT column_name FROM information_schema.columns WHERE table_name = 'items'`);
    assert.deepEqual(
      columns.map((c) => c.column_name),
      ['_airbyte_raw_id', '_airbyte_extracted_at', '_airbyte_meta', 'id', 'updated', 'name'],
    );
  });
});
