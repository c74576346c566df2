/** The CDK's manifest migrations: url_base/path → url, request_body_json/_data → request_body. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { migrateManifest } from '../../src/manifest/migrations.js';

const NOW = () => new Date('2024-06-15T12:34:56Z');

describe('manifest migrations', () => {
  test('url_base and path become url, request bodies become typed request_body, and the migration is recorded', () => {
    const manifest = {
      type: 'DeclarativeSource',
      version: '6.40.0',
      streams: [
        {
          type: 'DeclarativeStream',
          retriever: {
            type: 'SimpleRetriever',
            requester: { type: 'HttpRequester', url_base: 'https://api.x.com/v1', path: '/users', request_body_json: { a: 1 } },
          },
        },
        {
          type: 'DeclarativeStream',
          retriever: {
            type: 'SimpleRetriever',
            requester: { type: 'HttpRequester', url_base: 'https://api.x.com/', path: 'b', request_body_data: 'q=1' },
          },
        },
      ],
    };
    const migrated = migrateManifest(manifest, NOW);
    const requester = (index: number) =>
      (migrated.streams as Array<{ retriever: { requester: Record<string, unknown> } }>)[index].retriever.requester;
    assert.deepEqual(requester(0), {
      type: 'HttpRequester',
      url: 'https://api.x.com/v1/users',
      request_body: { type: 'RequestBodyJsonObject', value: { a: 1 } },
    });
    assert.deepEqual(requester(1), {
      type: 'HttpRequester',
      url: 'https://api.x.com/b',
      request_body: { type: 'RequestBodyPlainText', value: 'q=1' },
    });
    assert.equal(migrated.version, '6.45.2');
    const applied = (migrated.metadata as { applied_migrations: Array<{ migration: string }> }).applied_migrations.map(
      (entry) => entry.migration,
    );
    assert.deepEqual(applied, [
      'V_6_45_2_HttpRequesterUrlBaseToUrl',
      'V_6_45_2_HttpRequesterPathToUrl',
      'V_6_45_2_HttpRequesterRequestBodyJsonDataToRequestBody',
    ]);
    assert.equal(
      (manifest.streams[0].retriever.requester as Record<string, unknown>).url_base,
      'https://api.x.com/v1',
      'the input is untouched',
    );
  });

  test('a manifest newer than the migrations, and dynamic stream templates, are left as they are', () => {
    const newer = { type: 'DeclarativeSource', version: '7.0.0', streams: [{ type: 'HttpRequester', url_base: 'x' }] };
    assert.equal(migrateManifest(newer, NOW), newer);
    const dynamic = {
      type: 'DeclarativeSource',
      version: '6.0.0',
      dynamic_streams: [{ type: 'DynamicDeclarativeStream', stream_template: { type: 'HttpRequester', url_base: 'x' } }],
    };
    assert.deepEqual(migrateManifest(dynamic, NOW).dynamic_streams, dynamic.dynamic_streams);
  });
});
