// A parent stream of a SubstreamPartitionRouter, read through the same machinery as any stream:
// its slices, pages and records (transformations included), each record with the partition it
// was read in. With `incremental_dependency` it starts from the state the child's state holds for
// it, and its state moves as its slices complete, so the child can store it (`parent_state`).
import type { DeclarativeStream as DeclarativeStreamModel } from '../components/component-types.js';
import type { Cursor, StreamStateBlob } from '../incremental/cursor.js';
import { InterpolatedString } from '../interpolated/interpolated-string.js';
import type { PlainDict } from '../interpolation/values/object.js';
import type { ParentRecord, ParentStream } from '../partitions/substream-partition-router.js';
import type { Retriever } from '../retrievers/retriever.js';
import { plainOf } from '../slices/stream-slice.js';
import type { ReadEnvironment, StreamSite } from './read-environment.js';

/** What reading a stream takes: its cursor and its retriever. */
export interface ReadParts {
  readonly cursor: Cursor;
  readonly retriever: Retriever;
}

/** Builds the parts of a stream's read (the stream runtime's builder, passed in to keep the modules acyclic). */
export type ReadPartsBuilder = (model: DeclarativeStreamModel, state: StreamStateBlob, site: StreamSite) => Promise<ReadParts>;

export class DeclarativeParentStream implements ParentStream {
  readonly name: string;
  readonly cursorField?: string;
  private current: StreamStateBlob = {};

  constructor(
    private readonly model: DeclarativeStreamModel,
    private readonly site: StreamSite,
    private readonly read: ReadEnvironment,
    private readonly build: ReadPartsBuilder,
  ) {
    this.name = typeof model.name === 'string' ? model.name : '';
    const cursor = model.incremental_sync as { cursor_field?: unknown; $parameters?: PlainDict } | undefined;
    if (cursor?.cursor_field !== undefined) {
      this.cursorField = new InterpolatedString(String(cursor.cursor_field), cursor.$parameters ?? {}).evalString(read.env);
    }
  }

  async *records(): AsyncIterable<ParentRecord> {
    const runtime = await this.build(this.model, structuredClone(this.current), this.site);
    const { cursor, retriever } = runtime;
    const context = { logger: this.read.logger };
    for await (const slice of retriever.readySlices(cursor.streamSlices(), context)) {
      const partition = plainOf(slice.partition);
      for await (const page of retriever.pages(slice, context)) {
        for (const record of page.records) {
          cursor.observe(record, slice);
          yield { data: record, partition };
        }
      }
      this.moveTo(cursor.closePartition(slice));
    }
    this.moveTo(cursor.ensureAtLeastOneStateEmitted());
  }

  state(): PlainDict {
    return this.current;
  }

  setState(state: PlainDict): void {
    this.current = structuredClone(state);
  }

  private moveTo(state: StreamStateBlob | null): void {
    if (state !== null) this.current = structuredClone(state);
  }
}
