import { MaxCursor, type ReadOptions, Stream, type StreamState } from '@tributary/cdk';
import type { Settings } from '../config.js';
import type { ItemsRecord } from '../schema-types.js';

const BASE_MS = Date.UTC(2024, 0, 1);

/**
 * Items, incremental on `updated_at`. Records come sorted by the cursor, so the CDK may
 * checkpoint every `checkpointIntervalRecords` records and an interrupted sync resumes there.
 * The record type comes from schemas/items.json (src/schema-types.ts), so what
 * `readRecords` yields is type-checked against the schema.
 */
export class Items extends Stream<ItemsRecord> {
  primaryKey = 'id';
  cursorField = 'updated_at';
  checkpointIntervalRecords = 50;
  private readonly cursor = new MaxCursor('updated_at');

  constructor(private readonly settings: Settings) {
    super();
  }

  get state(): StreamState {
    return this.cursor.state;
  }

  set state(value: StreamState) {
    this.cursor.state = value;
  }

  *readRecords(options: ReadOptions): Generator<ItemsRecord> {
    // Replace this loop with reads from your data source, oldest change first.
    const incremental = options.syncMode === 'incremental';
    for (let id = 1; id <= this.settings.count; id++) {
      const item: ItemsRecord = {
        id,
        name: `Item ${id}`,
        status: id % 5 === 0 ? 'archived' : 'active',
        tags: id % 3 === 0 ? null : ['example'],
        updated_at: new Date(BASE_MS + id * 60_000).toISOString(),
      };
      if (incremental && !this.cursor.isNewer(item)) continue;
      this.cursor.observe(item);
      yield item;
    }
  }
}
