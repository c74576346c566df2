/**
 * What the runner does with what a broken or hostile connector writes, through the real command
 * line and a real DuckDB file: malformed messages are refused with the line and the message type
 * named, lines that are not messages are counted, records without their key or with data that is
 * not an object are refused with the stream named, and JSON nested 100,000 levels deep (in a
 * message, a config or a catalog file) gets a clear error instead of a stack overflow.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { type CliResult, cli, expectOk, fixtureFolder, query, scalar, shown, syncArgs, tempDir } from './helpers/cli.js';
import { message, rawConnector, records } from './helpers/raw-connector.js';

const DEEP = 100_000;

describe('what the runner gets from a connector', () => {
  const { dir, cleanup } = tempDir('connector-output');
  after(cleanup);
  let n = 0;

  /** Syncs the raw connector with `config` into a new file; returns the result and the file. */
  async function sync(config: object, ...extra: string[]): Promise<{ result: CliResult; db: string }> {
    const db = join(dir, `sync-${++n}.duckdb`);
    const result = await cli(syncArgs(rawConnector, config, db, ...extra));
    return { result, db };
  }

  /** A sync that must fail: exit 1, `error` in stderr and in _tributary_syncs, no JavaScript error. */
  async function refused(output: unknown[], error: RegExp): Promise<{ result: CliResult; db: string }> {
    const run = await sync({ output });
    assert.equal(run.result.code, 1, shown(run.result));
    assert.match(run.result.stderr, error, shown(run.result));
    assert.doesNotMatch(run.result.stderr, /TypeError|RangeError|Maximum call stack|Cannot (read|destructure)/, shown(run.result));
    const [row] = await query(run.db, 'SELECT status, error FROM _tributary_syncs');
    assert.equal(row?.status, 'failed');
    assert.match(String(row?.error), error);
    return run;
  }

  test('a RECORD without "record", a RECORD without "data", a STATE without a payload: refused, naming the line and the type', async () => {
    const cases: [unknown, RegExp][] = [
      [message({ type: 'RECORD' }), /line 6 of the connector's output, a RECORD message: it has no "record"/],
      [
        message({ type: 'RECORD', record: { stream: 'items', emitted_at: 0 } }),
        /line 6 .*, a RECORD message: its record of stream 'items' has no "data"/,
      ],
      [
        message({ type: 'RECORD', record: { data: { id: 1 }, emitted_at: 0 } }),
        /line 6 .*, a RECORD message: its record has no "stream" name/,
      ],
      [message({ type: 'STATE' }), /line 6 of the connector's output, a STATE message: it has no "state" payload/],
      [message({ type: 'STATE', state: {} }), /line 6 .*, a STATE message: its state has no payload/],
      [
        message({ type: 'STATE', state: { type: 'STREAM' } }),
        /line 6 .*, a STATE message: its STREAM state has no "stream.stream_descriptor.name"/,
      ],
      [message({ type: 'STATE', state: { type: 'GLOBAL' } }), /line 6 .*, a STATE message: its GLOBAL state has no "global.stream_states"/],
      [message({ type: 'TRACE', trace: { type: 'ERROR' } }), /line 6 .*, a TRACE message: its ERROR trace has no "error.message"/],
      [message({ type: 'CONTROL', control: { type: 'CONNECTOR_CONFIG' } }), /line 6 .*, a CONTROL message: .*"connectorConfig.config"/],
    ];
    for (const [bad, error] of cases) {
      // Records 1..4 with a state after them, then the bad message, then records the runner must not keep.
      const { db } = await refused([records(1, 4, 4), bad, records(5, 9, 5)], error);
      assert.equal(await scalar(db, 'SELECT count(*) FROM items'), 4, String(error));
    }
  });

  test('a record whose data is not an object is refused, naming its stream and line; nothing becomes a NULL row', async () => {
    for (const data of [5, 'text', null, [1, 2]]) {
      const bad = message({ type: 'RECORD', record: { stream: 'items', data, emitted_at: 0 } });
      const { db } = await refused(
        [records(1, 2, 2), records(3, 3), bad],
        /line 5 of the connector's output, a RECORD message: its record of stream 'items' has "data" that is (a number|a string|null|an array), not a JSON object/,
      );
      // What came after the last state (record 3) is not kept either: the next sync reads it again.
      assert.deepEqual(await query(db, 'SELECT id FROM items ORDER BY id'), [{ id: '1' }, { id: '2' }]);
    }
  });

  test('a record without its primary key, or whose key does not fit its column, is refused in a dedup stream and kept in append', async () => {
    const noKey = message({ type: 'RECORD', record: { stream: 'items', data: { name: 'no id' }, emitted_at: 0 } });
    const { result, db } = await refused(
      [records(1, 3, 3), noKey],
      /stream 'items': a record was refused \(line 5 of the connector's output\): it has no value for its primary key field 'id'.*append mode/,
    );
    assert.match(result.stdout, /items\s+append_dedup\s+3\s+3\s+\S+\s+failed/);
    assert.match(result.stdout, /Failed streams:\n {2}items: a record was refused \(line 5 of the connector's output\)/);
    assert.equal(await scalar(db, 'SELECT count(*) FROM items WHERE id IS NULL'), 0);

    const nullKey = message({ type: 'RECORD', record: { stream: 'items', data: { id: null }, emitted_at: 0 } });
    await refused([nullKey], /line 1 of the connector's output\): it has no value for its primary key field 'id'/);
    const wordKey = message({ type: 'RECORD', record: { stream: 'items', data: { id: 'abc' }, emitted_at: 0 } });
    await refused([wordKey], /line 1 .*: the value of its primary key field 'id' \(BIGINT\) does not fit its column/);
    const nested = {
      streams: [{ name: 'items', primary_key: [['key', 'id']], properties: { id: { type: 'integer' }, key: { type: 'object' } } }],
      output: [message({ type: 'RECORD', record: { stream: 'items', data: { key: { other: 1 } }, emitted_at: 0 } })],
    };
    const run = await sync(nested);
    assert.equal(run.result.code, 1, shown(run.result));
    assert.match(run.result.stderr, /it has no value for its primary key field 'key\.id'/);

    // In append mode, a record without a key is just a record.
    const catalog = join(dir, 'append-catalog.json');
    writeFileSync(
      catalog,
      JSON.stringify({
        streams: [
          {
            stream: { name: 'items', json_schema: { properties: { id: { type: 'integer' } } }, supported_sync_modes: ['full_refresh'] },
            sync_mode: 'full_refresh',
            destination_sync_mode: 'append',
          },
        ],
      }),
    );
    const append = await sync({ output: [noKey] }, '--catalog', catalog);
    expectOk(append.result);
    assert.equal(await scalar(append.db, 'SELECT count(*) FROM items WHERE id IS NULL'), 1);
  });

  test('an in-process connector: a record without its key is refused, naming the stream and the record', async () => {
    const db = join(dir, 'in-process.duckdb');
    const config = JSON.stringify({ count: 100, keyless_at: 60 });
    const result = await cli(syncArgs(fixtureFolder, config, db));
    assert.equal(result.code, 1, shown(result));
    assert.match(
      result.stderr,
      /stream 'items': a record was refused \(record 60 of the stream\): it has no value for its primary key field 'id'/,
    );
    // Items are checkpointed every 25: what came up to the state of item 50 is kept.
    assert.equal(await scalar(db, 'SELECT count(*) FROM items'), 50);
    assert.equal(await scalar(db, 'SELECT count(*) FROM items WHERE id IS NULL'), 0);
  });

  test('lines that are not messages (text, JSON cut short, JSON without a type) are counted in the summary and _tributary_syncs', async () => {
    const { result, db } = await sync({
      output: [
        'Starting the connector',
        records(1, 2),
        '{"type": "RECORD", "record": {"stream": "items", "da',
        '[1, 2, 3]',
        '{"hello": "world"}',
        records(3, 4, 2),
        { raw: '{"type":"RECORD","record":{"stream":"items","data":{"id":5', newline: false },
      ],
    });
    expectOk(result);
    assert.match(
      result.stdout,
      /Skipped: 5 lines of the connector's output were not Airbyte messages and were skipped: 1 not JSON \(line 1\); 2 invalid JSON \(lines 4, 10\); 2 not a message \(lines 5, 6\)/,
    );
    const [row] = await query(db, 'SELECT status, skipped_lines FROM _tributary_syncs');
    assert.deepEqual(row, { status: 'succeeded', skipped_lines: '5' });
    assert.equal(await scalar(db, 'SELECT count(*) FROM items'), 4);
    // A clean sync says nothing of skipped lines, and records 0.
    const clean = await sync({ output: [records(1, 2, 2)] });
    expectOk(clean.result);
    assert.doesNotMatch(clean.result.stdout, /Skipped/);
    assert.equal(await scalar(clean.db, 'SELECT skipped_lines FROM _tributary_syncs'), 0);
  });

  test('a RECORD or a STATE nested 100,000 levels deep: a clear error naming the line, not a stack overflow', async () => {
    const record = await refused(
      [records(1, 2, 2), { deep: { type: 'RECORD', depth: DEEP } }],
      /line 4 of the connector's output, a RECORD message: it nests deeper than 1000 levels \(at character \d+\)/,
    );
    assert.equal(await scalar(record.db, 'SELECT count(*) FROM items'), 2);
    await refused(
      [{ deep: { type: 'STATE', depth: DEEP } }],
      /line 1 of the connector's output, a STATE message: it nests deeper than 1000 levels/,
    );
    // 1,000 levels is still fine.
    const ok = await sync({ output: [{ deep: { type: 'RECORD', depth: 990 } }, records(2, 2, 1)] });
    expectOk(ok.result);
    assert.equal(await scalar(ok.db, 'SELECT count(*) FROM items'), 2);
  });

  test('an in-process record nested 100,000 levels deep is refused, naming its stream and record', async () => {
    const db = join(dir, 'in-process-deep.duckdb');
    const result = await cli(syncArgs(fixtureFolder, { count: 100, deep_at: 30 }, db));
    assert.equal(result.code, 1, shown(result));
    assert.match(
      result.stderr,
      /stream 'items': a record was refused \(record 30 of the stream\): it nests too deeply to be stored as JSON/,
    );
    assert.doesNotMatch(result.stderr, /Maximum call stack/);
    assert.equal(await scalar(db, 'SELECT count(*) FROM items'), 25);
  });

  test('a config or catalog file nested 100,000 levels deep: a usage error naming the file', async () => {
    const nested = `${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}`;
    const config = join(dir, 'deep-config.json');
    writeFileSync(config, `{"count": 1, "deep": ${nested}}`);
    const db = join(dir, 'deep-input.duckdb');
    const fromConfig = await cli(syncArgs(fixtureFolder, config, db));
    assert.equal(fromConfig.code, 2, shown(fromConfig));
    assert.match(fromConfig.stderr, /config file .*deep-config\.json nests deeper than 1000 levels \(at character 5017\)/);
    // A command-line argument holds at most 128 kB: 20,000 levels, still far beyond what the stack takes.
    const inlineNested = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    const inline = await cli(syncArgs(fixtureFolder, `{"deep": ${inlineNested}}`, db));
    assert.equal(inline.code, 2, shown(inline));
    assert.match(inline.stderr, /the --config JSON nests deeper than 1000 levels/);
    const catalog = join(dir, 'deep-catalog.json');
    writeFileSync(catalog, `{"streams": [${nested}]}`);
    const fromCatalog = await cli(['sync', fixtureFolder, '--catalog', catalog, '--to', `duckdb:${db}`, '--progress', 'none']);
    assert.equal(fromCatalog.code, 2, shown(fromCatalog));
    assert.match(fromCatalog.stderr, /catalog file .*deep-catalog\.json nests deeper than 1000 levels/);
    assert.doesNotMatch(`${fromConfig.stderr}${inline.stderr}${fromCatalog.stderr}`, /Maximum call stack/);
  });
});
