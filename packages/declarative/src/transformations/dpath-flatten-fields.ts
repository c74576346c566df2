// The CDK's DpathFlattenFields: the object at `field_path` (the first match when the path has a
// `*`) is merged into the record's top level, its keys optionally prefixed/suffixed. Nothing
// happens when one of its keys already exists in the record; `delete_origin_value` removes the
// original; `replace_record` makes the object the whole record.
import type { DpathFlattenFields as DpathFlattenFieldsModel } from '../components/component-types.js';
import { dpathDelete, dpathGet, dpathValues } from '../dpath/dpath.js';
import { FieldPath } from '../extractors/field-path.js';
import { type ComponentEnvironment, parametersOf } from '../interpolated/evaluation-context.js';
import { InterpolatedString } from '../interpolated/interpolated-string.js';
import { replaceContent } from './rename-keys.js';
import type { MutableRecord, RecordTransformation } from './transformation.js';

export class DpathFlattenFields implements RecordTransformation {
  private readonly path: FieldPath;
  private readonly deleteOrigin: boolean;
  private readonly replaceRecord: boolean;
  private readonly prefix: string;
  private readonly suffix: string;

  constructor(model: DpathFlattenFieldsModel, env: ComponentEnvironment) {
    const parameters = parametersOf(model);
    this.path = new FieldPath(model.field_path, parameters, env);
    this.deleteOrigin = model.delete_origin_value === true;
    this.replaceRecord = model.replace_record === true;
    const affix = (text: string | undefined) => (text ? new InterpolatedString(text, parameters).evalString(env) : '');
    this.prefix = affix(model.key_transformation?.prefix);
    this.suffix = affix(model.key_transformation?.suffix);
  }

  transform(record: MutableRecord): void {
    const path = this.path.values();
    const extracted = this.path.hasWildcard() ? (dpathValues(record, path)[0] ?? null) : dpathGet(record, path, []);
    if (typeof extracted !== 'object' || extracted === null || Array.isArray(extracted)) return;
    const renamed = this.renamed(extracted as MutableRecord);
    if (this.replaceRecord && Object.keys(renamed).length > 0) {
      replaceContent(record, renamed);
      return;
    }
    if (Object.keys(renamed).some((key) => Object.hasOwn(record, key))) return;
    if (this.deleteOrigin) dpathDelete(record, path);
    for (const key of Object.keys(renamed))
      Object.defineProperty(record, key, { value: renamed[key], writable: true, enumerable: true, configurable: true });
  }

  private renamed(extracted: MutableRecord): MutableRecord {
    if (this.prefix === '' && this.suffix === '') return { ...extracted };
    const out: MutableRecord = {};
    for (const key of Object.keys(extracted)) out[`${this.prefix}${key}${this.suffix}`] = extracted[key];
    return out;
  }
}
