// A path of manifest segments that may be templates over `config` (DpathExtractor.field_path,
// RecordExpander.expand_records_from_field, DpathFlattenFields.field_path), evaluated once: its
// only input, the config, does not change during a sync.
import type { ComponentEnvironment } from '../interpolated/evaluation-context.js';
import { InterpolatedString } from '../interpolated/interpolated-string.js';
import type { PlainDict, PyValue } from '../interpolation/values/object.js';

export class FieldPath {
  private readonly segments: InterpolatedString[];
  private evaluated: PyValue[] | null = null;

  constructor(
    path: readonly string[],
    parameters: PlainDict,
    private readonly env: ComponentEnvironment,
  ) {
    this.segments = path.map((segment) => new InterpolatedString(String(segment), parameters));
  }

  get length(): number {
    return this.segments.length;
  }

  /** The evaluated segments (a segment may evaluate to a number: `'0'` → 0). */
  values(): PyValue[] {
    this.evaluated ??= this.segments.map((segment) => segment.eval(this.env));
    return this.evaluated;
  }

  /** True when one segment is exactly `*` (the CDK then collects every match with dpath.values). */
  hasWildcard(): boolean {
    return this.values().includes('*');
  }
}
