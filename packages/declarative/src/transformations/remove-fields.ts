// The CDK's RemoveFields: each field pointer is deleted with dpath.delete (globs allowed; a list
// item is set to null unless it is the last). With a condition, dpath's filter rule applies: every
// leaf of the record for which the condition (over `property`) holds is removed, whatever the
// pointer. A pointer that matches nothing is skipped.
import type { RemoveFields as RemoveFieldsModel } from '../components/component-types.js';
import { dpathDelete } from '../dpath/dpath.js';
import type { ComponentEnvironment } from '../interpolated/evaluation-context.js';
import { InterpolatedBoolean } from '../interpolated/interpolated-boolean.js';
import type { PyValue } from '../interpolation/values/object.js';
import type { MutableRecord, RecordTransformation } from './transformation.js';

export class RemoveFields implements RecordTransformation {
  private readonly pointers: readonly (readonly string[])[];
  private readonly filter: ((value: unknown) => boolean) | undefined;
  /** Top-level pointers without a condition only delete the record's own keys. */
  readonly changesOwnKeysOnly: boolean;

  constructor(model: RemoveFieldsModel, env: ComponentEnvironment) {
    this.pointers = model.field_pointers;
    // The CDK builds this component with empty parameters.
    const condition = model.condition ? new InterpolatedBoolean(model.condition, {}) : null;
    this.filter = condition === null ? undefined : (value) => condition.eval(env, { property: value as PyValue });
    this.changesOwnKeysOnly = condition === null && this.pointers.every((pointer) => pointer.length === 1);
  }

  transform(record: MutableRecord): void {
    for (const pointer of this.pointers) dpathDelete(record, pointer, this.filter);
  }
}
