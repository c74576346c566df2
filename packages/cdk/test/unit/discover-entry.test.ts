import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JsonSchema } from '../../src/protocol/json-schema.js';
import { discoverEntry } from '../../src/sources/discover-entry.js';
import { Stream } from '../../src/streams/stream.js';

class Files extends Stream<{ id: number }> {
  readonly primaryKey = 'id';
  constructor(readonly isFileBased?: boolean) {
    super();
  }
  getJsonSchema(): JsonSchema {
    return { type: 'object' };
  }
  readRecords() {
    return [];
  }
}

test('is_file_based is in the catalog entry when the stream says, and left out otherwise', async () => {
  assert.equal((await discoverEntry(new Files(false))).is_file_based, false);
  assert.equal((await discoverEntry(new Files(true))).is_file_based, true);
  assert.ok(!('is_file_based' in (await discoverEntry(new Files()))));
});
