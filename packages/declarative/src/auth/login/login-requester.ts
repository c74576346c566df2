// The requester a SessionTokenAuthenticator logs in with (its `login_requester`, an HttpRequester
// component): the request built as the CDK's HttpRequester builds it (URL, query, headers, form or
// JSON body, each merged with its own authenticator's), sent through the CDK's HttpClient with
// that authenticator, retries and errors decided by its error handler.
import { type AuthContext, HttpClient as Client, ConnectorError, type HttpClient, type HttpRequest } from '@tributary/cdk';
import type { HttpRequester as HttpRequesterModel } from '../../components/component-types.js';
import { type HeaderLookup, headerLookup } from '../../decoders/decoder.js';
import { createErrorHandler } from '../../errors/create-error-handler.js';
import { type ComponentEnvironment, parametersOf, type TemplateValues } from '../../interpolated/evaluation-context.js';
import { InterpolatedString } from '../../interpolated/interpolated-string.js';
import { jsonDumps } from '../../interpolation/builtins/json-dumps.js';
import type { PlainDict, PyValue } from '../../interpolation/values/object.js';
import { pyStr } from '../../interpolation/values/repr.js';
import { combineMappings } from '../../requests/combine-mappings.js';
import type { DeclarativeAuthenticator } from '../declarative-authenticator.js';
import { formEncode, formPairs, withQuery } from '../form-encoding.js';
import { DeclarativeErrorRules } from './declarative-error-rules.js';
import { plainMapping, RequestInputs } from './request-inputs.js';
import { dedupeQueryParams, requestUrl } from './request-url.js';

/** What a login gives back. */
export interface LoginResponse {
  readonly body: Uint8Array;
  readonly headers: HeaderLookup;
}

export interface LoginRequester {
  /** Sends the login request; undefined when its error handler said to ignore the answer. */
  send(context?: AuthContext): Promise<LoginResponse | undefined>;
}

/** A login request has no slice and no page token. */
const LOGIN_VALUES: TemplateValues = { stream_slice: null, next_page_token: null };

export class HttpLoginRequester implements LoginRequester {
  private readonly url: InterpolatedString;
  private readonly urlBase: InterpolatedString;
  private readonly path: InterpolatedString;
  private readonly inputs: RequestInputs;
  private readonly errors: DeclarativeErrorRules;
  private readonly client: HttpClient;

  constructor(
    private readonly model: HttpRequesterModel,
    private readonly env: ComponentEnvironment,
    private readonly authenticator: DeclarativeAuthenticator,
    client?: HttpClient,
  ) {
    const parameters = parametersOf(model);
    this.url = new InterpolatedString(model.url ?? '', parameters);
    this.urlBase = new InterpolatedString(model.url_base ?? '', parameters);
    this.path = new InterpolatedString(model.path ?? '', parameters);
    this.inputs = new RequestInputs(model);
    const handler = createErrorHandler(model.error_handler as { type: string } | undefined, env);
    this.errors = new DeclarativeErrorRules(handler);
    this.client = client ?? new Client({ retry: { maxRetries: handler.maxRetries, maxTimeMs: handler.maxTime * 1000 } });
  }

  async send(context: AuthContext = {}): Promise<LoginResponse | undefined> {
    const request = await this.request(context);
    let response: Awaited<ReturnType<HttpClient['send']>>;
    try {
      response = await this.client.send(request, {
        authenticator: this.authenticator,
        errorRules: this.errors.rules,
        format: 'text',
        signal: context.signal,
        logger: context.logger,
      });
    } catch (error) {
      throw await this.errors.failure(error);
    }
    if (this.errors.wasIgnored(response)) return undefined;
    return { body: new TextEncoder().encode(await response.text()), headers: headerLookup(response.headers) };
  }

  /** The request, built as the CDK's HttpRequester builds it. */
  async request(context: AuthContext = {}): Promise<HttpRequest> {
    const { env, inputs, authenticator } = this;
    const url = requestUrl(
      this.url.evalString(env, LOGIN_VALUES),
      this.urlBase.evalString(env, LOGIN_VALUES),
      this.path.evalString(env, LOGIN_VALUES),
    );
    const requesterHeaders = inputs.requestHeaders(env, LOGIN_VALUES);
    if (typeof requesterHeaders === 'string') throw new ConnectorError('Request headers cannot be a string');
    const headers = combineMappings([plainMapping(requesterHeaders) ?? {}, await authenticator.authHeaders(context)]) as PlainDict;
    const params = combineMappings([
      inputs.requestParams(env, LOGIN_VALUES),
      await authenticator.requestOptions('request_parameter', context),
    ]);
    const json = combineMappings(
      [jsonBody(inputs.bodyJson(env, LOGIN_VALUES)), await authenticator.requestOptions('body_json', context)],
      true,
    );
    const data = combineMappings([formBody(inputs.bodyData(env, LOGIN_VALUES)), await authenticator.requestOptions('body_data', context)]);
    const outgoing: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) outgoing[name] = textOf(value);
    const request: HttpRequest = {
      method: this.model.http_method ?? 'GET',
      url: withQuery(url, formPairs(checkedParams(dedupeQueryParams(url, params as PlainDict)))),
      headers: outgoing,
    };
    return withBody(request, json as PlainDict, data as PlainDict | string);
  }
}

function textOf(value: PyValue): string {
  return typeof value === 'string' ? value : pyStr(value);
}

function jsonBody(value: PyValue): PlainDict | null {
  if (typeof value === 'string') throw new ConnectorError('Request body json cannot be a string');
  return plainMapping(value) ?? null;
}

function formBody(value: PyValue): PlainDict | string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  return plainMapping(value) ?? null;
}

function checkedParams(params: PlainDict): PlainDict {
  for (const [key, value] of Object.entries(params)) {
    if (plainMapping(value) !== undefined) {
      throw new ConnectorError(`Invalid value for \`${key}\` parameter. The values of request params cannot be an object.`);
    }
  }
  return params;
}

/** `requests`' `json=` (json.dumps, `application/json`) or `data=` (a form, or a string as it is). */
function withBody(request: HttpRequest, json: PlainDict, data: PlainDict | string): HttpRequest {
  const headers = request.headers as Record<string, string>;
  const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  const hasData = typeof data === 'string' ? data !== '' : Object.keys(data).length > 0;
  if (Object.keys(json).length > 0 && hasData) {
    throw new ConnectorError("At the same time only one of the 'request_body_data' and 'request_body_json' functions can return data");
  }
  if (Object.keys(json).length > 0) {
    if (!hasType) headers['Content-Type'] = 'application/json';
    return { ...request, body: jsonDumps(json) };
  }
  if (typeof data === 'string') return hasData ? { ...request, body: data } : request;
  if (!hasData) return request;
  if (!hasType) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  return { ...request, body: formEncode(formPairs(data)) };
}
