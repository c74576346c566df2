// The CDK's HttpRequester: one request per page, its URL (`url_base` + `path`, or `url`), query,
// headers and body built from the requester's own options, its authenticator's and those the
// retriever adds (paginator, partition router, cursor), all evaluated with the page's
// `stream_slice` and `next_page_token`; then sent through the CDK's HttpClient (timeouts,
// bounded bodies, credential scope, retries) with the requester's error handler deciding.
import { type HttpClient, HttpError, type HttpRequest, type HttpResponse, type Logger, type SendOptions } from '@tributary/cdk';
import type { AuthOptionTarget, DeclarativeAuthenticator } from '../auth/declarative-authenticator.js';
import type { HttpApiBudget } from '../budget/http-api-budget.js';
import type { HttpRequester as HttpRequesterModel } from '../components/component-types.js';
import { type ComponentEnvironment, parametersOf, type TemplateValues } from '../interpolated/evaluation-context.js';
import { InterpolatedString } from '../interpolated/interpolated-string.js';
import { mappingEntries } from '../interpolation/values/dict.js';
import type { PlainDict, PyValue } from '../interpolation/values/object.js';
import { combineMappings } from '../requests/combine-mappings.js';
import type { InjectInto, RequestValues } from '../requests/request-option.js';
import type { StreamSlice } from '../slices/stream-slice.js';
import { type ErrorPolicy, PaginationResetRequired } from './error-policy.js';
import { InterpolatedRequestOptions } from './request-options-provider.js';
import type { ResponseCache } from './response-cache.js';
import { joinUrl } from './url.js';
import { type MergedOptions, wireRequest } from './wire-request.js';

/** What the retriever adds to a page's request, per part (already merged from its components). */
export type ExtraOptions = (kind: InjectInto) => RequestValues | string;

export interface PageRequest {
  readonly slice: StreamSlice | null;
  readonly nextPageToken: PlainDict | null;
  /** The paginator's path for this page (RequestPath), replacing the requester's own. */
  readonly path: string | null;
  readonly extra: ExtraOptions;
}

export interface RequesterParts {
  readonly model: HttpRequesterModel;
  readonly env: ComponentEnvironment;
  readonly authenticator: DeclarativeAuthenticator;
  readonly errors: ErrorPolicy;
  readonly client: HttpClient;
  /** The shared cache of parent responses, when this requester's stream is read as (or like) a parent. */
  readonly cache: ResponseCache | null;
  readonly budget?: HttpApiBudget;
}

/** Where a send() runs: its abort signal, its logger, and how its stream tells the platform it waits on a rate limit. */
export interface SendContext {
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
  readonly reportRateLimited?: (event: { quotaResetAt?: number }) => void;
}

const AUTH_TARGETS: Partial<Record<InjectInto, AuthOptionTarget>> = {
  request_parameter: 'request_parameter',
  body_data: 'body_data',
  body_json: 'body_json',
};

export class HttpRequester {
  private readonly url: InterpolatedString;
  private readonly urlBase: InterpolatedString;
  private readonly path: InterpolatedString;
  private readonly options: InterpolatedRequestOptions;
  readonly method: string;

  constructor(private readonly parts: RequesterParts) {
    const { model, env } = parts;
    const parameters = parametersOf(model);
    this.url = new InterpolatedString(model.url ?? '', parameters);
    this.urlBase = new InterpolatedString(model.url_base ?? '', parameters);
    this.path = new InterpolatedString(model.path ?? '', parameters);
    this.options = new InterpolatedRequestOptions(model, env);
    this.method = String(model.http_method ?? 'GET').toUpperCase();
  }

  /** `url` (else `url_base`) for this page: what the paginator strips from a RequestPath token. */
  baseUrl(page: Pick<PageRequest, 'slice' | 'nextPageToken'>): string {
    const values = urlValues(page);
    const { model, env } = this.parts;
    return model.url ? this.url.evalString(env, values) : this.urlBase.evalString(env, values);
  }

  /** The request of one page, as it goes to the client (before authentication headers are applied). */
  async prepare(page: PageRequest, context: SendContext = {}): Promise<HttpRequest> {
    return wireRequest(this.method, this.fullUrl(page), await this.merged(page, context));
  }

  /** Sends one page's request; a RESET_PAGINATION answer is thrown as PaginationResetRequired. */
  async send(page: PageRequest, context: SendContext = {}): Promise<HttpResponse> {
    const request = await this.prepare(page, context);
    const { cache, client, authenticator, errors, budget } = this.parts;
    const cached = cache?.get(request);
    if (cached !== undefined) {
      await this.authenticateCached(request, context);
      return cached;
    }
    let response: HttpResponse;
    try {
      response = await client.send(request, {
        ...errors.sendOptions,
        ...budgetOptions(budget, request, errors),
        authenticator,
        format: 'text',
        signal: context.signal,
        logger: context.logger,
        onRateLimited: (event) => context.reportRateLimited?.({ quotaResetAt: event.resetAt }),
        crossOriginRequests: 'without-credentials',
      });
    } catch (error) {
      if (error instanceof HttpError && errors.askedToReset(error.response))
        throw new PaginationResetRequired(error.response as HttpResponse);
      throw error;
    }
    cache?.put(request, response);
    return response;
  }

  /**
   * `requests` authenticates a request when it prepares it, before requests-cache looks it up, so
   * an answer from the cache still costs the authenticator's work (a session token without an
   * expiry logs in again, as in the Python CDK).
   */
  private async authenticateCached(request: HttpRequest, context: SendContext): Promise<void> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = String(value);
    await this.parts.authenticator.apply({ method: request.method ?? 'GET', url: new URL(String(request.url)), headers }, context);
  }

  /** HttpRequester._get_url: `url_base` joined with the page's path (or the requester's), else `url` with it. */
  private fullUrl(page: PageRequest): string {
    const { env } = this.parts;
    const values = urlValues(page);
    const path = page.path ?? stripLeadingSlashes(this.path.evalString(env, values));
    const base = this.urlBase.evalString(env, values);
    if (base !== '') return joinUrl(base, path);
    const url = this.url.evalString(env, values);
    return path !== '' ? joinUrl(url, path) : url;
  }

  /** Each part: the requester's own options, its authenticator's, then the retriever's (combine_mappings). */
  private async merged(page: PageRequest, context: SendContext): Promise<MergedOptions> {
    const { authenticator } = this.parts;
    const request = { stream_slice: page.slice as PyValue, next_page_token: page.nextPageToken };
    const auth = async (kind: InjectInto): Promise<RequestValues> => {
      const target = AUTH_TARGETS[kind];
      return target === undefined ? authenticator.authHeaders(context) : authenticator.requestOptions(target, context);
    };
    const part = async (kind: InjectInto, own: PyValue) =>
      combineMappings([own as RequestValues | string, await auth(kind), page.extra(kind)], kind === 'body_json');
    return {
      params: await part('request_parameter', this.options.params(request)),
      headers: await part('header', this.options.headers(request)),
      bodyJson: await part('body_json', this.options.bodyJson(request)),
      bodyData: await part('body_data', this.options.bodyData(request)),
    };
  }
}

/** The call budget of one request, and its responses told to it (before the error handler judges them). */
function budgetOptions(budget: HttpApiBudget | undefined, request: HttpRequest, errors: ErrorPolicy): Partial<SendOptions> {
  if (budget === undefined) return {};
  const headers = request.headers ?? {};
  const resolve = errors.sendOptions.resolveResponse!;
  return {
    budget: budget.forRequest(request.method ?? 'GET', headers),
    resolveResponse: (response) => {
      budget.update({ method: request.method ?? 'GET', url: new URL(request.url), headers }, response);
      return resolve(response);
    },
  };
}

/** What URL templates see: the slice, the page token and the slice's extra fields. */
function urlValues(page: Pick<PageRequest, 'slice' | 'nextPageToken'>): TemplateValues {
  const values: Record<string, PyValue> = { stream_slice: page.slice as PyValue, next_page_token: page.nextPageToken };
  if (page.slice !== null) for (const [key, value] of mappingEntries(page.slice.extraFields)) values[String(key)] = value;
  return values;
}

function stripLeadingSlashes(path: string): string {
  let start = 0;
  while (path[start] === '/') start++;
  return path.slice(start);
}
