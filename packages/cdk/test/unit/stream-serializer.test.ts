import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { launch } from '../../src/entrypoint/launch.js';
import type { JsonSchema } from '../../src/protocol/json-schema.js';
import type { ConnectorSpecification } from '../../src/protocol/types.js';
import { Source } from '../../src/sources/source.js';
import { Stream } from '../../src/streams/stream.js';
import { writeTree } from '../helpers/temp-dir.js';

const SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    tags: { type: 'array' },
    meta: { type: 'object', properties: { ok: { type: 'boolean' } } },
  },
};

const RECORDS = [
  { id: 1, name: 'plain', tags: ['a'], meta: { ok: true } },
  { id: 2, name: 'quote " and \\ and \u2028 and \ud83d\ude00', meta: { ok: false, extra: 'not in schema' } },
  { id: 3, name: 'wrong types', tags: 'x', meta: 'not an object', undeclared: [1, { b: null }] },
  { name: 'keys out of order', id: 4 },
];

class Items extends Stream<Record<string, unknown>> {
  constructor(private readonly serializerKind: 'json' | 'compiled') {
    super();
  }
  get serializer() {
    return this.serializerKind;
  }
  getJsonSchema() {
    return SCHEMA;
  }
  *readRecords() {
    yield* structuredClone(RECORDS);
  }
}

class ItemsSource extends Source {
  constructor(private readonly kind: 'json' | 'compiled') {
    super();
  }
  spec(): ConnectorSpecification {
    return { connectionSpecification: { type: 'object' } };
  }
  streams() {
    return [new Items(this.kind)];
  }
}

async function readData(kind: 'json' | 'compiled'): Promise<unknown[]> {
  const catalog = {
    streams: [
      {
        stream: { name: 'items', json_schema: SCHEMA, supported_sync_modes: ['full_refresh'] },
        sync_mode: 'full_refresh',
        destination_sync_mode: 'overwrite',
      },
    ],
  };
  const dir = writeTree({ 'config.json': {}, 'catalog.json': catalog });
  let text = '';
  const stdout = new Writable({
    write(chunk, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  const code = await launch(new ItemsSource(kind), ['read', '--config', join(dir, 'config.json'), '--catalog', join(dir, 'catalog.json')], {
    stdout,
  });
  assert.equal(code, 0, text);
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
    .filter((m) => m.type === 'RECORD')
    .map((m) => m.record.data);
}

test("serializer = 'compiled' writes the same record data as JSON.stringify, whatever the records hold", async () => {
  const compiled = await readData('compiled');
  assert.deepEqual(compiled, await readData('json'));
  assert.deepEqual(compiled, JSON.parse(JSON.stringify(RECORDS)));
});
