/** References resolved as the Python CDK's ManifestReferenceResolver resolves them, plus the legacy `*ref` forms. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RawManifestProblem } from '../../src/manifest/manifest-error.js';
import { resolveReferences } from '../../src/manifest/references.js';

describe('references', () => {
  test("$ref merges the target with the mapping's own keys, which win; nested and transitive references resolve", () => {
    const resolved = resolveReferences({
      definitions: {
        requester: { url_base: 'https://api.example.com', http_method: 'GET' },
        retriever: { requester: { $ref: '#/definitions/requester', http_method: 'POST' } },
        stream: { retriever: '#/definitions/retriever', name: 'a' },
      },
      streams: ['#/definitions/stream', { $ref: '#/definitions/stream', name: 'b' }],
    });
    const streams = resolved.streams as Array<Record<string, unknown>>;
    assert.deepEqual(streams[0], { retriever: { requester: { url_base: 'https://api.example.com', http_method: 'POST' } }, name: 'a' });
    assert.equal(streams[1].name, 'b');
  });

  test('"#/schemas/..." strings, list indexes, keys containing a slash, and a non-mapping target replacing the mapping', () => {
    const resolved = resolveReferences({
      schemas: { users: { type: 'object' } },
      list: ['zero', 'one'],
      'a/b': 'whole key',
      a: { b: 'nested' },
      x: { $ref: '#/list/1', ignored: true },
      s: '#/schemas/users',
      k: '#/a/b',
    });
    assert.deepEqual(resolved.s, { type: 'object' });
    assert.equal(resolved.x, 'one');
    assert.equal(resolved.k, 'whole key');
  });

  test('the legacy *ref(definitions.x) string and "*ref" key resolve with dots', () => {
    const resolved = resolveReferences({
      definitions: { requester: { url_base: 'https://x', path: '/a' } },
      one: '*ref(definitions.requester)',
      two: { '*ref': 'definitions.requester', path: '/b' },
    });
    assert.deepEqual(resolved.one, { url_base: 'https://x', path: '/a' });
    assert.deepEqual(resolved.two, { url_base: 'https://x', path: '/b' });
  });

  test('a circular reference and a reference to nothing name the reference and where it stands', () => {
    assert.throws(
      () =>
        resolveReferences({
          definitions: { a: { $ref: '#/definitions/b' }, b: { $ref: '#/definitions/a' } },
          streams: ['#/definitions/a'],
        }),
      (error: unknown) => error instanceof RawManifestProblem && /circular/.test(error.summary) && /#\/definitions\/a/.test(error.problem),
    );
    assert.throws(
      () => resolveReferences({ streams: [{ $ref: '#/definitions/missing' }] }),
      (error: unknown) =>
        error instanceof RawManifestProblem &&
        /#\/definitions\/missing points to nothing/.test(error.problem) &&
        error.rawPath.join('.') === 'streams.0.$ref',
    );
  });
});
