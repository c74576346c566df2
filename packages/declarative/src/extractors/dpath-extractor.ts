// The CDK's DpathExtractor: records at `field_path` of each decoded item. An empty path takes the
// item itself; a path with a `*` segment takes every match; otherwise dpath.get with [] as the
// default. A list gives its elements, any other truthy value is one record, a falsy one none.
import type { DpathExtractor as DpathExtractorModel } from '../components/component-types.js';
import type { DecodedValue } from '../decoders/decoder.js';
import { dpathGet, dpathValues } from '../dpath/dpath.js';
import { type ComponentEnvironment, parametersOf } from '../interpolated/evaluation-context.js';
import { truthy } from '../interpolation/values/compare.js';
import type { PyValue } from '../interpolation/values/object.js';
import { FieldPath } from './field-path.js';
import { RecordExpander } from './record-expander.js';

export class DpathExtractor {
  private readonly path: FieldPath;
  private readonly expander: RecordExpander | null;

  constructor(model: DpathExtractorModel, env: ComponentEnvironment) {
    this.path = new FieldPath(model.field_path ?? [], parametersOf(model), env);
    this.expander = model.record_expander ? new RecordExpander(model.record_expander, env) : null;
  }

  /**
   * The records of the decoded items of one response, in order, as one list: the list the body
   * holds when it is the only one (no copy, no generator step per record: this runs per page).
   */
  extractAll(items: Iterable<DecodedValue>): readonly unknown[] {
    if (this.expander !== null) return [...this.extract(items)];
    let single: unknown[] | null = null;
    let all: unknown[] | null = null;
    for (const item of items) {
      const extracted = this.extractOne(item);
      const records = Array.isArray(extracted) ? extracted : truthy(extracted as PyValue) ? [extracted] : [];
      if (single === null && all === null) single = records;
      else {
        all ??= [...(single as unknown[])];
        single = null;
        for (const record of records) all.push(record);
      }
    }
    return all ?? single ?? [];
  }

  /** The records of the decoded items of one response, in order. */
  *extract(items: Iterable<DecodedValue>): Generator<unknown> {
    for (const item of items) {
      const extracted = this.extractOne(item);
      if (Array.isArray(extracted)) {
        for (const record of extracted) yield* this.expand(record);
      } else if (truthy(extracted as PyValue)) yield* this.expand(extracted);
    }
  }

  private extractOne(item: DecodedValue): unknown {
    if (this.path.length === 0) return item;
    const path = this.path.values();
    return this.path.hasWildcard() ? dpathValues(item, path) : dpathGet(item, path, []);
  }

  private *expand(record: unknown): Generator<unknown> {
    if (this.expander === null) yield record;
    else yield* this.expander.expand(record);
  }
}
