// The CDK's RecordSelector: extract → filter → transform (or transform → filter with
// `transform_before_filtering`, the default with client-side incremental sync) → schema
// normalisation. Returns the page's records and how many the extractor gave before filtering
// (what record-counting paginators compare with the page size).
import { ConnectorError } from '@tributary/cdk';
import type { DecodedValue } from '../decoders/decoder.js';
import type { StreamSlice } from '../slices/stream-slice.js';
import type { MutableRecord, RecordTransformation } from '../transformations/transformation.js';
import type { DpathExtractor } from './dpath-extractor.js';
import type { FilterContext, RecordFilter } from './record-filter.js';
import type { TypeTransformer } from './type-transformer.js';

export interface RecordSelectorParts {
  readonly extractor: DpathExtractor;
  readonly filter: RecordFilter | null;
  readonly transformations: readonly RecordTransformation[];
  readonly transformBeforeFiltering: boolean;
  /** Null for `schema_normalization: None` (the default). */
  readonly normalizer: TypeTransformer | null;
}

/**
 * The records of one page, and how many values were extracted before filtering (what paginators
 * count).
 */
export interface SelectedPage {
  readonly records: MutableRecord[];
  /** Records the extractor gave before any was filtered out. */
  readonly extractedCount: number;
}

/**
 * The Python CDK's `RecordSelector`: a page's values to records, through extraction, filters and
 * transformations.
 */
export class RecordSelector {
  constructor(private readonly parts: RecordSelectorParts) {}

  /** The records of one page. */
  select(items: Iterable<DecodedValue>, context: FilterContext): SelectedPage {
    const { extractor, filter, transformations, transformBeforeFiltering, normalizer } = this.parts;
    const records: MutableRecord[] = [];
    let extractedCount = 0;
    for (const extracted of extractor.extract(items)) {
      extractedCount++;
      const record = asRecord(extracted);
      if (transformBeforeFiltering) this.transform(record, transformations, context.slice);
      if (filter !== null && !filter.keep(record, context)) continue;
      if (!transformBeforeFiltering) this.transform(record, transformations, context.slice);
      normalizer?.transform(record);
      records.push(record);
    }
    return { records, extractedCount };
  }

  private transform(record: MutableRecord, transformations: readonly RecordTransformation[], slice: StreamSlice | null): void {
    for (const transformation of transformations) transformation.transform(record, slice);
  }
}

function asRecord(value: unknown): MutableRecord {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as MutableRecord;
  throw new ConnectorError("The API response has a record that is not a JSON object; check the record selector's field_path", {
    internalMessage: `extracted record: ${JSON.stringify(value)?.slice(0, 200)}`,
  });
}
