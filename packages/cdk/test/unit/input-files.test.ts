import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { TempDir } from '@tributary/test-support/temp-dir';
import { parseCatalog, readCatalogFile, readConfigFile, readJsonFile } from '../../src/entrypoint/input-files.js';
import { ConnectorError } from '../../src/errors/connector-error.js';

/** Writes one file (a string as it is, anything else as JSON) into a fresh temp folder. */
function fileWith(content: unknown, name = 'input.json'): string {
  return join(TempDir.withFiles({ [name]: content }).path, name);
}

async function assertConfigError(promise: Promise<unknown>, ...fragments: string[]): Promise<ConnectorError> {
  let caught: unknown;
  await assert.rejects(promise, (error: unknown) => {
    caught = error;
    assert.ok(error instanceof ConnectorError, `expected a ConnectorError, got ${String(error)}`);
    assert.equal(error.failureType, 'config_error');
    for (const fragment of fragments) assert.ok(error.message.includes(fragment), `"${error.message}" should mention ${fragment}`);
    return true;
  });
  return caught as ConnectorError;
}

describe('readJsonFile', () => {
  test('parses a JSON file', async () => {
    assert.deepEqual(await readJsonFile(fileWith({ a: [1, 2] }), 'state'), { a: [1, 2] });
  });

  test('a missing file', async () => {
    const path = join(TempDir.createSync().path, 'nope.json');
    await assertConfigError(readJsonFile(path, 'config'), `Cannot read the config file '${path}'`, 'the file does not exist');
  });

  test('a directory', async () => {
    const dir = TempDir.createSync().path;
    await assertConfigError(readJsonFile(dir, 'catalog'), `Cannot read the catalog file '${dir}'`, 'it is a directory');
  });

  const secret = 'sk_live_51HfQ2kLmNoPqRsTuVwXyZ';
  const brokenFiles: Record<string, string> = {
    'an unquoted secret': `{"host": "db.example.com", "password": ${secret}}`,
    'an unquoted secret at the start': `${secret}`,
    'a missing comma after a secret': `{"password": "${secret}" "port": 5432}`,
    'a trailing comma': `{"password": "${secret}",}`,
    'a bad literal after a secret': `{"api_key": "${secret}", "x": tru}`,
    'single quotes': `{'api_key': '${secret}'}`,
    'text after the object': `{"a": 1} ${secret}`,
    'a truncated file': `{"password": "${secret}`,
  };
  for (const [what, text] of Object.entries(brokenFiles)) {
    test(`bad JSON (${what}) is named without echoing the file's content`, async () => {
      const path = fileWith(text, 'config.json');
      const error = await assertConfigError(readJsonFile(path, 'config'), `The config file '${path}' is not valid JSON`);
      for (const part of [secret, secret.slice(0, 8), secret.slice(-8), 'db.example.com', 'api_key', 'password']) {
        assert.ok(!error.message.includes(part), `"${error.message}" must not contain ${part}`);
      }
    });
  }

  test('bad JSON keeps the position when the parser gives one', async () => {
    const path = fileWith('{"a": 1,}');
    await assertConfigError(readJsonFile(path, 'state'), 'is not valid JSON', 'position 8');
  });
});

describe('readConfigFile', () => {
  test('returns the object', async () => {
    assert.deepEqual(await readConfigFile(fileWith({ api_key: 'k', count: 3 })), { api_key: 'k', count: 3 });
  });

  for (const [value, kind] of [
    [[1, 2], 'an array'],
    [null, 'null'],
    ['"a string"', 'a string'],
    ['42', 'a number'],
  ] as const) {
    test(`a config that is ${kind} is rejected`, async () => {
      const path = fileWith(value, 'config.json');
      await assertConfigError(readConfigFile(path), `The config file '${path}' must contain a JSON object, not ${kind}`);
    });
  }
});

describe('readCatalogFile', () => {
  const users = { name: 'users', json_schema: {}, supported_sync_modes: ['full_refresh'] };

  async function readCatalog(catalog: unknown) {
    return readCatalogFile(fileWith(catalog, 'catalog.json'));
  }

  async function assertCatalogError(catalog: unknown, detail: string): Promise<void> {
    await assertConfigError(readCatalog(catalog), 'catalog.json', 'is not a valid configured catalog', detail);
  }

  test('reads a configured catalog, keeping every field', async () => {
    const entry = {
      stream: { ...users, namespace: 'crm' },
      sync_mode: 'incremental',
      destination_sync_mode: 'append_dedup',
      cursor_field: ['updated_at'],
      primary_key: [['id']],
      generation_id: 3,
    };
    assert.deepEqual(await readCatalog({ streams: [entry] }), { streams: [entry] });
  });

  test('sync_mode defaults to full_refresh and destination_sync_mode to append', async () => {
    const catalog = await readCatalog({ streams: [{ stream: users }] });
    assert.equal(catalog.streams[0].sync_mode, 'full_refresh');
    assert.equal(catalog.streams[0].destination_sync_mode, 'append');
  });

  test('a null namespace is dropped', async () => {
    const catalog = await readCatalog({ streams: [{ stream: { ...users, namespace: null } }] });
    assert.equal('namespace' in catalog.streams[0].stream, false);
  });

  test('an empty list of streams is fine', async () => {
    assert.deepEqual(await readCatalog({ streams: [] }), { streams: [] });
  });

  test('the catalog must be an object with a streams array', async () => {
    await assertCatalogError([], 'expected a JSON object, got an array');
    await assertCatalogError({}, '"streams" must be an array');
    await assertCatalogError({ streams: {} }, '"streams" must be an array');
  });

  const ok = { stream: users };
  const badEntries: [string, unknown, string][] = [
    ['not an object', 'users', 'streams[1] must be an object'],
    ['no stream', { sync_mode: 'full_refresh' }, 'streams[1].stream must be an object'],
    ['no stream name', { stream: { json_schema: {} } }, 'streams[1].stream.name must be a non-empty string'],
    ['an empty stream name', { stream: { name: '' } }, 'streams[1].stream.name must be a non-empty string'],
    ['a numeric namespace', { stream: { name: 'x', namespace: 1 } }, 'streams[1].stream.namespace must be a string'],
    [
      'an unknown sync_mode',
      { stream: users, sync_mode: 'cdc' },
      'streams[1].sync_mode must be one of full_refresh, incremental, got "cdc"',
    ],
    [
      'an unknown destination_sync_mode',
      { stream: users, destination_sync_mode: 'merge' },
      'streams[1].destination_sync_mode must be one of',
    ],
    ['a string cursor_field', { stream: users, cursor_field: 'updated_at' }, 'streams[1].cursor_field must be an array of strings'],
    ['a flat primary_key', { stream: users, primary_key: ['id'] }, 'streams[1].primary_key must be an array of arrays of strings'],
  ];
  for (const [what, entry, detail] of badEntries) {
    test(`a stream entry with ${what} is named`, async () => {
      await assertCatalogError({ streams: [ok, entry] }, detail);
    });
  }

  test('bad catalog JSON is a config error too', async () => {
    const path = join(TempDir.createSync().path, 'catalog.json');
    writeFileSync(path, '{"streams": [');
    await assertConfigError(readCatalogFile(path), `The catalog file '${path}' is not valid JSON`);
  });
});

describe('parseCatalog and hostile catalogs', () => {
  const entry = (name: string, namespace?: string) => ({
    stream: { name, json_schema: {}, supported_sync_modes: ['full_refresh'], ...(namespace === undefined ? {} : { namespace }) },
    sync_mode: 'full_refresh',
    destination_sync_mode: 'append',
  });

  test('a stream listed twice is refused; the same name in two namespaces is two streams', () => {
    assert.throws(
      () => parseCatalog({ streams: [entry('a'), entry('b'), entry('a')] }, "catalog file 'c.json'"),
      (error: unknown) =>
        error instanceof ConnectorError &&
        error.failureType === 'config_error' &&
        error.message ===
          "The catalog file 'c.json' is not a valid configured catalog: streams[2] lists stream 'a' again (first at streams[0]); list each stream once",
    );
    assert.throws(() => parseCatalog({ streams: [entry('a', 'n'), entry('a', 'n')] }), /lists stream 'a' in namespace 'n' again/);
    assert.equal(parseCatalog({ streams: [entry('a'), entry('a', 'n'), entry('a', 'm')] }).streams.length, 3);
  });

  test('a byte order mark before the JSON is accepted', async () => {
    assert.deepEqual(await readJsonFile(fileWith('\uFEFF{"name": "x"}'), 'config'), { name: 'x' });
  });
});
