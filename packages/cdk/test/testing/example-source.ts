/**
 * A small source for the test kit's own tests: `items` (full refresh, key `id`) and `events`
 * (incremental on `at`, checkpointed every 10 records), with schemas and spec in code. Each
 * `Defect` breaks one thing the acceptance suite must catch.
 */
import {
  ConnectorError,
  type ConnectorSpecification,
  type JsonSchema,
  type ReadOptions,
  Source,
  Stream,
  type StreamState,
} from '../../src/index.js';

export type Defect =
  | 'record-type'
  | 'duplicate-key'
  | 'unmarked-secret'
  | 'accepts-anything'
  | 'random-values'
  | 'ignores-state'
  | 'state-ahead'
  | 'key-not-in-schema'
  | 'ref-left'
  | 'invalid-schema'
  | 'stream-fails'
  | 'empty-items';

export interface ExampleConfig {
  api_key: string;
  count?: number;
}

const BASE_MS = Date.UTC(2024, 0, 1);

export class Items extends Stream<{ id: number; name: string; size: number; uuid?: string }> {
  constructor(
    private readonly count: number,
    private readonly defects: ReadonlySet<Defect>,
  ) {
    super();
  }

  get primaryKey() {
    return this.defects.has('key-not-in-schema') ? 'uuid' : 'id';
  }

  getJsonSchema(): JsonSchema {
    const schema: JsonSchema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { id: { type: 'integer' }, name: { type: 'string' }, size: { type: 'integer', minimum: 0 } },
    };
    if (this.defects.has('ref-left')) {
      schema.definitions = { size: { type: 'integer' } };
      schema.properties!.size = { $ref: '#/definitions/size' };
    }
    if (this.defects.has('invalid-schema')) schema.properties!.name = { type: 'text' as never };
    return schema;
  }

  *readRecords() {
    if (this.defects.has('stream-fails')) throw new ConnectorError('the items API is down', { failureType: 'transient_error' });
    if (this.defects.has('empty-items')) return;
    for (let id = 1; id <= this.count; id++) {
      const size = this.defects.has('random-values') ? Math.floor(Math.random() * 1_000_000) : id * 10;
      const record = { id: this.defects.has('duplicate-key') && id === 3 ? 2 : id, name: `item ${id}`, size };
      yield this.defects.has('record-type') && id === 4 ? { ...record, size: 'big' as unknown as number } : record;
    }
  }
}

export class Events extends Stream<{ id: number; at: string }> {
  primaryKey = 'id';
  cursorField = 'at';
  stateCheckpointInterval = 10;
  private cursor: string | undefined;

  constructor(
    private readonly count: number,
    private readonly defects: ReadonlySet<Defect>,
  ) {
    super();
  }

  get state(): StreamState {
    if (this.cursor === undefined) return {};
    // A defective stream claims progress past what it has written.
    return { at: this.defects.has('state-ahead') ? new Date(Date.parse(this.cursor) + 5 * 60_000).toISOString() : this.cursor };
  }

  set state(value: StreamState) {
    this.cursor = typeof value.at === 'string' ? value.at : undefined;
  }

  getJsonSchema(): JsonSchema {
    return { type: 'object', properties: { id: { type: 'integer' }, at: { type: 'string', format: 'date-time' } } };
  }

  *readRecords(options: ReadOptions) {
    const since = options.syncMode === 'incremental' && !this.defects.has('ignores-state') ? this.cursor : undefined;
    for (let id = 1; id <= this.count; id++) {
      const at = new Date(BASE_MS + id * 60_000).toISOString();
      if (since !== undefined && at <= since) continue;
      if (this.cursor === undefined || at > this.cursor) this.cursor = at;
      yield { id, at };
    }
  }
}

export class ExampleSource extends Source<ExampleConfig> {
  private readonly defects: ReadonlySet<Defect>;

  constructor(...defects: Defect[]) {
    super();
    this.defects = new Set(defects);
  }

  spec(): ConnectorSpecification {
    const secret = this.defects.has('unmarked-secret') ? {} : { airbyte_secret: true };
    return {
      documentationUrl: 'https://example.com/docs',
      connectionSpecification: {
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        ...(this.defects.has('accepts-anything') ? {} : { required: ['api_key'] }),
        properties: { api_key: { type: 'string', ...secret }, count: { type: 'integer', minimum: 1 } },
      },
    };
  }

  checkConnection(config: ExampleConfig): void {
    if (!this.defects.has('accepts-anything') && config.api_key !== 'good-key') throw new Error('the API key was rejected');
  }

  streams(config: ExampleConfig): Stream<object>[] {
    const count = config.count ?? 30;
    return [new Items(count, this.defects), new Events(count, this.defects)];
  }
}
