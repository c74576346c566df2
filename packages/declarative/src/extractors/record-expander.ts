// RecordExpander: each extracted record becomes the items of the list(s) at a path inside it
// (dpath.values, so `*` segments match several lists); object items are copied (with the parent
// under `original_record` when asked), other items are emitted as they are (or wrapped as
// {"value": item, "original_record": parent}). When nothing is expanded, `on_no_records:
// emit_parent` emits the parent record, `skip` (the default) nothing.
import type { RecordExpander as RecordExpanderModel } from '../components/component-types.js';
import { dpathValues } from '../dpath/dpath.js';
import { type ComponentEnvironment, parametersOf } from '../interpolated/evaluation-context.js';
import { FieldPath } from './field-path.js';

export class RecordExpander {
  private readonly path: FieldPath;
  private readonly keepOriginal: boolean;
  private readonly emitParent: boolean;

  constructor(model: RecordExpanderModel, env: ComponentEnvironment) {
    this.path = new FieldPath(model.expand_records_from_field, parametersOf(model), env);
    this.keepOriginal = model.remain_original_record === true;
    this.emitParent = model.on_no_records === 'emit_parent';
  }

  *expand(record: unknown): Generator<unknown> {
    if (typeof record !== 'object' || record === null || Array.isArray(record) || this.path.length === 0) {
      yield record;
      return;
    }
    let expanded = false;
    for (const found of dpathValues(record, this.path.values())) {
      if (!Array.isArray(found)) continue;
      for (const item of found) {
        expanded = true;
        yield this.child(record as Record<string, unknown>, item);
      }
    }
    if (!expanded && this.emitParent) yield record;
  }

  private child(parent: Record<string, unknown>, item: unknown): unknown {
    if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
      const copy: Record<string, unknown> = { ...(item as Record<string, unknown>) };
      if (this.keepOriginal) copy.original_record = structuredClone(parent);
      return copy;
    }
    return this.keepOriginal ? { value: item, original_record: structuredClone(parent) } : item;
  }
}
