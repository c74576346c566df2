import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertFailedWith, catalogOf, messagesOfType } from '@tributary/test-support/run-cli';
import { TempDir } from '@tributary/test-support/temp-dir';
import { runFixture } from '../helpers/fixtures.js';

let dir: TempDir;
before(async () => {
  dir = await TempDir.create();
});
after(() => dir.remove());

test('discover lists every stream with its name, schema, sync modes and primary key', async () => {
  const run = await runFixture('streams', ['discover', '--config', await dir.json('streams.json', { name: 'x' })]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, '');
  const catalog = catalogOf(run);
  assert.deepEqual(
    catalog.streams.map((stream) => stream.name),
    [
      'sync_numbers',
      'async_numbers',
      'array_numbers',
      'getter_named',
      'field_named',
      'failing_midway',
      'not_an_object',
      'transient_failure',
    ],
  );
  for (const stream of catalog.streams) {
    assert.deepEqual(stream.supported_sync_modes, ['full_refresh'], stream.name);
    assert.equal(stream.json_schema.type, 'object', stream.name);
    assert.deepEqual(stream.json_schema.properties?.id, { type: 'integer' }, stream.name);
  }
  const byName = new Map(catalog.streams.map((stream) => [stream.name, stream]));
  // primaryKey as a class field (a string), a getter (a string) and absent.
  assert.deepEqual(byName.get('sync_numbers')?.source_defined_primary_key, [['id']]);
  assert.deepEqual(byName.get('array_numbers')?.source_defined_primary_key, [['id']]);
  assert.equal(byName.get('async_numbers')?.source_defined_primary_key, undefined);
  assert.equal(byName.get('async_numbers')?.namespace, undefined);
});

test('a stream defining name, namespace and primaryKey as getters appears with them', async () => {
  const run = await runFixture('streams', ['discover', '--config', await dir.json('getters.json', { name: 'x' })]);
  const stream = catalogOf(run).streams.find((s) => s.name === 'getter_named');
  assert.ok(stream, 'getter_named is in the catalog');
  assert.equal(stream.namespace, 'fixture_ns');
  assert.deepEqual(stream.source_defined_primary_key, [['id'], ['part']]);
  assert.deepEqual(Object.keys(stream.json_schema.properties ?? {}), ['id', 'part']);
});

test('a stream defining name and primaryKey as class fields appears with them', async () => {
  const run = await runFixture('streams', ['discover', '--config', await dir.json('fields.json', { name: 'x' })]);
  const stream = catalogOf(run).streams.find((s) => s.name === 'field_named');
  assert.ok(stream, 'field_named is in the catalog');
  assert.equal(stream.namespace, undefined);
  // `['id', 'part']` means two single-field keys, as in the Python CDK.
  assert.deepEqual(stream.source_defined_primary_key, [['id'], ['part']]);
  assert.deepEqual(Object.keys(stream.json_schema.properties ?? {}), ['id', 'part']);
});

test('discover resolves shared $refs of a healthy schema', async () => {
  const run = await runFixture('broken-schemas', ['discover', '--config', await dir.json('none.json', { broken: 'none' })]);
  assert.equal(run.code, 0, run.stderr);
  const [healthy] = catalogOf(run).streams;
  assert.deepEqual(healthy?.json_schema.properties?.address, {
    type: 'object',
    properties: { street: { type: 'string' }, city: { type: 'string' } },
  });
  assert.ok(!run.stdout.includes('$ref'));
});

test('discover fails as a whole when a schema cannot be loaded, naming the stream, the file and the ref', async (t) => {
  const cases: Array<[broken: string, patterns: RegExp[]]> = [
    ['missing_file', [/stream 'missing_schema'/, /schemas\/missing_schema\.json/, /does not exist/]],
    ['bad_json', [/stream 'bad_json'/, /schemas\/bad_json\.json/, /not valid JSON/]],
    [
      'missing_ref',
      [/stream 'missing_ref'/, /schemas\/missing_ref\.json/, /"no_such_person\.json"/, /schemas\/shared\/no_such_person\.json/],
    ],
    ['ref_to_nowhere', [/stream 'ref_to_nowhere'/, /schemas\/ref_to_nowhere\.json/, /"address\.json#\/definitions\/zip_code"/]],
  ];
  for (const [broken, patterns] of cases) {
    await t.test(broken, async () => {
      const run = await runFixture('broken-schemas', ['discover', '--config', await dir.json(`${broken}.json`, { broken })]);
      const error = assertFailedWith(run, 'system_error', ...patterns);
      assert.equal(run.code, 1);
      assert.equal(messagesOfType(run.messages, 'CATALOG').length, 0, 'no partial catalog');
      assert.ok(error.stack_trace, 'the trace carries a stack for the developers');
    });
  }
});

test('an error the source marks transient keeps its failure_type', async () => {
  const run = await runFixture('streams', [
    'discover',
    '--config',
    await dir.json('transient.json', { name: 'x', streams_error: 'transient' }),
  ]);
  assertFailedWith(run, 'transient_error', /^The fixture API is down for maintenance$/);
  assert.equal(messagesOfType(run.messages, 'CATALOG').length, 0);
});
