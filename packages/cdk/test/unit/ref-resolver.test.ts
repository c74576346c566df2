import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { TempDir } from '@tributary/test-support/temp-dir';
import { resolveSchemaRefs } from '../../src/schema/ref-resolver.js';
import { SchemaError } from '../../src/schema/schema-error.js';
import { findRefs } from '../../src/testing/index.js';

/** Writes `schemas/users.json` (the root) and `schemas/shared/*` files, then resolves the root. */
function resolveUsers(root: unknown, shared: Record<string, unknown> = {}): Record<string, unknown> {
  const files: Record<string, unknown> = { 'schemas/users.json': root };
  for (const [name, content] of Object.entries(shared)) files[`schemas/shared/${name}`] = content;
  const dir = join(TempDir.withFiles(files).path, 'schemas');
  return resolveSchemaRefs(join(dir, 'users.json'), dir, 'users');
}

/** Asserts a SchemaError (a system_error) whose message contains every fragment. */
function assertSchemaError(run: () => unknown, ...fragments: string[]): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof SchemaError, `expected a SchemaError, got ${String(error)}`);
    assert.equal(error.failureType, 'system_error');
    assert.match(error.message, /^Cannot load the schema of stream 'users': /);
    for (const fragment of fragments) assert.ok(error.message.includes(fragment), `"${error.message}" should mention ${fragment}`);
    return true;
  });
}

const address = { type: 'object', properties: { street: { type: 'string' }, city: { type: 'string' } } };

describe('file refs', () => {
  test('a bare file name refers to schemas/shared/', () => {
    const schema = resolveUsers({ type: 'object', properties: { address: { $ref: 'address.json' } } }, { 'address.json': address });
    assert.deepEqual(schema, { type: 'object', properties: { address } });
  });

  test('shared/x.json, ./x.json and x.json all name the same shared file', () => {
    const schema = resolveUsers(
      {
        properties: {
          bare: { $ref: 'address.json' },
          prefixed: { $ref: 'shared/address.json' },
          dotted: { $ref: './address.json' },
          both: { $ref: './shared/address.json' },
        },
      },
      { 'address.json': address },
    );
    assert.deepEqual(schema.properties, { bare: address, prefixed: address, dotted: address, both: address });
  });

  test('a fragment selects part of the shared file by JSON pointer', () => {
    const defs = { definitions: { street: { type: 'string', maxLength: 80 }, zip: { type: 'string' } } };
    const schema = resolveUsers({ properties: { street: { $ref: 'defs.json#/definitions/street' } } }, { 'defs.json': defs });
    assert.deepEqual(schema.properties, { street: { type: 'string', maxLength: 80 } });
  });

  test('pointer tokens are unescaped (~1, ~0 and percent-encoding)', () => {
    const defs = { definitions: { 'a/b': { type: 'string' }, 'c~d': { type: 'integer' }, 'e f': { type: 'boolean' } } };
    const schema = resolveUsers(
      {
        properties: {
          slash: { $ref: 'defs.json#/definitions/a~1b' },
          tilde: { $ref: 'defs.json#/definitions/c~0d' },
          space: { $ref: 'defs.json#/definitions/e%20f' },
        },
      },
      { 'defs.json': defs },
    );
    assert.deepEqual(schema.properties, { slash: { type: 'string' }, tilde: { type: 'integer' }, space: { type: 'boolean' } });
  });

  test('refs inside shared files are resolved transitively, in the same flat shared namespace', () => {
    const schema = resolveUsers(
      { properties: { person: { $ref: 'person.json' } } },
      {
        'person.json': { type: 'object', properties: { home: { $ref: 'address.json' }, country: { $ref: 'shared/country.json' } } },
        'address.json': { type: 'object', properties: { country: { $ref: './country.json' } } },
        'country.json': { type: 'string', minLength: 2 },
      },
    );
    assert.deepEqual(schema.properties, {
      person: {
        type: 'object',
        properties: {
          home: { type: 'object', properties: { country: { type: 'string', minLength: 2 } } },
          country: { type: 'string', minLength: 2 },
        },
      },
    });
  });

  test('refs in arrays, items and combinators are resolved', () => {
    const schema = resolveUsers(
      {
        properties: {
          tags: { type: 'array', items: { $ref: 'tag.json' } },
          tuple: { type: 'array', items: [{ $ref: 'tag.json' }, { type: 'integer' }] },
          either: { anyOf: [{ $ref: 'tag.json' }, { type: 'null' }] },
        },
      },
      { 'tag.json': { type: 'string' } },
    );
    assert.deepEqual(schema.properties, {
      tags: { type: 'array', items: { type: 'string' } },
      tuple: { type: 'array', items: [{ type: 'string' }, { type: 'integer' }] },
      either: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    });
  });

  test('a relative schemas folder is taken from the working directory', () => {
    const project = TempDir.withFiles({
      'schemas/users.json': { properties: { home: { $ref: 'shared/address.json' } } },
      'schemas/shared/address.json': address,
    }).path;
    const cwd = process.cwd();
    process.chdir(project);
    try {
      assert.deepEqual(resolveSchemaRefs(join('schemas', 'users.json'), 'schemas', 'users'), { properties: { home: address } });
    } finally {
      process.chdir(cwd);
    }
  });

  test('a ref used twice yields two independent copies', () => {
    const schema = resolveUsers(
      { properties: { home: { $ref: 'address.json' }, work: { $ref: 'address.json' } } },
      { 'address.json': address },
    ) as { properties: Record<string, { type: string }> };
    schema.properties.home.type = 'changed';
    assert.equal(schema.properties.work.type, 'object');
  });
});

describe('local refs', () => {
  test('#/definitions/x in the root points into the root, which keeps its definitions', () => {
    const root = {
      definitions: { id: { type: 'integer', minimum: 1 } },
      properties: { id: { $ref: '#/definitions/id' }, parent_id: { $ref: '#/definitions/id' } },
    };
    const schema = resolveUsers(root);
    assert.deepEqual(schema, {
      definitions: { id: { type: 'integer', minimum: 1 } },
      properties: { id: { type: 'integer', minimum: 1 }, parent_id: { type: 'integer', minimum: 1 } },
    });
  });

  test('#/definitions/x inside a shared file points into that shared file, not the root', () => {
    const schema = resolveUsers(
      { definitions: { code: { type: 'integer' } }, properties: { country: { $ref: 'country.json' } } },
      {
        'country.json': {
          definitions: { code: { type: 'string', pattern: '^[A-Z]{2}$' } },
          properties: { code: { $ref: '#/definitions/code' } },
        },
      },
    );
    assert.deepEqual(schema.properties, { country: { properties: { code: { type: 'string', pattern: '^[A-Z]{2}$' } } } });
  });

  test('a fragment-only ref of a shared file may itself use local refs of that file', () => {
    const schema = resolveUsers(
      { properties: { street: { $ref: 'defs.json#/definitions/street' } } },
      {
        'defs.json': {
          definitions: { text: { type: 'string' }, street: { type: 'object', properties: { line: { $ref: '#/definitions/text' } } } },
        },
      },
    );
    assert.deepEqual(schema.properties, { street: { type: 'object', properties: { line: { type: 'string' } } } });
  });
});

describe('what the result looks like', () => {
  test('keys next to $ref are kept and override the target', () => {
    const schema = resolveUsers(
      { properties: { home: { $ref: 'address.json', description: 'Where the user lives', type: ['object', 'null'] } } },
      { 'address.json': { ...address, description: 'An address' } },
    );
    assert.deepEqual(schema.properties, { home: { ...address, description: 'Where the user lives', type: ['object', 'null'] } });
  });

  test('sibling keys may themselves contain refs, resolved against the referring file', () => {
    const schema = resolveUsers(
      {
        definitions: { name: { type: 'string' } },
        properties: { home: { $ref: 'address.json', properties: { label: { $ref: '#/definitions/name' } } } },
      },
      { 'address.json': address },
    );
    assert.deepEqual((schema.properties as Record<string, unknown>).home, { type: 'object', properties: { label: { type: 'string' } } });
  });

  test("the referenced target's definitions are dropped, the root keeps its own", () => {
    const schema = resolveUsers(
      { definitions: { mine: { type: 'string' } }, properties: { person: { $ref: 'person.json' } } },
      {
        'person.json': { definitions: { name: { type: 'string' } }, type: 'object', properties: { name: { $ref: '#/definitions/name' } } },
      },
    );
    assert.deepEqual(schema, {
      definitions: { mine: { type: 'string' } },
      properties: { person: { type: 'object', properties: { name: { type: 'string' } } } },
    });
  });

  test('no $ref is left anywhere', () => {
    const schema = resolveUsers(
      {
        definitions: { id: { type: 'integer' }, owner: { $ref: 'person.json' } },
        properties: {
          id: { $ref: '#/definitions/id' },
          owner: { $ref: '#/definitions/owner' },
          friends: { type: 'array', items: { $ref: 'shared/person.json' } },
          contact: { oneOf: [{ $ref: 'defs.json#/definitions/email' }, { $ref: './defs.json#/definitions/phone' }] },
        },
      },
      {
        'person.json': { type: 'object', properties: { name: { type: 'string' }, address: { $ref: 'address.json' } } },
        'address.json': { type: 'object', properties: { zip: { $ref: 'defs.json#/definitions/zip' } } },
        'defs.json': {
          definitions: {
            email: { type: 'string', format: 'email' },
            phone: { type: 'string' },
            zip: { $ref: '#/definitions/digits' },
            digits: { type: 'string' },
          },
        },
      },
    );
    assert.deepEqual(findRefs(schema), []);
    assert.deepEqual((schema.properties as Record<string, unknown>).friends, {
      type: 'array',
      items: {
        type: 'object',
        properties: { name: { type: 'string' }, address: { type: 'object', properties: { zip: { type: 'string' } } } },
      },
    });
  });

  test('properties named like data keywords (default, enum, examples) are still schemas', () => {
    const schema = resolveUsers(
      {
        properties: {
          default: { $ref: 'address.json' },
          enum: { $ref: 'address.json' },
          examples: { type: 'array', items: { $ref: 'address.json' } },
          home: { $ref: 'address.json', properties: { const: { $ref: 'address.json' } } },
        },
      },
      { 'address.json': address },
    );
    assert.deepEqual(findRefs(schema), []);
    assert.deepEqual(schema.properties, {
      default: address,
      enum: address,
      examples: { type: 'array', items: address },
      home: { type: 'object', properties: { const: address } },
    });
  });

  test('a $ref inside data (default, examples, enum, const) is data and kept as written', () => {
    const root = {
      type: 'object',
      default: { $ref: 'not-a-file.json' },
      examples: [{ $ref: 'nor-this.json' }],
      properties: { kind: { enum: [{ $ref: 'x' }] }, fixed: { const: { $ref: 'y' } } },
    };
    assert.deepEqual(resolveUsers(root), root);
  });
});

describe('errors name the stream, the file and the ref', () => {
  test('missing root schema file', () => {
    const dir = join(TempDir.withFiles({ 'schemas/other.json': {} }).path, 'schemas');
    assertSchemaError(() => resolveSchemaRefs(join(dir, 'users.json'), dir, 'users'), 'schema file schemas/users.json does not exist');
  });

  test('missing shared file', () => {
    assertSchemaError(
      () => resolveUsers({ properties: { home: { $ref: 'address.json' } } }),
      '$ref "address.json"',
      'in schemas/users.json',
      'schemas/shared/address.json does not exist',
    );
  });

  test('missing shared file referenced from another shared file names that file', () => {
    assertSchemaError(
      () =>
        resolveUsers(
          { properties: { person: { $ref: 'person.json' } } },
          { 'person.json': { properties: { home: { $ref: 'home.json' } } } },
        ),
      '$ref "home.json" in schemas/shared/person.json',
      'schemas/shared/home.json does not exist',
    );
  });

  test('bad JSON in the root file', () => {
    assertSchemaError(() => resolveUsers('{"type": "object",'), 'schemas/users.json is not valid JSON');
  });

  test('bad JSON in a shared file', () => {
    assertSchemaError(
      () => resolveUsers({ properties: { home: { $ref: 'address.json' } } }, { 'address.json': '{ type: object }' }),
      'schemas/shared/address.json is not valid JSON',
      'loaded for $ref "address.json" in schemas/users.json',
    );
  });

  test('a root file that is not an object', () => {
    assertSchemaError(() => resolveUsers([{ type: 'object' }]), 'schemas/users.json must contain a JSON object, not an array');
  });

  test('a pointer to nowhere', () => {
    assertSchemaError(
      () =>
        resolveUsers({ properties: { street: { $ref: 'defs.json#/definitions/road' } } }, { 'defs.json': { definitions: { street: {} } } }),
      '$ref "defs.json#/definitions/road" in schemas/users.json points to nothing',
      'schemas/shared/defs.json has no "/definitions/road"',
    );
  });

  test('a local pointer to nowhere', () => {
    assertSchemaError(
      () => resolveUsers({ properties: { id: { $ref: '#/definitions/id' } } }),
      '$ref "#/definitions/id" in schemas/users.json points to nothing',
    );
  });

  test('a pointer with broken percent-encoding', () => {
    assertSchemaError(
      () => resolveUsers({ properties: { id: { $ref: 'defs.json#/definitions/100%' } } }, { 'defs.json': { definitions: {} } }),
      '$ref "defs.json#/definitions/100%" in schemas/users.json points to nothing',
    );
  });

  test('a ref to something that is not an object (an array)', () => {
    assertSchemaError(
      () =>
        resolveUsers(
          { properties: { tags: { $ref: 'defs.json#/definitions/tags' } } },
          { 'defs.json': { definitions: { tags: ['a', 'b'] } } },
        ),
      '$ref "defs.json#/definitions/tags" in schemas/users.json must point to a JSON object',
      'schemas/shared/defs.json#/definitions/tags is an array',
    );
  });

  test('a whole shared file that is not an object', () => {
    assertSchemaError(
      () => resolveUsers({ properties: { x: { $ref: 'list.json' } } }, { 'list.json': [1, 2] }),
      '$ref "list.json"',
      'is an array',
    );
  });

  for (const url of ['https://example.com/schemas/address.json', 'file:///etc/passwd', 'http://json-schema.org/draft-07/schema#']) {
    test(`a URL ref: ${url}`, () => {
      assertSchemaError(
        () => resolveUsers({ properties: { home: { $ref: url } } }),
        `$ref "${url}" in schemas/users.json`,
        'only refs to files in schemas/shared/ are supported, not URLs',
      );
    });
  }

  for (const ref of ['../users.json', 'shared/../../secret.json', '/etc/passwd', 'sub/../../users.json']) {
    test(`a path escaping schemas/shared: ${ref}`, () => {
      assertSchemaError(
        () => resolveUsers({ properties: { home: { $ref: ref } } }),
        `$ref "${ref}" in schemas/users.json leaves schemas/shared/`,
      );
    });
  }
});

describe('circular refs are rejected without overflowing the stack', () => {
  test('a → b → a across shared files', () => {
    assertSchemaError(
      () =>
        resolveUsers(
          { properties: { a: { $ref: 'a.json' } } },
          { 'a.json': { properties: { b: { $ref: 'b.json' } } }, 'b.json': { properties: { a: { $ref: 'a.json' } } } },
        ),
      'circular $ref',
      'schemas/shared/a.json# → schemas/shared/b.json# → schemas/shared/a.json#',
      '$ref "a.json" in schemas/shared/b.json',
    );
  });

  test('a self-ref "#" in the root', () => {
    assertSchemaError(
      () => resolveUsers({ type: 'object', properties: { child: { $ref: '#' } } }),
      'circular $ref: schemas/users.json# → schemas/users.json#',
      '$ref "#" in schemas/users.json',
    );
  });

  test('a shared file referring to itself', () => {
    assertSchemaError(
      () => resolveUsers({ properties: { node: { $ref: 'node.json' } } }, { 'node.json': { properties: { next: { $ref: 'node.json' } } } }),
      'circular $ref',
      '$ref "node.json" in schemas/shared/node.json',
    );
  });

  test('a recursive local definition', () => {
    assertSchemaError(
      () =>
        resolveUsers({
          definitions: { tree: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/definitions/tree' } } } } },
          properties: { root: { $ref: '#/definitions/tree' } },
        }),
      'circular $ref',
      '$ref "#/definitions/tree" in schemas/users.json',
    );
  });

  test('a circular chain is not a RangeError even when long', () => {
    const shared: Record<string, unknown> = {};
    for (let i = 0; i < 200; i++) shared[`s${i}.json`] = { properties: { next: { $ref: `s${(i + 1) % 200}.json` } } };
    assertSchemaError(() => resolveUsers({ $ref: 's0.json' }, shared), 'circular $ref');
  });
});
