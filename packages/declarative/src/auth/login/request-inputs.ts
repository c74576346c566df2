// A requester's request options as the CDK's InterpolatedRequestOptionsProvider evaluates them:
// query parameters, headers and a form body from a mapping (or a template giving one), a JSON body
// from a nested mapping (or a template), the newer `request_body` resolved to one of those. Keys
// whose value is None are left out.
import { ConnectorError } from '@tributary/cdk';
import type { HttpRequester as HttpRequesterModel } from '../../components/component-types.js';
import { type ComponentEnvironment, parametersOf, type TemplateValues } from '../../interpolated/evaluation-context.js';
import { InterpolatedString } from '../../interpolated/interpolated-string.js';
import type { PyTypeName } from '../../interpolation/compiled-template.js';
import { isMapping, mappingEntries } from '../../interpolation/values/dict.js';
import type { PlainDict, PyValue } from '../../interpolation/values/object.js';
import { pyStr } from '../../interpolation/values/repr.js';
import { InterpolatedMapping, InterpolatedNestedMapping } from '../interpolated-mapping.js';

type Input = Record<string, unknown> | string | undefined;
const REQUEST_TYPES: readonly PyTypeName[] = ['str', 'list'];

/** One kind of request input: a mapping of templates, or one template (whose default is ""). */
class RequestInput {
  private readonly mapping: InterpolatedMapping | null;
  private readonly text: InterpolatedString | null;

  constructor(
    input: Input,
    parameters: PlainDict,
    private readonly valueTypes?: readonly PyTypeName[],
  ) {
    this.mapping = typeof input === 'string' ? null : new InterpolatedMapping(input ?? {}, parameters);
    this.text = typeof input === 'string' ? new InterpolatedString(input, parameters, '') : null;
  }

  eval(env: ComponentEnvironment, values: TemplateValues): PyValue {
    if (this.text !== null) return this.text.eval(env, values);
    const evaluated = (this.mapping as InterpolatedMapping).eval(env, values, { valueTypes: this.valueTypes });
    return withoutNone(evaluated);
  }
}

function withoutNone(mapping: Record<string, PyValue>): PlainDict {
  const out: PlainDict = {};
  for (const [key, value] of Object.entries(mapping)) if (value !== null) out[key] = value;
  return out;
}

/** What `request_body` stands for. */
function resolvedBody(model: HttpRequesterModel): { data: Input; json: unknown } {
  const body = model.request_body as { type?: string; value?: unknown } | undefined;
  if (body?.type === undefined) return { data: model.request_body_data, json: model.request_body_json };
  if (body.type === 'RequestBodyUrlEncodedForm') return { data: body.value as Input, json: undefined };
  if (body.type === 'RequestBodyGraphQL') return { data: undefined, json: withoutUndefined(body.value) };
  if (body.type === 'RequestBodyJsonObject' || body.type === 'RequestBodyPlainText') return { data: undefined, json: body.value };
  throw new ConnectorError(`Unsupported request body type: ${body.type}`);
}

function withoutUndefined(value: unknown): unknown {
  return isMapping(value as PyValue) ? Object.fromEntries(Object.entries(value as object).filter(([, item]) => item != null)) : value;
}

export class RequestInputs {
  private readonly params: RequestInput;
  private readonly headers: RequestInput;
  private readonly data: RequestInput;
  private readonly json: InterpolatedNestedMapping | InterpolatedString;

  constructor(model: HttpRequesterModel) {
    const parameters = parametersOf(model);
    const body = resolvedBody(model);
    const hasJson = body.json !== undefined && !(isMapping(body.json as PyValue) && Object.keys(body.json as object).length === 0);
    const hasData = body.data !== undefined && body.data !== '' && !(typeof body.data === 'object' && Object.keys(body.data).length === 0);
    if (hasJson && hasData) {
      throw new ConnectorError("RequestOptionsProvider should only contain either 'request_body_data' or 'request_body_json' not both");
    }
    this.params = new RequestInput(model.request_parameters, parameters, REQUEST_TYPES);
    this.headers = new RequestInput(model.request_headers, parameters);
    this.data = new RequestInput(body.data, parameters, REQUEST_TYPES);
    this.json =
      typeof body.json === 'string'
        ? new InterpolatedString(body.json, parameters, '')
        : new InterpolatedNestedMapping((body.json ?? {}) as Record<string, unknown>, parameters);
  }

  requestParams(env: ComponentEnvironment, values: TemplateValues): PlainDict {
    return plainMapping(this.params.eval(env, values)) ?? {};
  }

  requestHeaders(env: ComponentEnvironment, values: TemplateValues): PyValue {
    return this.headers.eval(env, values);
  }

  bodyData(env: ComponentEnvironment, values: TemplateValues): PyValue {
    return this.data.eval(env, values);
  }

  bodyJson(env: ComponentEnvironment, values: TemplateValues): PyValue {
    return this.json.eval(env, values);
  }
}

/** A mapping value (a plain object, or a dict a template gave) as a plain object; undefined for anything else. */
export function plainMapping(value: PyValue): PlainDict | undefined {
  if (!isMapping(value)) return undefined;
  const out: PlainDict = {};
  for (const [key, item] of mappingEntries(value)) {
    Object.defineProperty(out, typeof key === 'string' ? key : pyStr(key), {
      value: item,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }
  return out;
}
