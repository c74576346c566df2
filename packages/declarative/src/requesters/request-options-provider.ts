// The CDK's InterpolatedRequestOptionsProvider: a requester's own request parameters, headers and
// body (`request_body_json`, `request_body_data`, or the typed `request_body`), evaluated per
// request. Parameters and form fields may be strings or lists after `literal_eval` (anything else
// stays text); headers and JSON bodies take any value.
import { ConnectorError } from '@tributary/cdk';
import type { HttpRequester as HttpRequesterModel } from '../components/component-types.js';
import { type ComponentEnvironment, parametersOf } from '../interpolated/evaluation-context.js';
import type { PlainDict, PyValue } from '../interpolation/values/object.js';
import { NestedRequestInput, type RequestContext, RequestInput } from './request-inputs.js';

const REQUEST_VALUE_TYPES = ['str', 'list'] as const;

type BodyModel = { type?: string; value?: unknown } | undefined;

/** The parts of a request a component contributes (each a mapping, or a string for a raw body). */
export interface RequestOptions {
  params(request: RequestContext): PyValue;
  headers(request: RequestContext): PyValue;
  bodyData(request: RequestContext): PyValue;
  bodyJson(request: RequestContext): PyValue;
}

export class InterpolatedRequestOptions implements RequestOptions {
  private readonly parameterInput: RequestInput;
  private readonly headerInput: RequestInput;
  private readonly dataInput: RequestInput;
  private readonly jsonInput: NestedRequestInput;

  constructor(model: HttpRequesterModel, env: ComponentEnvironment) {
    const parameters = parametersOf(model);
    const body = resolveBody(model);
    this.parameterInput = new RequestInput(model.request_parameters, parameters, env);
    this.headerInput = new RequestInput(model.request_headers, parameters, env);
    this.dataInput = new RequestInput(body.data, parameters, env);
    this.jsonInput = new NestedRequestInput(body.json, parameters, env);
    if (!this.dataInput.isEmpty && !this.jsonInput.isEmpty) {
      throw ConnectorError.config("RequestOptionsProvider should only contain either 'request_body_data' or 'request_body_json' not both");
    }
  }

  params(request: RequestContext): PyValue {
    const value = this.parameterInput.eval(request, { keys: ['str'], values: REQUEST_VALUE_TYPES });
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
  }

  headers(request: RequestContext): PyValue {
    return this.headerInput.eval(request);
  }

  bodyData(request: RequestContext): PyValue {
    return this.dataInput.eval(request, { keys: ['str'], values: REQUEST_VALUE_TYPES });
  }

  bodyJson(request: RequestContext): PyValue {
    return this.jsonInput.eval(request);
  }
}

/** `request_body` (the newer form) read as the body it stands for; else the older fields. */
function resolveBody(model: HttpRequesterModel): { data: unknown; json: unknown } {
  const body = (model as { request_body?: BodyModel }).request_body;
  if (body === undefined || body === null || body.type === undefined) {
    return { data: model.request_body_data, json: model.request_body_json };
  }
  switch (body.type) {
    case 'RequestBodyUrlEncodedForm':
    case 'RequestBodyPlainText':
      return { data: body.value, json: undefined };
    case 'RequestBodyJsonObject':
      return { data: undefined, json: body.value };
    case 'RequestBodyGraphQL':
      return { data: undefined, json: withoutNullMembers(body.value) };
    default:
      throw ConnectorError.config(`Unsupported request body type: ${body.type}`);
  }
}

/** A GraphQL body as pydantic's `dict(exclude_none=True)` gives it. */
function withoutNullMembers(value: unknown): PlainDict {
  const out: PlainDict = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const [key, member] of Object.entries(value)) if (member !== null && member !== undefined) out[key] = member as PyValue;
  return out;
}
