// The CDK's StreamSlice (airbyte_cdk.sources.types.StreamSlice): a Mapping over the partition and
// the cursor slice merged, with `partition`, `cursor_slice` and `extra_fields` attributes.
import { valueError } from '../errors.js';
import { pyEquals } from './compare.js';
import { dictRepr, isDict, mappingEntries, mappingGet, mappingKeys, mappingSize, PyMapping } from './dict.js';
import { MISSING, type Missing, type NotImplemented, type PlainDict, type PyValue, type ReprFn } from './object.js';

type Mapping = PlainDict | PyMapping;

export class StreamSlice extends PyMapping {
  private readonly merged: Map<PyValue, PyValue>;
  readonly extraFields: Mapping;

  constructor(
    readonly partition: Mapping,
    readonly cursorSlice: Mapping,
    extraFields: Mapping | null = null,
  ) {
    super();
    this.extraFields = extraFields ?? {};
    const partitionKeys = new Set(mappingKeys(partition));
    if (mappingKeys(cursorSlice).some((key) => partitionKeys.has(key))) {
      throw valueError('Keys for partition and incremental sync cursor should not overlap');
    }
    this.merged = new Map([...mappingEntries(partition), ...mappingEntries(cursorSlice)]);
  }

  get pyType(): string {
    return 'StreamSlice';
  }
  override get pyQualType(): string {
    return 'airbyte_cdk.sources.types.StreamSlice';
  }
  get(key: PyValue): PyValue | Missing {
    if (typeof key === 'string') {
      const value = this.merged.get(key);
      if (value !== undefined || this.merged.has(key)) return value as PyValue;
      return MISSING;
    }
    return mappingGet(this.partition, key) !== MISSING ? mappingGet(this.partition, key) : mappingGet(this.cursorSlice, key);
  }
  keys(): PyValue[] {
    return [...this.merged.keys()];
  }
  get size(): number {
    return this.merged.size;
  }
  repr(recur: ReprFn): string {
    return dictRepr([...this.merged.entries()], recur);
  }
  /**
   * What `JSON.stringify` writes: the parts as the corpus's JSON contexts write a StreamSlice
   * (`partition`, `cursor_slice`, and `extra_fields` when there are any), for tools that show
   * slices (Studio) and hand them back to `contextFromJson`.
   */
  toJSON(): Record<string, unknown> {
    const parts: Record<string, unknown> = { partition: plainMapping(this.partition), cursor_slice: plainMapping(this.cursorSlice) };
    if (mappingSize(this.extraFields) > 0) parts.extra_fields = plainMapping(this.extraFields);
    return parts;
  }
  override equals(other: PyValue): boolean | NotImplemented {
    if (other instanceof StreamSlice) {
      return sameEntries(this.partition, other.partition) && sameEntries(this.cursorSlice, other.cursorSlice);
    }
    if (isDict(other)) return sameEntries(this, other);
    return false;
  }
}

function plainMapping(mapping: Mapping): Record<string, unknown> {
  return Object.fromEntries(mappingEntries(mapping).map(([key, value]) => [String(key), value]));
}

function sameEntries(a: Mapping, b: Mapping): boolean {
  const ea = mappingEntries(a);
  if (ea.length !== mappingSize(b)) return false;
  return ea.every(([key, value]) => {
    const other = mappingGet(b, key);
    return other !== MISSING && pyEquals(value, other);
  });
}
