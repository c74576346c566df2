/** A STATE every N records inside a slice, by the setting's name and by its deprecated one (with the public test kit). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JsonSchema } from '../../src/protocol/json-schema.js';
import type { ConnectorSpecification } from '../../src/protocol/types.js';
import { Source } from '../../src/sources/source.js';
import { checkpointIntervals } from '../../src/streams/checkpoint-intervals.js';
import { Stream } from '../../src/streams/stream.js';
import { read } from '../../src/testing/index.js';

type Member = 'checkpointIntervalRecords' | 'stateCheckpointInterval';

class Sorted extends Stream<{ id: number }> {
  cursorField = 'id';
  constructor(member: Member) {
    super();
    Object.defineProperty(this, member, { value: 10 });
  }
  getJsonSchema(): JsonSchema {
    return { type: 'object', properties: { id: { type: 'integer' } } };
  }
  getUpdatedState(current: Record<string, unknown>, latest: { id: number }) {
    return { id: Math.max(Number(current.id ?? 0), latest.id) };
  }
  *readRecords() {
    for (let id = 1; id <= 25; id++) yield { id };
  }
}

class OneStream extends Source<object> {
  constructor(private readonly member: Member) {
    super();
  }
  spec(): ConnectorSpecification {
    return { connectionSpecification: { type: 'object' } };
  }
  checkConnection() {}
  streams(): Stream<object>[] {
    return [new Sorted(this.member)];
  }
}

for (const member of ['checkpointIntervalRecords', 'stateCheckpointInterval'] as const) {
  test(`${member} = 10: a STATE after 10 and 20 records, then the final one`, async () => {
    const result = await read(new OneStream(member), { config: {}, streams: [{ name: 'sorted', syncMode: 'incremental' }] });
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.deepEqual(result.statesOf('sorted'), [{ id: 10 }, { id: 20 }, { id: 25 }]);
  });
}

test('checkpointIntervals: the new names win, the deprecated ones fill in, anything but a positive integer is none', () => {
  assert.deepEqual(checkpointIntervals({ checkpointIntervalRecords: 5, stateCheckpointInterval: 9 }), { records: 5, minMs: undefined });
  assert.deepEqual(checkpointIntervals({ stateCheckpointInterval: 9, checkpointIntervalMs: 100 }), { records: 9, minMs: 100 });
  assert.deepEqual(checkpointIntervals({ minCheckpointIntervalMs: 50, checkpointIntervalMs: 100 }), { records: undefined, minMs: 50 });
  assert.deepEqual(checkpointIntervals({ checkpointIntervalRecords: 0, minCheckpointIntervalMs: 1.5 }), {
    records: undefined,
    minMs: undefined,
  });
});
