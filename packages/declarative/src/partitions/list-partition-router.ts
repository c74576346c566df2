// The CDK's ListPartitionRouter: one partition per value ({cursor_field: value}); `values` may be a
// template over config (a list, or text whose characters are then the values, as Python iterates
// a string); the value goes into requests when `request_option` is set and the value is truthy.
import type { ListPartitionRouter as ListPartitionRouterModel } from '../components/component-types.js';
import { type ComponentEnvironment, parametersOf } from '../interpolated/evaluation-context.js';
import { InterpolatedString } from '../interpolated/interpolated-string.js';
import { truthy } from '../interpolation/values/compare.js';
import { PyTuple } from '../interpolation/values/containers.js';
import type { PlainDict, PyValue } from '../interpolation/values/object.js';
import { createRequestOption, type InjectInto, type RequestOption, type RequestValues } from '../requests/request-option.js';
import { makeSlice, type StreamSlice, sliceIsTruthy, sliceValue } from '../slices/stream-slice.js';
import type { PartitionRouter } from './partition-router.js';

export class ListPartitionRouter implements PartitionRouter {
  readonly values: readonly PyValue[];
  readonly cursorField: string;
  readonly requestOption: RequestOption | null;

  constructor(model: ListPartitionRouterModel, env: ComponentEnvironment) {
    const parameters = parametersOf(model);
    this.values = iterableValues(
      typeof model.values === 'string' ? new InterpolatedString(model.values, parameters).eval(env) : (model.values as PyValue[]),
    );
    this.cursorField = new InterpolatedString(String(model.cursor_field), parameters).evalString(env);
    this.requestOption = createRequestOption(model.request_option, env);
  }

  async *streamSlices(): AsyncIterable<StreamSlice> {
    for (const value of this.values) yield makeSlice({ [this.cursorField]: value } as PlainDict);
  }

  requestOptions(kind: InjectInto, slice: StreamSlice | null): RequestValues {
    const options: RequestValues = {};
    if (this.requestOption === null || this.requestOption.injectInto !== kind || !sliceIsTruthy(slice)) return options;
    const value = sliceValue(slice, this.cursorField);
    if (truthy(value)) this.requestOption.inject(options, value);
    return options;
  }

  setInitialState(): void {}

  getStreamState(): PlainDict | null {
    return null;
  }
}

/** What `for value in values` iterates over. */
function iterableValues(values: PyValue): PyValue[] {
  if (Array.isArray(values)) return values;
  if (values instanceof PyTuple) return [...values.items];
  if (typeof values === 'string') return [...values];
  throw new TypeError(`ListPartitionRouter values must be a list, got ${JSON.stringify(values)}`);
}
