// The CDK's AddFields: each field's value template is evaluated (with `record` and `stream_slice`
// and its aliases; `value_type` makes literal_eval keep only that Python type, else the text), then,
// when the transformation has a condition, the condition is evaluated with that `value` and `path`;
// the value is set at the path with dpath.new (paths are literal: the CDK does not interpolate them).
import { ConnectorError } from '@tributary/cdk';
import type { AddFields as AddFieldsModel, ValueType } from '../components/component-types.js';
import { dpathSetter } from '../dpath/dpath-new.js';
import { type ComponentEnvironment, parametersOf } from '../interpolated/evaluation-context.js';
import { InterpolatedBoolean } from '../interpolated/interpolated-boolean.js';
import { InterpolatedString } from '../interpolated/interpolated-string.js';
import type { PyTypeName } from '../interpolation/compiled-template.js';
import { toJsonValue } from '../interpolation/json-values.js';
import type { PlainDict, PyValue } from '../interpolation/values/object.js';
import type { StreamSlice } from '../slices/stream-slice.js';
import type { MutableRecord, RecordTransformation } from './transformation.js';

const PYTHON_TYPES: Readonly<Record<ValueType, PyTypeName>> = { string: 'str', number: 'float', integer: 'int', boolean: 'bool' };

interface ParsedField {
  readonly path: readonly string[];
  /** dpath.new at the path, its keys worked out once. */
  readonly set: (record: MutableRecord, value: unknown) => void;
  readonly pathValue: PyValue;
  readonly value: InterpolatedString;
  /** The value's template context, made once: each record's values are set in it. */
  readonly context: PlainDict;
  readonly validTypes: readonly PyTypeName[] | undefined;
}

export class AddFields implements RecordTransformation {
  private readonly fields: ParsedField[];
  private readonly condition: InterpolatedBoolean | null;
  /** Fields at top-level paths only set the record's own keys. */
  readonly changesOwnKeysOnly: boolean;

  constructor(
    model: AddFieldsModel,
    private readonly env: ComponentEnvironment,
  ) {
    const parameters = parametersOf(model);
    this.condition = model.condition ? new InterpolatedBoolean(model.condition, parameters) : null;
    this.fields = model.fields.map((field) => {
      if (!Array.isArray(field.path) || field.path.length < 1) {
        throw ConnectorError.config(`Expected a non-zero-length path for the AddFields transformation ${JSON.stringify(field)}`);
      }
      const fieldParameters = { ...parameters, ...parametersOf(field) };
      const value = new InterpolatedString(String(field.value), fieldParameters);
      return {
        path: field.path,
        set: dpathSetter(field.path),
        pathValue: [...field.path],
        value,
        context: value.contextFor(env, { record: null, stream_slice: null }),
        validTypes: field.value_type ? [PYTHON_TYPES[field.value_type]] : undefined,
      };
    });
    this.changesOwnKeysOnly = this.fields.every((field) => field.path.length === 1);
  }

  transform(record: MutableRecord, slice: StreamSlice | null): void {
    for (const field of this.fields) {
      const context = field.context;
      context.record = record as PyValue;
      context.stream_slice = slice;
      const value = field.value.evalIn(this.env, context, field.validTypes);
      context.record = null; // the context keeps no record between calls
      if (
        this.condition !== null &&
        !this.condition.eval(this.env, { record: record as PyValue, stream_slice: slice, value, path: field.pathValue })
      )
        continue;
      field.set(record, toRecordValue(value));
    }
  }
}

/** A template value as JSON data for the record (strings and numbers as they are). */
function toRecordValue(value: PyValue): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  return toJsonValue(value);
}
