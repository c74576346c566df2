/**
 * An Airbyte declarative manifest where a connector goes: `tributary sync manifest.yaml`,
 * `tributary test manifest.yaml` and `tributary infer-schema manifest.yaml`, run in-process on
 * @tributary/declarative against the loopback API of fixtures/manifests/source-loopback.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { manifestConnectorName } from '../src/connectors/manifest-connector.js';
import {
  type CliResult,
  cli,
  cliMain,
  expectExit,
  expectOk,
  query,
  scalar,
  shown,
  storedStreamState,
  syncArgs,
  tempDir,
} from './helpers/cli.js';
import {
  eventTime,
  ITEM_COUNT,
  LOOPBACK_API_KEY,
  LOOPBACK_MANIFEST,
  LOOPBACK_MANIFEST_DIR,
  loopbackConfig,
  type ManifestApi,
  startManifestApi,
  VISIBLE_ITEMS,
} from './helpers/manifest-api.js';

/** `tributary <args>` with `cwd` as the working folder. */
function cliIn(cwd: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliMain, ...args], { cwd, env: { ...process.env, CI: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
    });
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe('a declarative manifest as the connector', () => {
  const { dir, cleanup } = tempDir('manifest');
  let api: ManifestApi;
  before(async () => {
    api = await startManifestApi(30);
  });
  after(async () => {
    await api.close();
    cleanup();
  });

  test('the connector is named after the manifest file, or its folder for a manifest.yaml', () => {
    assert.equal(manifestConnectorName('/x/source-pokeapi.yaml'), 'source-pokeapi');
    assert.equal(manifestConnectorName('/x/source-pokeapi/manifest.yaml'), 'source-pokeapi');
    assert.equal(manifestConnectorName('connectors/source-acme/manifest.yml'), 'source-acme');
  });

  test('sync reads every stream into DuckDB: pages, filter, added fields, file schema, state', async () => {
    const db = join(dir, 'first.duckdb');
    const result = await cli(syncArgs(LOOPBACK_MANIFEST, loopbackConfig(api), db));
    expectOk(result);
    assert.match(result.stdout, /in-process manifest .*manifest\.yaml \(DeclarativeSource\)/);
    assert.equal(await scalar(db, 'SELECT count(*) FROM items'), VISIBLE_ITEMS);
    assert.equal(await scalar(db, "SELECT count(*) FROM items WHERE kind = 'hidden'"), 0);
    assert.deepEqual(await query(db, 'SELECT DISTINCT source FROM items'), [{ source: 'from-test' }]);
    assert.deepEqual(await query(db, 'SELECT id, name FROM items ORDER BY id LIMIT 2'), [
      { id: '1', name: 'item 1' },
      { id: '2', name: 'item 2' },
    ]);
    assert.equal(await scalar(db, 'SELECT count(*) FROM events'), 30);
    const itemPages = api.requests.filter((line) => line.startsWith('GET /items'));
    assert.equal(itemPages.length, Math.ceil(ITEM_COUNT / 25));
    const queries = itemPages.map((line) => Object.fromEntries(new URL(line.slice(4), 'http://x').searchParams));
    assert.deepEqual(queries.slice(0, 2), [{ limit: '25' }, { limit: '25', cursor: 'c25' }]);
    assert.deepEqual(await storedStreamState(db, 'events'), { updated_at: eventTime(30) });
  });

  test('the next sync is incremental: it asks from the stored cursor and adds what is new', async () => {
    const db = join(dir, 'incremental.duckdb');
    api.events = 30;
    expectOk(await cli(syncArgs(LOOPBACK_MANIFEST, loopbackConfig(api), db)));
    api.events = 34;
    api.requests.length = 0;
    const second = await cli(syncArgs(LOOPBACK_MANIFEST, loopbackConfig(api), db, '--streams', 'events'));
    expectOk(second);
    assert.deepEqual(
      api.requests.filter((line) => line.startsWith('GET /events')),
      [`GET /events?since=${encodeURIComponent(eventTime(30))}`],
    );
    assert.equal(await scalar(db, 'SELECT count(*) FROM events'), 34);
    assert.deepEqual(await storedStreamState(db, 'events'), { updated_at: eventTime(34) });
    api.events = 30;
  });

  test('the DuckDB file is named after the manifest: .tributary/<name>.duckdb', async () => {
    const folder = join(dir, 'source-named');
    cpSync(LOOPBACK_MANIFEST_DIR, folder, { recursive: true });
    const config = join(dir, 'named-config.json');
    writeFileSync(config, JSON.stringify(loopbackConfig(api)));
    const result = await cliIn(dir, ['sync', 'source-named/manifest.yaml', '--config', config, '--progress', 'none']);
    expectOk(result);
    assert.ok(existsSync(join(dir, '.tributary/source-named.duckdb')), shown(result));
    assert.equal(await scalar(join(dir, '.tributary/source-named.duckdb'), 'SELECT count(*) FROM items'), VISIBLE_ITEMS);
  });

  test("the manifest's secrets are masked in everything printed; an HTTP error is the connector's error", async () => {
    const db = join(dir, 'secret.duckdb');
    const result = await cli(syncArgs(LOOPBACK_MANIFEST, loopbackConfig(api, { api_key: 'wrong-key-4f1e9' }), db, '--verbose'));
    assert.equal(result.code, 1, shown(result));
    assert.doesNotMatch(result.stdout + result.stderr, /wrong-key-4f1e9/);
    assert.match(result.stderr, /401|invalid API key|Unauthorized/i);
    const [row] = await query(db, 'SELECT status, error FROM _tributary_syncs');
    assert.equal(row?.status, 'failed');
    assert.doesNotMatch(String(row?.error), /wrong-key-4f1e9/);
  });

  test('a missing manifest is a usage error; a broken one lists its problems with line and column', async () => {
    expectExit(
      await cli(syncArgs(join(dir, 'nowhere.yaml'), {}, join(dir, 'x.duckdb'))),
      2,
      /the manifest '.*nowhere\.yaml' does not exist/,
    );
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, readFileSync(LOOPBACK_MANIFEST, 'utf8').replace('type: CursorPagination', 'type: CursorPaginationX'));
    const result = await cli(syncArgs(broken, loopbackConfig(api), join(dir, 'broken.duckdb')));
    expectExit(result, 1, /broken\.yaml:\d+:\d+: streams\[0\]\.retriever\.paginator\.pagination_strategy/);
  });

  test('tributary test runs the acceptance checks on the manifest', async () => {
    const result = await cli(['test', LOOPBACK_MANIFEST, '--config', JSON.stringify(loopbackConfig(api))]);
    expectOk(result);
    assert.match(result.stdout, /spec/);
    assert.doesNotMatch(result.stdout, /\bfail\b/i, result.stdout);
    assert.doesNotMatch(result.stdout + result.stderr, new RegExp(LOOPBACK_API_KEY));
  });

  test("tributary test takes the config from secrets/config.json beside the manifest, as Airbyte's folders have it", async () => {
    const folder = join(dir, 'source-conventional');
    cpSync(LOOPBACK_MANIFEST_DIR, folder, { recursive: true });
    const missing = await cli(['test', join(folder, 'manifest.yaml')]);
    expectExit(missing, 2, /give the connector's config with --config .* or put it in .*source-conventional\/secrets\/config\.json/);
    mkdirSync(join(folder, 'secrets'));
    writeFileSync(join(folder, 'secrets/config.json'), JSON.stringify(loopbackConfig(api)));
    const result = await cli(['test', join(folder, 'manifest.yaml'), '--streams', 'items']);
    expectOk(result);
    assert.match(result.stdout, /PASS\s+read: every record conforms to its stream schema/);
  });

  test('tributary infer-schema drafts a stream schema from its records, beside the manifest', async () => {
    const folder = join(dir, 'source-infer');
    cpSync(LOOPBACK_MANIFEST_DIR, folder, { recursive: true });
    const result = await cli([
      'infer-schema',
      join(folder, 'manifest.yaml'),
      '--stream',
      'items',
      '--config',
      JSON.stringify(loopbackConfig(api)),
    ]);
    expectOk(result);
    assert.match(result.stdout, new RegExp(`Inferred the schema of 'items' from ${VISIBLE_ITEMS} records`));
    const schema = JSON.parse(readFileSync(join(folder, 'schemas/items.json'), 'utf8'));
    assert.deepEqual(Object.keys(schema.properties).sort(), ['id', 'kind', 'name', 'source']);
  });
});
