/** The faker connector's spec, check and discover, run as the platform runs them. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { findRefs } from '@tributary/cdk/testing';
import { type CliRun, catalogOf, messagesOfType } from '@tributary/test-support/run-cli';
import { TempDir } from '@tributary/test-support/temp-dir';
import { FAKER_DIR, runFaker } from './faker-cli.js';

let dir: TempDir;
let config: string;
/** One discover run, shared by the tests that look at different parts of its catalog. */
let discovered: CliRun;
before(async () => {
  dir = await TempDir.create('faker-cli-');
  config = await dir.json('config.json', { count: 20, seed: 3 });
  discovered = await runFaker(['discover', '--config', config]);
});
after(() => dir.remove());

test('spec prints the connector specification from spec.json', async () => {
  const run = await runFaker(['spec']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, '');
  assert.equal(run.messages.length, 1);
  const [message] = messagesOfType(run.messages, 'SPEC');
  assert.equal(message?.spec.documentationUrl, 'https://docs.airbyte.com/integrations/sources/faker');
  const properties = message?.spec.connectionSpecification.properties ?? {};
  assert.deepEqual(Object.keys(properties).sort(), ['clock', 'count', 'records_per_slice', 'seed']);
  assert.equal(properties.count?.type, 'integer');
});

test('check succeeds for a valid config and logs what it will generate', async () => {
  const run = await runFaker(['check', '--config', config]);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(run.messages, [
    { type: 'LOG', log: { level: 'INFO', message: 'Faker will generate 20 users with seed 3' } },
    { type: 'CONNECTION_STATUS', connectionStatus: { status: 'SUCCEEDED' } },
  ]);
});

test('check fails, with exit 0, for a config that breaks the spec, naming the field', async () => {
  const run = await runFaker(['check', '--config', await dir.json('bad.json', { count: 0, seed: 'x' })]);
  assert.equal(run.code, 0, run.stderr);
  const status = messagesOfType(run.messages, 'CONNECTION_STATUS').at(-1)?.connectionStatus;
  assert.equal(status?.status, 'FAILED');
  assert.match(status?.message ?? '', /config\.count must be >= 1/);
  assert.match(status?.message ?? '', /config\.seed must be integer/);
});

test('discover: users, products and purchases, with resolved schemas and primary keys', async () => {
  const run = discovered;
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, '');
  assert.equal(run.messages.length, 1);
  const catalog = catalogOf(run);
  assert.deepEqual(
    catalog.streams.map((stream) => stream.name),
    ['users', 'products', 'purchases'],
  );
  assert.deepEqual(findRefs(catalog), [], 'the discovered catalog contains no $ref');
  assert.ok(!run.stdout.includes('"$ref"'));
  for (const stream of catalog.streams) {
    assert.deepEqual(stream.source_defined_primary_key, [['id']], stream.name);
    assert.equal(stream.json_schema.type, 'object', stream.name);
  }
  const byName = new Map(catalog.streams.map((stream) => [stream.name, stream]));
  assert.deepEqual(byName.get('products')?.supported_sync_modes, ['full_refresh']);
  assert.equal(byName.get('products')?.is_resumable, false);
  for (const [name, cursor] of [
    ['users', 'updated_at'],
    ['purchases', 'purchased_at'],
  ] as const) {
    const stream = byName.get(name);
    assert.deepEqual(stream?.supported_sync_modes, ['full_refresh', 'incremental'], name);
    assert.equal(stream?.source_defined_cursor, true, name);
    assert.deepEqual(stream?.default_cursor_field, [cursor], name);
    assert.equal(stream?.is_resumable, true, name);
  }
});

test('discover: users.json with its shared address inlined, siblings of the $ref kept', async () => {
  const users = catalogOf(discovered).streams.find((s) => s.name === 'users');
  const address = users?.json_schema.properties?.address;
  assert.equal(address?.description, 'Where the user lives');
  assert.deepEqual(Object.keys(address?.properties ?? {}), ['street', 'city', 'postal_code', 'country', 'geo']);
  assert.deepEqual(address?.properties?.country?.properties?.code, { type: 'string', minLength: 2, maxLength: 2 });
  assert.deepEqual(address?.properties?.geo?.properties, { lat: { type: 'number' }, lon: { type: 'number' } });
});

test('discover: purchases has the fields of its file and the total_cents added in code', async () => {
  const purchases = catalogOf(discovered).streams.find((s) => s.name === 'purchases');
  const properties = purchases?.json_schema.properties ?? {};
  for (const field of ['id', 'user_id', 'product_id', 'quantity', 'purchased_at', 'returned_at', 'shipping_address']) {
    assert.ok(field in properties, `purchases schema lacks ${field} from schemas/purchases.json`);
  }
  assert.equal(properties.total_cents?.type, 'integer');
  // `shared/address.json`, the faros-style spelling, resolves to the same shared file.
  assert.deepEqual(Object.keys(properties.shipping_address?.properties ?? {}), ['street', 'city', 'postal_code', 'country', 'geo']);
});

test('discover: products has the schema built in code (there is no products.json)', async () => {
  assert.ok(!existsSync(resolve(FAKER_DIR, 'schemas/products.json')));
  const products = catalogOf(discovered).streams.find((s) => s.name === 'products');
  assert.deepEqual(Object.keys(products?.json_schema.properties ?? {}), ['id', 'name', 'category', 'price', 'in_stock']);
  assert.deepEqual(products?.json_schema.properties?.category?.enum, ['books', 'garden', 'kitchen', 'music', 'outdoor', 'toys']);
});
