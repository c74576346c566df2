// The CDK's RecordSelector: extract → filter → transform (or transform → filter with
// `transform_before_filtering`, the default with client-side incremental sync) → schema
// normalisation. Returns the page's records and how many the extractor gave before filtering
// (what record-counting paginators compare with the page size).
//
// The Python CDK's paginator reads the response parsed anew, untouched by transformations. When
// the paginator reads the records' part of it (`keepResponse`) and every transformation only
// changes a record's own keys, each record is transformed as a shallow copy instead, so the decoded
// response stays as the server sent it and the paginator can read it without parsing the body a
// second time (`leavesResponseIntact`). When it does not, records are transformed in place.
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
  /** The decoded response must stay as the server sent it (the paginator reads the records' part of it). */
  readonly keepResponse?: boolean;
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
  /** True when selecting leaves the decoded response as it was (nothing to transform, or copies transformed). */
  readonly leavesResponseIntact: boolean;
  private readonly transformsCopies: boolean;

  constructor(private readonly parts: RecordSelectorParts) {
    const ownKeysOnly = parts.transformations.every((transformation) => transformation.changesOwnKeysOnly === true);
    this.leavesResponseIntact = parts.normalizer === null && ownKeysOnly;
    this.transformsCopies = parts.keepResponse === true && this.leavesResponseIntact && parts.transformations.length > 0;
  }

  /** The records of one page. */
  select(items: Iterable<DecodedValue>, context: FilterContext): SelectedPage {
    const extracted = this.parts.extractor.extractAll(items);
    const records: MutableRecord[] = [];
    for (let i = 0; i < extracted.length; i++) {
      const record = this.kept(asRecord(extracted[i]), context);
      if (record !== null) records.push(record);
    }
    return { records, extractedCount: extracted.length };
  }

  /**
   * The CDK's `filter_and_transform`: records already extracted (an AsyncRetriever's downloads)
   * filtered, transformed and normalised, without the extractor.
   */
  filterAndTransform(extracted: Iterable<unknown>, context: FilterContext): MutableRecord[] {
    const records: MutableRecord[] = [];
    for (const value of extracted) {
      const record = this.kept(asRecord(value), context);
      if (record !== null) records.push(record);
    }
    return records;
  }

  /** One record through the filter and the transformations (in the configured order) and normalisation; null when filtered out. */
  private kept(extracted: MutableRecord, context: FilterContext): MutableRecord | null {
    const { filter, transformations, transformBeforeFiltering, normalizer } = this.parts;
    let record = extracted;
    if (transformBeforeFiltering) record = this.transform(record, transformations, context.slice);
    if (filter !== null && !filter.keep(record, context)) return null;
    if (!transformBeforeFiltering) record = this.transform(record, transformations, context.slice);
    normalizer?.transform(record);
    return record;
  }

  /** The record transformed: itself, or its transformed copy when the response must stay intact. */
  private transform(record: MutableRecord, transformations: readonly RecordTransformation[], slice: StreamSlice | null): MutableRecord {
    const target = this.transformsCopies ? shallowCopy(record) : record;
    for (const transformation of transformations) transformation.transform(target, slice);
    return target;
  }
}

/** The record's own keys in a new object (Object.assign: several times cheaper than a spread, or than parsing the body again). */
function shallowCopy(record: MutableRecord): MutableRecord {
  if (!Object.hasOwn(record, '__proto__')) return Object.assign({}, record);
  // Object.assign would call the __proto__ setter instead of copying a key of that name.
  const copy: MutableRecord = {};
  for (const key of Object.keys(record))
    Object.defineProperty(copy, key, { value: record[key], writable: true, enumerable: true, configurable: true });
  return copy;
}

function asRecord(value: unknown): MutableRecord {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as MutableRecord;
  throw new ConnectorError("The API response has a record that is not a JSON object; check the record selector's field_path", {
    internalMessage: `extracted record: ${JSON.stringify(value)?.slice(0, 200)}`,
  });
}
