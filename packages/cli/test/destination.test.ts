/**
 * The DuckDB destination driven directly as a MessageSink (no connector): deduplication by
 * primary key and cursor, value conversion, commits at STATE messages, and the live views.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, describe, test } from 'node:test';
import type { AirbyteMessage, ConfiguredAirbyteCatalog, ConfiguredAirbyteStream, JsonSchema } from '@tributary/cdk';
import { planColumns } from '../src/destinations/duckdb/columns.js';
import { type CommitPolicy, DEFAULT_COMMIT_POLICY } from '../src/destinations/duckdb/commit-policy.js';
import { DuckDBDestination } from '../src/destinations/duckdb/duckdb-destination.js';
import { ProgressView } from '../src/progress/progress-view.js';
import { newStats } from '../src/progress/stats.js';
import { query, scalar, storedStreamState, tempDir } from './helpers/cli.js';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    region: { type: 'string' },
    updated: { type: ['null', 'string'], format: 'date-time' },
    amount: { type: 'number' },
    active: { type: 'boolean' },
    label: { type: 'string' },
    details: { type: 'object' },
  },
};

function stream(
  mode: ConfiguredAirbyteStream['destination_sync_mode'],
  primaryKey: string[][] = [['id'], ['region']],
): ConfiguredAirbyteCatalog {
  return {
    streams: [
      {
        stream: {
          name: 'orders',
          namespace: 'shop',
          json_schema: schema,
          supported_sync_modes: ['incremental'],
          default_cursor_field: ['updated'],
          source_defined_primary_key: primaryKey,
        },
        sync_mode: 'incremental',
        destination_sync_mode: mode,
      },
    ],
  };
}

function state(value: string): AirbyteMessage {
  return {
    type: 'STATE',
    state: { type: 'STREAM', stream: { stream_descriptor: { name: 'orders', namespace: 'shop' }, stream_state: { updated: value } } },
  };
}

/** A destination on `path`, begun and prepared for the catalog of `stream(mode, primaryKey)`, and the record writer of shop.orders. */
async function ordersDestination(
  path: string,
  mode: ConfiguredAirbyteStream['destination_sync_mode'],
  options: { policy?: CommitPolicy; primaryKey?: string[][] } = {},
) {
  const destination = await DuckDBDestination.open(path, options.policy === undefined ? {} : { policy: options.policy });
  await destination.beginSync('test');
  const input = await destination.prepare(stream(mode, options.primaryKey), { fullRefresh: false });
  return { destination, input, write: destination.recordWriter({ name: 'orders', namespace: 'shop' }) };
}

describe('DuckDB destination', () => {
  const { dir, cleanup } = tempDir('destination');
  after(cleanup);

  test('append_dedup keeps the latest version of each composite key, by cursor then arrival', async () => {
    const path = join(dir, 'dedup.duckdb');
    const { destination, input: firstInput, write } = await ordersDestination(path, 'append_dedup');
    assert.deepEqual(firstInput, []);
    write({ id: 1, region: 'eu', updated: '2024-01-02T00:00:00Z', label: 'v2' });
    write({ id: 1, region: 'us', updated: '2024-01-01T00:00:00Z', label: 'other key' });
    destination.writeMessage(state('2024-01-02T00:00:00Z'));
    write({ id: 1, region: 'eu', updated: '2024-01-01T00:00:00Z', label: 'older, arrives later' });
    write({ id: 2, region: 'eu', updated: null, label: 'no cursor' });
    write({ id: 2, region: 'eu', updated: '2024-01-01T00:00:00Z', label: 'has a cursor' });
    write({ id: 3, region: 'eu', updated: '2024-01-05T00:00:00Z', label: 'first' });
    write({ id: 3, region: 'eu', updated: '2024-01-05T00:00:00Z', label: 'same cursor, later' });
    destination.writeMessage(state('2024-01-05T00:00:00Z'));
    await destination.finish();
    destination.close();

    const rows = await query(path, 'SELECT id, region, label FROM shop.orders ORDER BY id, region');
    assert.deepEqual(rows, [
      { id: '1', region: 'eu', label: 'v2' },
      { id: '1', region: 'us', label: 'other key' },
      { id: '2', region: 'eu', label: 'has a cursor' },
      { id: '3', region: 'eu', label: 'same cursor, later' },
    ]);
    const [stored] = await query(path, `SELECT CAST(state AS VARCHAR) AS state FROM _tributary_state`);
    assert.deepEqual(JSON.parse(String(stored?.state)).stream.stream_state, { updated: '2024-01-05T00:00:00Z' });

    // A second sync starts from that state and merges against what is there.
    const { destination: next, input, write: writeNext } = await ordersDestination(path, 'append_dedup');
    assert.deepEqual(input[0]?.stream?.stream_state, { updated: '2024-01-05T00:00:00Z' });
    writeNext({ id: 1, region: 'eu', updated: '2024-01-06T00:00:00Z', label: 'v3' });
    next.writeMessage(state('2024-01-06T00:00:00Z'));
    await next.finish();
    next.close();
    const after2 = await query(path, `SELECT label FROM shop.orders WHERE id = 1 AND region = 'eu'`);
    assert.deepEqual(after2, [{ label: 'v3' }]);
  });

  test('values are converted to their column type, or nulled with the change in _airbyte_meta', async () => {
    const path = join(dir, 'convert.duckdb');
    const { destination, write } = await ordersDestination(path, 'append');
    write({ id: '42', region: 7, updated: '2024-03-01T10:00:00.123456Z', amount: '1.5', active: 'true', label: { a: 1 }, details: 'text' });
    write({ id: 'x', region: 'eu', updated: { not: 'a date' }, amount: 'lots', active: 1, label: true, details: [1, { b: null }] });
    write({ id: 2 ** 53, region: null, updated: 'soon', amount: Number.NaN, active: false, details: null });
    await destination.finish();
    destination.close();

    const rows = await query(
      path,
      `SELECT id, region, CAST(updated AS VARCHAR) AS updated, amount, active, label, CAST(details AS VARCHAR) AS details,
        CAST(_airbyte_meta->'$.changes' AS VARCHAR) AS changes FROM shop.orders ORDER BY _airbyte_extracted_at, rowid`,
    );
    const changes = (...fields: string[]) =>
      JSON.stringify(fields.map((field) => ({ field, change: 'NULLED', reason: 'DESTINATION_TYPECAST_ERROR' })));
    assert.deepEqual(rows, [
      {
        id: '42',
        region: '7',
        updated: '2024-03-01 10:00:00.123456+00',
        amount: 1.5,
        active: true,
        label: '{"a":1}',
        details: '"text"',
        changes: '[]',
      },
      {
        id: null,
        region: 'eu',
        updated: null,
        amount: null,
        active: null,
        label: 'true',
        details: '[1,{"b":null}]',
        changes: changes('id', 'updated', 'amount', 'active'),
      },
      {
        id: String(2 ** 53),
        region: null,
        updated: null,
        amount: 'NaN',
        active: false,
        label: null,
        details: null,
        changes: changes('updated'),
      },
    ]);
  });

  test('every value arrives intact across staging chunks: separators, marks, empty strings, nulls, unicode', async () => {
    const path = join(dir, 'staging.duckdb');
    // Small commits, so that batches end in partial chunks as well as full ones.
    const policy = { minRows: 1500, idleRows: 1500, intervalMs: 0, maxRows: 3000, maxBytes: 1e9, maxWideBytes: 1e9 };
    const { destination, write } = await ordersDestination(path, 'append', { policy });
    const odd = [
      '',
      '\u001f',
      'a\u001fb',
      '\u001estarts with the mark',
      'ends\u001e',
      '["looks", "like JSON"]',
      'é — 日本 😀',
      'quote " back\\slash',
      'nul \u0000 inside',
    ];
    const expected: { id: number; label: string | null; region: string; amount: number | null; details: string | null }[] = [];
    const total = 10_000;
    for (let id = 1; id <= total; id++) {
      // Chunks of every kind: with nulls (ids up to 4000), plain (joined), with odd strings (above 6000).
      const label = id <= 4000 && id % 997 === 0 ? null : id > 6000 && id % 13 === 0 ? (odd[id % odd.length] as string) : `label ${id}`;
      const amount = id % 11 === 0 ? null : id / 4;
      const details = id % 7 === 0 ? null : { id, text: odd[id % odd.length], nested: [id, null, 'x\u001fy'] };
      const record = { id, region: id % 2 === 0 ? 'eu' : '', label, amount, active: id % 3 === 0, details };
      expected.push({ id, label, region: record.region, amount, details: details === null ? null : JSON.stringify(details) });
      if (write(record)) await destination.drain();
      if (id % 1000 === 0) destination.writeMessage(state(new Date(Date.UTC(2024, 0, 1) + id * 1000).toISOString()));
    }
    await destination.finish();
    destination.close();

    const rows = await query(
      path,
      `SELECT id, label, region, amount, CAST(details AS VARCHAR) AS details, CAST(_airbyte_meta->'$.changes' AS VARCHAR) AS changes
       FROM shop.orders ORDER BY id`,
    );
    assert.equal(rows.length, total);
    rows.forEach((row, i) => {
      const want = expected[i] as (typeof expected)[number];
      assert.deepEqual(
        { ...row, details: row.details === null ? null : JSON.parse(row.details as string) },
        {
          id: String(want.id),
          label: want.label,
          region: want.region,
          amount: want.amount,
          details: want.details === null ? null : JSON.parse(want.details),
          changes: '[]',
        },
        `record ${want.id}`,
      );
    });
  });

  test('wide records: chunks are handed over by size, and a batch of many staging rows arrives whole', async () => {
    const path = join(dir, 'wide.duckdb');
    const { destination, write } = await ordersDestination(path, 'append');
    // ~40 KB of text per record: about 25 records per staging row, so one commit spans dozens of
    // staging rows and several INSERT slices.
    const total = 1200;
    for (let id = 1; id <= total; id++) {
      const record = { id, region: 'eu', label: `${id}:${'l'.repeat(20_000)}`, details: { id, text: 'd'.repeat(20_000) } };
      if (write(record)) await destination.drain();
    }
    destination.writeMessage(state('2024-01-01T00:00:00Z'));
    await destination.finish();
    destination.close();
    const [row] = await query(
      path,
      `SELECT count(*) AS n, count(DISTINCT id) AS ids, min(length(label)) AS shortest, max(length(label)) AS longest,
        sum(CAST(details->>'$.id' AS BIGINT)) AS id_sum, sum(length(details->>'$.text')) AS text_chars FROM shop.orders`,
    );
    assert.deepEqual(row, {
      n: String(total),
      ids: String(total),
      shortest: String(20_002),
      longest: String(20_005),
      id_sum: String((total * (total + 1)) / 2),
      text_chars: String(total * 20_000),
    });
  });

  /**
   * Syncs `records` records of shop.orders (append), a STATE after every `stateEvery` of them
   * (none when undefined), and returns the rows of each commit, as TRIBUTARY_DEBUG logs them.
   * `pauseEvery`: the producer also pauses 100 ms after every that many records (a STATE
   * before it), as a connector waiting for an API does, which lets a running commit finish.
   */
  async function commitSizes(
    name: string,
    records: number,
    record: (id: number) => object,
    options: { policy?: CommitPolicy; stateEvery?: number; pauseEvery?: number } = {},
  ): Promise<number[]> {
    const sizes: number[] = [];
    const log = (_: string, message: string) => {
      const rows = /^committed (\d+) rows/.exec(message)?.[1];
      if (rows !== undefined) sizes.push(Number(rows));
    };
    const previous = process.env.TRIBUTARY_DEBUG;
    process.env.TRIBUTARY_DEBUG = '1';
    try {
      const path = join(dir, `${name}.duckdb`);
      const destination = await DuckDBDestination.open(path, { events: { log }, ...(options.policy && { policy: options.policy }) });
      await destination.beginSync('test');
      await destination.prepare(stream('append'), { fullRefresh: false });
      const write = destination.recordWriter({ name: 'orders', namespace: 'shop' });
      for (let id = 1; id <= records; id++) {
        if (write(record(id))) await destination.drain();
        if (options.stateEvery !== undefined && id % options.stateEvery === 0) destination.writeMessage(state(`${id}`));
        if (options.pauseEvery !== undefined && id % options.pauseEvery === 0) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await destination.finish();
      destination.close();
      assert.equal(await scalar(path, 'SELECT count(DISTINCT id) FROM shop.orders'), records);
    } finally {
      if (previous === undefined) delete process.env.TRIBUTARY_DEBUG;
      else process.env.TRIBUTARY_DEBUG = previous;
    }
    return sizes;
  }

  test('wide records commit in batches of a few MB, narrow ones in batches of whole row groups', async () => {
    // ~40 KB each: 16 MB hold about 400 of them, where 96 MB would not hold a row group.
    const wide = await commitSizes('wide-batches', 1500, (id) => ({
      id,
      region: 'eu',
      label: 'l'.repeat(20_000),
      details: { id, text: 'd'.repeat(20_000) },
    }));
    assert.ok(wide.length >= 3, `commits of wide records: ${wide.join(', ')}`);
    for (const rows of wide.slice(0, -1)) assert.ok(rows >= 350 && rows <= 450, `commits of wide records: ${wide.join(', ')}`);
    assert.equal(
      wide.reduce((sum, rows) => sum + rows, 0),
      1500,
    );
    // ~200 bytes each: 40 MB of them (200,000 records), no STATE, make one commit at the end.
    const narrow = await commitSizes('narrow-batches', 200_000, (id) => ({ id, region: 'eu', label: `label ${id}`.padEnd(150, '.') }));
    assert.deepEqual(narrow, [200_000]);
  });

  test('while no commit runs, a STATE commits the batch once a stream has a row group of rows in it', async () => {
    const policy = { ...DEFAULT_COMMIT_POLICY, minRows: 1e9, intervalMs: 1e9, idleRows: 1000 };
    const sizes = await commitSizes('idle-commits', 10_000, (id) => ({ id, region: 'eu' }), { policy, stateEvery: 100, pauseEvery: 500 });
    assert.equal(
      sizes.reduce((sum, rows) => sum + rows, 0),
      10_000,
    );
    // Each commit ends at a STATE, with at least a row group's worth (here 1,000) of rows, or
    // more when the previous commit still ran at the STATE that made it due.
    assert.ok(sizes.length >= 3, `commits: ${sizes.join(', ')}`);
    for (const rows of sizes) assert.ok(rows % 100 === 0 && rows >= 1000, `commits: ${sizes.join(', ')}`);
    // The default policy's is a row group: 10,000 rows make one commit, at the end (the interval
    // is set aside, or the pauses would add up to it).
    const defaults = await commitSizes('idle-default', 10_000, (id) => ({ id, region: 'eu' }), {
      policy: { ...DEFAULT_COMMIT_POLICY, intervalMs: 1e9 },
      stateEvery: 100,
      pauseEvery: 500,
    });
    assert.deepEqual(defaults, [10_000]);
  });

  test('commits keep their partial row groups; the final checkpoint vacuums once dedup replaced a row group of rows', async () => {
    const path = join(dir, 'vacuum.duckdb');
    const rowGroups = () => scalar(path, `SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('shop.orders')`);
    const sync = async (label: string) => {
      const policy = { minRows: 125_000, idleRows: 125_000, intervalMs: 60_000, maxRows: 1e9, maxBytes: 1e12, maxWideBytes: 1e12 };
      const { destination, write } = await ordersDestination(path, 'append_dedup', { policy, primaryKey: [['id']] });
      for (let id = 1; id <= 250_000; id++) {
        if (write({ id, region: 'eu', label })) await destination.drain();
        if (id % 5_000 === 0) destination.writeMessage(state(label));
      }
      await destination.finish();
      await destination.checkpoint();
      destination.close();
    };
    // Two commits of 125,000 rows, written straight to the file (more than a row group each):
    // each ends in a partial row group, which a vacuum would have merged (three in all).
    await sync('2024-01-01T00:00:00Z');
    assert.equal(await rowGroups(), 4);
    // The second sync replaces all 250,000 rows: the checkpoint reclaims the old row groups.
    await sync('2024-01-02T00:00:00Z');
    assert.deepEqual(await query(path, 'SELECT count(*) AS n, min(label) AS label FROM shop.orders'), [
      { n: '250000', label: '2024-01-02T00:00:00Z' },
    ]);
    assert.equal(await rowGroups(), 3);
  });

  test('a STATE is committed with the records before it, not before they are all in', async () => {
    const path = join(dir, 'commits.duckdb');
    const policy = { minRows: 1, idleRows: 1, intervalMs: 0, maxRows: 1000, maxBytes: 1e9, maxWideBytes: 1e9 };
    const { destination, write } = await ordersDestination(path, 'append', { policy });
    for (let id = 1; id <= 3000; id++) {
      if (write({ id, region: 'eu', updated: new Date(Date.UTC(2024, 0, 1) + id * 1000).toISOString() })) await destination.drain();
      if (id % 700 === 0) destination.writeMessage(state(new Date(Date.UTC(2024, 0, 1) + id * 1000).toISOString()));
    }
    await destination.finish();
    assert.equal(destination.stats[0]?.written, 3000);
    assert.equal(destination.stats[0]?.states, 4);
    destination.close();
    const [row] = await query(path, 'SELECT count(*) AS n, count(DISTINCT id) AS ids FROM shop.orders');
    assert.deepEqual(row, { n: '3000', ids: '3000' });
  });

  /**
   * Records 1..10 and their STATE start a commit; records 11..20 and their STATE then want one
   * too while it runs: the producer is told to wait at the next record, 21. Returns the
   * destination with that commit due, record 21 written and the producer not yet drained.
   */
  async function commitDueWhileOneRuns(path: string) {
    const at = (id: number) => new Date(Date.UTC(2024, 0, 1) + id * 1000).toISOString();
    const policy = { minRows: 1, idleRows: 1, intervalMs: 0, maxRows: 1e9, maxBytes: 1e12, maxWideBytes: 1e12 };
    const { destination, write } = await ordersDestination(path, 'append', { policy });
    const record = (id: number) => write({ id, region: 'eu', updated: at(id) });
    for (let id = 1; id <= 10; id++) assert.equal(record(id), false);
    destination.writeMessage(state(at(10)));
    for (let id = 11; id <= 20; id++) record(id);
    destination.writeMessage(state(at(20)));
    assert.equal(record(21), true, 'the commit at the STATE of record 20 waits for the running one: the producer waits');
    return { destination, record, at };
  }

  const committed = async (path: string) => ({
    rows: await scalar(path, 'SELECT count(*) FROM shop.orders'),
    state: await storedStreamState(path, 'orders'),
  });

  test('a commit due at a STATE while another runs ends at that STATE: an interrupted sync keeps nothing after it', async () => {
    const path = join(dir, 'due-at-state.duckdb');
    const { destination, at } = await commitDueWhileOneRuns(path);
    await destination.drain();
    // SIGTERM now: the sync keeps what came up to the last STATE (record 20), and nothing after it.
    destination.interrupt();
    await destination.finish();
    destination.close();
    assert.deepEqual(await committed(path), { rows: 20, state: { updated: at(20) } });
    assert.equal(await scalar(path, 'SELECT max(id) FROM shop.orders'), 20);
  });

  test('a record held for a due commit goes into the next batch; the messages after it wait with it', async () => {
    const path = join(dir, 'held.duckdb');
    const { destination, record, at } = await commitDueWhileOneRuns(path);
    // A producer that writes on without waiting: record 21's STATE must not be committed before record 21.
    destination.writeMessage(state(at(21)));
    record(22);
    await destination.drain();
    destination.interrupt();
    await destination.finish();
    destination.close();
    assert.deepEqual(await committed(path), { rows: 21, state: { updated: at(21) } });
    assert.deepEqual(await query(path, 'SELECT count(DISTINCT id) AS ids, max(id) AS last FROM shop.orders'), [{ ids: '21', last: '21' }]);
  });

  test('a sync that is not interrupted commits the held record with the next batch', async () => {
    const path = join(dir, 'held-complete.duckdb');
    const { destination, record, at } = await commitDueWhileOneRuns(path);
    await destination.drain();
    for (let id = 22; id <= 30; id++) if (record(id)) await destination.drain();
    destination.writeMessage(state(at(30)));
    await destination.finish();
    destination.close();
    assert.deepEqual(await committed(path), { rows: 30, state: { updated: at(30) } });
  });

  test('planColumns maps JSON Schema types, and renames columns that clash', () => {
    const plans = planColumns({
      properties: {
        a: { type: 'integer' },
        b: { type: 'number', airbyte_type: 'integer' },
        c: { type: ['null', 'string'], format: 'date' },
        d: { type: 'string', format: 'date-time', airbyte_type: 'timestamp_without_timezone' },
        e: { type: 'string', format: 'time', airbyte_type: 'time_without_timezone' },
        f: { type: ['string', 'integer'] },
        g: { oneOf: [{ type: 'string' }] },
        A: { type: 'boolean' },
        _airbyte_meta: { type: 'string' },
      },
    });
    assert.deepEqual(
      plans.map((p) => [p.key, p.column, p.sqlType]),
      [
        ['a', 'a', 'BIGINT'],
        ['b', 'b', 'BIGINT'],
        ['c', 'c', 'DATE'],
        ['d', 'd', 'TIMESTAMP'],
        ['e', 'e', 'TIME'],
        ['f', 'f', 'JSON'],
        ['g', 'g', 'JSON'],
        ['A', 'A_1', 'BOOLEAN'],
        ['_airbyte_meta', '_airbyte_meta_1', 'VARCHAR'],
      ],
    );
  });

  test('the terminal view redraws in place; the plain view prints lines', () => {
    const stats = newStats('users', 'append_dedup');
    stats.phase = 'running';
    stats.records = 12_345;
    stats.bytesPerRecord = 100;
    stats.startedAt = performance.now() - 2000;
    stats.committedState = { updated_at: '2024-01-02T00:00:00.000Z' };
    let out = '';
    const sink = Object.assign(
      new Writable({
        write(chunk, _encoding, callback) {
          out += String(chunk);
          callback();
        },
      }),
      { columns: 200 },
    );
    const tty = new ProgressView(() => [stats], { mode: 'tty', out: sink, intervalMs: 1000 });
    tty.start();
    tty.log('warn: something');
    tty.stop();
    assert.match(out, /users\s+running\s+12,345 rec\s+[\d,]+ rec\/s\s+~1\.2 MB/);
    assert.match(out, /state \{"updated_at":"2024-01-02T00:00:00.000Z"\}/);
    const esc = String.fromCharCode(27);
    assert.ok(out.includes(`${esc}[J`) && /\[\d+A/.test(out), 'redrawn in place');
    assert.match(out, /warn: something\n/);
    out = '';
    const plain = new ProgressView(() => [stats], { mode: 'plain', out: sink, intervalMs: 1000 });
    plain.start();
    plain.stop();
    assert.match(out, /^\[tributary [\d.]+ s\] users: started \(append_dedup\)\n$/);
  });
});
