import assert from 'node:assert/strict';
import { test } from 'node:test';
import { discover, read } from '@tributary/cdk/testing';
import { LibrarySource } from '../src/index.js';

const config = { books: 250, custom_fields: ['shelf'] };

// #region discover
test('discover: names, primary keys, and schemas with their $refs inlined', async () => {
  const result = await discover(new LibrarySource(), { config });
  assert.deepEqual(result.streamNames, ['books', 'copies', 'branches']);
  const books = result.stream('books');
  assert.deepEqual(books.source_defined_primary_key, [['isbn']]);
  assert.deepEqual(result.stream('copies').source_defined_primary_key, [['branch'], ['copy'], ['isbn']]);
  // author.json and defs.json#/definitions/date came from schemas/shared/; no $ref is left.
  assert.deepEqual(books.json_schema.properties?.author, {
    type: 'object',
    properties: { name: { type: 'string' }, born: { type: ['null', 'string'], format: 'date' } },
  });
  // A key written beside a $ref is kept: the description overrides the target's.
  assert.deepEqual(books.json_schema.properties?.published, { type: ['null', 'string'], format: 'date', description: 'First publication' });
  assert.deepEqual(books.json_schema.properties?.shelf, { type: ['null', 'string'] }); // added in code from the config
});
// #endregion discover

// #region read
test('read: every record of every stream, in order', async () => {
  const result = await read(new LibrarySource(), { config });
  assert.equal(result.exitCode, 0, result.describeErrors());
  const books = result.recordsOf('books');
  assert.equal(books.length, 250);
  assert.equal(books[0]?.isbn, '978-0-100000-0');
  assert.equal(result.recordsOf('copies').length, 499); // 1, 2 or 3 copies of each book
  assert.deepEqual(result.recordsOf('branches'), [
    { code: 'central', opened: 1901 },
    { code: 'harbour', opened: 1931 },
    { code: 'hill', opened: 1961 },
  ]);
  // A full refresh ends each stream with the marker state the platform expects.
  assert.deepEqual(result.latestState('books'), { __ab_no_cursor_state_message: true });
});
// #endregion read
