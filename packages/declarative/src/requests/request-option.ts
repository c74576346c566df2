// The CDK's RequestOption: where a value goes in a request (query parameter, header, form body or
// JSON body) and under which name (`field_name`, a template over config) or nested path
// (`field_path`, JSON body only).
import { ConnectorError } from '@tributary/cdk';
import type { RequestOption as RequestOptionModel } from '../components/component-types.js';
import type { ComponentEnvironment } from '../interpolated/evaluation-context.js';
import { InterpolatedString } from '../interpolated/interpolated-string.js';
import type { PlainDict, PyValue } from '../interpolation/values/object.js';

/**
 * Where a value goes in a request: a query parameter, a header, a JSON body field or a form field.
 */
export type InjectInto = RequestOptionModel['inject_into'];
export const INJECT_KINDS: readonly InjectInto[] = ['request_parameter', 'header', 'body_data', 'body_json'];

/** Values for one part of a request (query, headers, form or JSON body). */
export type RequestValues = Record<string, unknown>;

/**
 * The Python CDK's `RequestOption`: a named place in a request, with the field name interpolated.
 */
export class RequestOption {
  readonly injectInto: InjectInto;
  private readonly fieldName: InterpolatedString | null;
  private readonly fieldPath: InterpolatedString[] | null;

  constructor(
    model: RequestOptionModel,
    parameters: PlainDict,
    private readonly env: ComponentEnvironment,
  ) {
    this.injectInto = model.inject_into;
    if (model.field_name === undefined && model.field_path === undefined)
      throw ConnectorError.config('RequestOption requires either a field_name or field_path');
    if (model.field_name !== undefined && model.field_path !== undefined) {
      throw ConnectorError.config('Only one of field_name or field_path can be provided to RequestOption');
    }
    if (model.field_path !== undefined && model.inject_into !== 'body_json') {
      throw ConnectorError.config(
        'Nested field injection is only supported for body JSON injection. Please use a top-level field_name for other injection types.',
      );
    }
    this.fieldName = model.field_name === undefined ? null : new InterpolatedString(String(model.field_name), parameters);
    this.fieldPath = model.field_path?.map((segment) => new InterpolatedString(String(segment), parameters)) ?? null;
  }

  /** The CDK's inject_into_request: sets the value at this option's name or path in `target`. */
  inject(target: RequestValues, value: unknown): void {
    if (this.fieldPath === null) {
      define(target, this.fieldName!.evalString(this.env), value);
      return;
    }
    const keys = this.fieldPath.map((segment) => segment.evalString(this.env));
    let current = target;
    for (const key of keys.slice(0, -1)) {
      if (!Object.hasOwn(current, key)) define(current, key, {});
      current = current[key] as RequestValues;
    }
    define(current, keys[keys.length - 1], value);
  }
}

function define(target: RequestValues, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** The request option a manifest describes, compiled once. */
export function createRequestOption(
  model: RequestOptionModel | undefined,
  env: ComponentEnvironment,
  parameters: PlainDict = {},
): RequestOption | null {
  return model === undefined ? null : new RequestOption(model, parameters, env);
}

/** A value a component puts in a request, as the template gave it (`PyValue`s become text later). */
export type OptionValue = PyValue;
