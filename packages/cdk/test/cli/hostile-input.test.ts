/**
 * Input written to break the CDK, through the real command line: JSON nested 100,000 levels
 * deep, numbers that parse to Infinity, a stream listed twice, keys named like built-in object
 * members, a state cursor that does not parse, byte order marks, and files that cannot be read
 * (EACCES, ENOTDIR, ENAMETOOLONG). Each must end in a clear message with the right failure type.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openToOthers, unprivilegedChild } from '@tributary/test-support/permission-denied';
import {
  assertFailedWith,
  assertNoStackTrace,
  type CliRun,
  catalogFor,
  errorTraces,
  messagesOfType,
  type RunOptions,
  recordsOf,
} from '@tributary/test-support/run-cli';
import { TempDir } from '@tributary/test-support/temp-dir';
import type { ConfiguredAirbyteCatalog } from '../../src/protocol/types.js';
import { runFixture } from '../helpers/fixtures.js';

let dir: TempDir;
before(async () => {
  dir = await TempDir.create('tributary-hostile-');
});
after(() => dir.remove());

/** The names every object inherits; the fixture uses them as stream names, cursor and record keys. */
const BUILT_IN_NAMES = ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'] as const;

const hostile = (args: string[], options?: RunOptions) => runFixture('hostile-input', args, options);

/** `{"a":{"a":…}}` nested `levels` deep, as text (JSON.stringify itself cannot write it). */
function nested(levels: number, inner = '1'): string {
  return `${'{"a":'.repeat(levels)}${inner}${'}'.repeat(levels)}`;
}

function incremental(...names: string[]): ConfiguredAirbyteCatalog {
  const catalog = catalogFor(...names);
  for (const entry of catalog.streams) {
    entry.sync_mode = 'incremental';
    entry.destination_sync_mode = 'append';
  }
  return catalog;
}

function streamState(name: string, state: unknown): unknown {
  return { type: 'STREAM', stream: { stream_descriptor: { name }, stream_state: state } };
}

/** The one CONNECTION_STATUS of a check run. */
function connectionStatus(run: CliRun) {
  const statuses = messagesOfType(run.messages, 'CONNECTION_STATUS');
  assert.equal(statuses.length, 1, `expected one CONNECTION_STATUS; stdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  return statuses[0]!.connectionStatus;
}

describe('JSON nested 100,000 levels deep', () => {
  let config: string;
  let goodConfig: string;
  let catalog: string;
  before(async () => {
    config = await dir.text('deep-config.json', `{"name":"x","nested":${nested(100_000)}}`);
    goodConfig = await dir.json('config.json', { name: 'x' });
    catalog = await dir.json('deep-catalog.json', catalogFor('dated'));
  });

  test('in the config, check fails the connection check, naming the file and the limit', async () => {
    const run = await hostile(['check', '--config', config]);
    const status = connectionStatus(run);
    assert.equal(status.status, 'FAILED');
    assert.match(status.message ?? '', /config file '.*deep-config\.json' is nested too deeply/);
    assert.match(status.message ?? '', /at most 1,000 levels/);
    assertNoStackTrace(run.stderr);
  });

  test('in the config, discover and read fail with a config_error naming the file', async () => {
    for (const args of [['discover'], ['read', '--catalog', catalog]]) {
      const run = await hostile([args[0]!, '--config', config, ...args.slice(1)]);
      assertFailedWith(run, 'config_error', /config file '.*deep-config\.json' is nested too deeply/);
    }
  });

  test('in the catalog', async () => {
    const deepCatalog = await dir.text(
      'deep-catalog-schema.json',
      `{"streams":[{"stream":{"name":"dated","json_schema":${nested(100_000, '{}')},"supported_sync_modes":["full_refresh"]},"sync_mode":"full_refresh","destination_sync_mode":"append"}]}`,
    );
    const run = await hostile(['read', '--config', goodConfig, '--catalog', deepCatalog]);
    assertFailedWith(run, 'config_error', /catalog file '.*deep-catalog-schema\.json' is nested too deeply/);
    assert.equal(recordsOf(run.messages).length, 0);
  });

  test('in the state', async () => {
    const state = await dir.text(
      'deep-state.json',
      `[{"type":"STREAM","stream":{"stream_descriptor":{"name":"dated"},"stream_state":${nested(100_000)}}}]`,
    );
    const run = await hostile(['read', '--config', goodConfig, '--catalog', catalog, '--state', state]);
    assertFailedWith(run, 'config_error', /state file '.*deep-state\.json' is nested too deeply/);
    assert.equal(recordsOf(run.messages).length, 0);
  });

  test('in a record: the stream fails with a message naming it, not a stack overflow', async () => {
    const run = await hostile(['read', '--config', goodConfig, '--catalog', await dir.json('deep-record.json', catalogFor('deep_record'))]);
    assertFailedWith(run, 'config_error', /did not sync successfully: deep_record/);
    const streamError = errorTraces(run.messages).find((error) => error.stream_descriptor?.name === 'deep_record');
    assert.ok(streamError, run.stdout);
    assert.equal(streamError.failure_type, 'system_error');
    assert.match(streamError.message, /Stream 'deep_record' produced a record that cannot be written as JSON: it is nested too deeply/);
    assert.doesNotMatch(streamError.message, /Maximum call stack/);
    assert.deepEqual(
      recordsOf(run.messages).map((record) => record.data),
      [{ id: 1 }],
    );
  });
});

describe('numbers that parse to Infinity', () => {
  test('in the config: check fails naming the field, read fails with a config_error', async () => {
    const config = await dir.text('infinite-config.json', '{"name": "x", "count": 1e400}');
    const status = connectionStatus(await hostile(['check', '--config', config]));
    assert.equal(status.status, 'FAILED');
    assert.match(status.message ?? '', /config file '.*infinite-config\.json' holds a number too large to represent at count/);
    const run = await hostile(['read', '--config', config, '--catalog', await dir.json('infinite-catalog-ok.json', catalogFor('dated'))]);
    assertFailedWith(run, 'config_error', /number too large to represent at count/);
    assert.equal(recordsOf(run.messages).length, 0);
  });

  test('in the catalog, naming the path', async () => {
    const config = await dir.json('finite-config.json', { name: 'x' });
    const catalog = await dir.text(
      'infinite-catalog.json',
      '{"streams":[{"stream":{"name":"dated","json_schema":{"type":"object","properties":{"id":{"type":"integer","maximum":-1e400}}},"supported_sync_modes":["full_refresh"]},"sync_mode":"full_refresh","destination_sync_mode":"append"}]}',
    );
    const run = await hostile(['read', '--config', config, '--catalog', catalog]);
    assertFailedWith(
      run,
      'config_error',
      /catalog file '.*infinite-catalog\.json' holds a number too large to represent at streams\[0\]\.stream\.json_schema\.properties\.id\.maximum/,
    );
  });

  test('in the state, naming the path', async () => {
    const config = await dir.json('finite-config-2.json', { name: 'x' });
    const catalog = await dir.json('infinite-state-catalog.json', incremental('dated'));
    const state = await dir.text(
      'infinite-state.json',
      '[{"type":"STREAM","stream":{"stream_descriptor":{"name":"dated"},"stream_state":{"updated_at":1e999}}}]',
    );
    const run = await hostile(['read', '--config', config, '--catalog', catalog, '--state', state]);
    assertFailedWith(
      run,
      'config_error',
      /state file '.*infinite-state\.json' holds a number too large to represent at \[0\]\.stream\.stream_state\.updated_at/,
    );
    assert.equal(messagesOfType(run.messages, 'STATE').length, 0);
  });
});

test('a configured catalog that lists a stream twice is refused before anything is read', async () => {
  const config = await dir.json('twice-config.json', { name: 'x' });
  const catalog = catalogFor('dated', 'constructor');
  catalog.streams.push(structuredClone(catalog.streams[0]!));
  const run = await hostile(['read', '--config', config, '--catalog', await dir.json('twice.json', catalog)]);
  assertFailedWith(
    run,
    'config_error',
    /twice\.json' is not a valid configured catalog: streams\[2\] lists stream 'dated' again \(first at streams\[0\]\)/,
  );
  assert.equal(recordsOf(run.messages).length, 0);
});

describe('keys named like built-in object members', () => {
  const configText = `{"name": "x", ${BUILT_IN_NAMES.map((key) => `"${key}": "${key} value"`).join(', ')}, "_limit": 5}`;

  test("in the config: not taken for the CDK's own `_` keys, passed to the connector, kept in CONTROL updates", async () => {
    const config = await dir.text('built-in-keys-config.json', configText);
    assert.equal(connectionStatus(await hostile(['check', '--config', config])).status, 'SUCCEEDED');

    const run = await hostile(['read', '--config', config, '--catalog', await dir.json('echo.json', catalogFor('config_echo'))]);
    assert.equal(run.code, 0, run.stdout);
    const [echo] = recordsOf(run.messages, 'config_echo');
    const expected = JSON.parse(configText);
    delete expected._limit;
    assert.deepEqual(Object.entries(echo!.data), Object.entries(expected));

    const [control] = messagesOfType(run.messages, 'CONTROL');
    const updated = control!.control.connectorConfig!.config;
    assert.deepEqual(Object.keys(updated), ['name', ...BUILT_IN_NAMES, '_limit']);
    assert.deepEqual(Object.getOwnPropertyDescriptor(updated, '__proto__')?.value, { rotated: true });
    assert.equal(updated.constructor, 'rotated');
  });

  test('as stream names in the catalog and state, as cursor keys and as record fields (serialized and normalised)', async () => {
    const config = await dir.json('built-in-streams-config.json', { name: 'x' });
    const catalog = await dir.json('built-in-streams.json', incremental(...BUILT_IN_NAMES));
    const state = await dir.json(
      'built-in-state.json',
      BUILT_IN_NAMES.map((name) => streamState(name, JSON.parse('{"valueOf": "2024-01-01T00:00:00.000Z", "__proto__": "kept"}'))),
    );
    const run = await hostile(['read', '--config', config, '--catalog', catalog, '--state', state]);
    assert.equal(run.code, 0, run.stdout);
    for (const name of BUILT_IN_NAMES) {
      const records = recordsOf(run.messages, name).map((record) => JSON.stringify(record.data));
      const extra = (day: number) => (name === '__proto__' ? `,"__proto__":{"depth":${day}}` : '');
      assert.deepEqual(
        records,
        [2, 3].map(
          (day) =>
            `{"id":${day},"constructor":"c${day}","toString":"t${day}","hasOwnProperty":${day},"valueOf":"2024-01-0${day}T00:00:00.000Z"${extra(day)}}`,
        ),
        `records of stream '${name}'`,
      );
      const states = messagesOfType(run.messages, 'STATE').filter((message) => message.state.stream?.stream_descriptor.name === name);
      assert.deepEqual(states.at(-1)?.state.stream?.stream_state, { valueOf: '2024-01-03T00:00:00.000Z' }, `state of '${name}'`);
    }
  });
  test('as field names in a schema file: discover keeps every one of them', async () => {
    const packageDir = join(dir.path, 'built-in-schema-package');
    mkdirSync(join(packageDir, 'schemas/shared'), { recursive: true });
    writeFileSync(join(packageDir, 'spec.json'), JSON.stringify({ connectionSpecification: { type: 'object' } }));
    const fields = BUILT_IN_NAMES.map((name) => `"${name}": {"$ref": "field.json"}`).join(', ');
    writeFileSync(join(packageDir, 'schemas/items.json'), `{"type": "object", "properties": {${fields}}}`);
    writeFileSync(join(packageDir, 'schemas/shared/field.json'), '{"type": "string", "description": "a field"}');
    const config = await dir.json('built-in-schema-config.json', {});
    const run = await runFixture('package-dir', ['discover', '--config', config], { env: { FIXTURE_PACKAGE_DIR: packageDir } });
    assert.equal(run.code, 0, run.stdout);
    const schema = messagesOfType(run.messages, 'CATALOG')[0]!.catalog.streams[0]!.json_schema as { properties: object };
    assert.deepEqual(Object.keys(schema.properties), [...BUILT_IN_NAMES]);
    for (const name of BUILT_IN_NAMES) {
      assert.deepEqual(Object.getOwnPropertyDescriptor(schema.properties, name)?.value, { type: 'string', description: 'a field' }, name);
    }
  });
});

describe('a state cursor that does not parse as its type', () => {
  let config: string;
  before(async () => {
    config = await dir.json('cursor-config.json', { name: 'x' });
  });

  for (const [stream, how] of [
    ['dated', 'declared a date-time in the schema'],
    ['dated_undeclared', 'compared with the records'],
  ] as const) {
    test(`fails the stream with a config_error naming it and the value (${how}); the bad value is not written back`, async () => {
      const catalog = await dir.json(`${stream}-catalog.json`, incremental(stream));
      const state = await dir.json(`${stream}-state.json`, [streamState(stream, { updated_at: 'not a date' })]);
      const run = await hostile(['read', '--config', config, '--catalog', catalog, '--state', state]);
      assertFailedWith(run, 'config_error', new RegExp(`did not sync successfully: ${stream}`));
      const streamError = errorTraces(run.messages).find((error) => error.stream_descriptor?.name === stream);
      assert.ok(streamError, run.stdout);
      assert.equal(streamError.failure_type, 'config_error');
      assert.match(streamError.message, new RegExp(`Stream '${stream}'`));
      assert.match(streamError.message, /updated_at/);
      assert.match(streamError.message, /"not a date"/);
      assert.match(streamError.message, /not a date-time/);
      assert.equal(recordsOf(run.messages).length, 0);
      assert.equal(messagesOfType(run.messages, 'STATE').length, 0);
    });
  }

  test('a valid cursor still reads only what is newer', async () => {
    const catalog = await dir.json('valid-cursor-catalog.json', incremental('dated', 'dated_undeclared'));
    const state = await dir.json('valid-cursor-state.json', [
      streamState('dated', { updated_at: '2024-01-02T00:00:00Z' }),
      streamState('dated_undeclared', { updated_at: '2024-01-02T00:00:00+00:00' }),
    ]);
    const run = await hostile(['read', '--config', config, '--catalog', catalog, '--state', state]);
    assert.equal(run.code, 0, run.stdout);
    assert.deepEqual(
      recordsOf(run.messages).map((record) => `${record.stream}:${(record.data as { id: number }).id}`),
      ['dated:3', 'dated_undeclared:3'],
    );
  });
});

describe('a UTF-8 byte order mark', () => {
  const BOM = '\uFEFF';

  test('at the start of the config, catalog and state files', async () => {
    const config = await dir.text('bom-config.json', `${BOM}{"name": "x"}`);
    const catalog = await dir.text('bom-catalog.json', `${BOM}${JSON.stringify(incremental('dated'))}`);
    const state = await dir.text(
      'bom-state.json',
      `${BOM}${JSON.stringify([streamState('dated', { updated_at: '2024-01-02T00:00:00Z' })])}`,
    );
    assert.equal(connectionStatus(await hostile(['check', '--config', config])).status, 'SUCCEEDED');
    const run = await hostile(['read', '--config', config, '--catalog', catalog, '--state', state]);
    assert.equal(run.code, 0, run.stdout);
    assert.equal(recordsOf(run.messages, 'dated').length, 1);
  });

  for (const specFile of ['spec.json', 'spec.yaml']) {
    test(`at the start of ${specFile} and of the schema files (with a shared $ref)`, async () => {
      const packageDir = join(dir.path, `bom-package-${specFile}`);
      mkdirSync(join(packageDir, 'schemas/shared'), { recursive: true });
      const spec = specFile.endsWith('.json')
        ? JSON.stringify({ connectionSpecification: { type: 'object', properties: { name: { type: 'string' } } } })
        : 'connectionSpecification:\n  type: object\n  properties:\n    name:\n      type: string\n';
      writeFileSync(join(packageDir, specFile), BOM + spec);
      writeFileSync(join(packageDir, 'schemas/items.json'), `${BOM}{"type":"object","properties":{"id":{"$ref":"id.json"}}}`);
      writeFileSync(join(packageDir, 'schemas/shared/id.json'), `${BOM}{"type":"integer"}`);
      const env = { FIXTURE_PACKAGE_DIR: packageDir };
      const spec_ = await runFixture('package-dir', ['spec'], { env });
      assert.equal(spec_.code, 0, spec_.stdout);
      assert.deepEqual(messagesOfType(spec_.messages, 'SPEC')[0]!.spec.connectionSpecification.properties, { name: { type: 'string' } });
      const config = await dir.json('bom-package-config.json', { name: 'x' });
      const run = await runFixture('package-dir', ['discover', '--config', config], { env });
      assert.equal(run.code, 0, run.stdout);
      assert.deepEqual(messagesOfType(run.messages, 'CATALOG')[0]!.catalog.streams[0]!.json_schema, {
        type: 'object',
        properties: { id: { type: 'integer' } },
      });
    });
  }
});

describe('files that cannot be read', () => {
  const unprivileged = unprivilegedChild();
  let config: string;
  let packageDir: string;
  before(async () => {
    config = await dir.json('readable-config.json', { name: 'x' });
    packageDir = join(dir.path, 'package');
    mkdirSync(join(packageDir, 'schemas'), { recursive: true });
    writeFileSync(join(packageDir, 'spec.json'), JSON.stringify({ connectionSpecification: { type: 'object' } }));
    writeFileSync(join(packageDir, 'schemas/items.json'), '{"type":"object"}');
  });

  test('an input file without read permission: permission denied', { skip: unprivileged.skip }, async () => {
    const locked = await dir.json('locked-config.json', { name: 'x' });
    chmodSync(locked, 0o000);
    openToOthers(dir.path);
    const run = await hostile(['check', '--config', locked], { user: unprivileged.user });
    assertFailedWith(run, 'config_error', /Cannot read the config file '.*locked-config\.json': permission denied/);
  });

  test('an input path through a file: a part of the path is a file', async () => {
    const run = await hostile(['read', '--config', config, '--catalog', join(config, 'catalog.json')]);
    assertFailedWith(
      run,
      'config_error',
      /Cannot read the catalog file '.*readable-config\.json\/catalog\.json': a part of the path is a file, not a directory/,
    );
  });

  test('an input path too long: the path is too long', async () => {
    const run = await hostile(['check', '--config', join(dir.path, `${'x'.repeat(300)}.json`)]);
    assertFailedWith(run, 'config_error', /Cannot read the config file '.*x{300}\.json': the path is too long/);
  });

  test('the spec file or a schema file without read permission: permission denied', { skip: unprivileged.skip }, async () => {
    const locked = join(dir.path, 'locked-package');
    mkdirSync(join(locked, 'schemas'), { recursive: true });
    writeFileSync(join(locked, 'spec.json'), JSON.stringify({ connectionSpecification: { type: 'object' } }));
    writeFileSync(join(locked, 'schemas/items.json'), '{"type":"object"}');
    openToOthers(dir.path, locked, join(locked, 'schemas'));
    chmodSync(join(locked, 'schemas/items.json'), 0o000);
    const options = { env: { FIXTURE_PACKAGE_DIR: locked }, user: unprivileged.user };
    const discover = await runFixture('package-dir', ['discover', '--config', config], options);
    assertFailedWith(discover, 'system_error', /schema file schemas\/items\.json cannot be read: permission denied/);
    chmodSync(join(locked, 'spec.json'), 0o000);
    const spec = await runFixture('package-dir', ['spec'], options);
    assertFailedWith(spec, 'system_error', /Cannot read the connector spec .*locked-package\/spec\.json: permission denied/);
  });

  test('a schemas folder that is a file, and a stream name too long for a file name', async () => {
    const broken = join(dir.path, 'schemas-is-a-file');
    mkdirSync(broken);
    writeFileSync(join(broken, 'spec.json'), JSON.stringify({ connectionSpecification: { type: 'object' } }));
    writeFileSync(join(broken, 'schemas'), 'not a folder');
    const notDir = await runFixture('package-dir', ['discover', '--config', config], { env: { FIXTURE_PACKAGE_DIR: broken } });
    assertFailedWith(notDir, 'system_error', /schemas\/items\.json cannot be read: a part of the path is a file, not a directory/);

    const tooLong = await runFixture('package-dir', ['discover', '--config', config], {
      env: { FIXTURE_PACKAGE_DIR: packageDir, FIXTURE_STREAM_NAME: 'y'.repeat(300) },
    });
    assertFailedWith(tooLong, 'system_error', /schemas\/y{300}\.json cannot be read: the path is too long/);
  });
});
