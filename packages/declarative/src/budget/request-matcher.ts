// The CDK's HttpRequestRegexMatcher: a request matches when its method (any case), its base URL
// (scheme://host), a regex searched in its path (trailing slash removed), and the given query
// parameters and headers (names in any case) all match; what is not given is not checked.
import { ConnectorError } from '@tributary/cdk';
import { compilePython } from '../interpolation/builtins/python-regex.js';

/** What a call-rate policy sees of a request. */
export interface BudgetRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
}

export interface MatcherModel {
  readonly method?: string;
  readonly url_base?: string;
  readonly url_path_pattern?: string;
  readonly params?: Record<string, unknown>;
  readonly headers?: Record<string, unknown>;
  readonly weight?: number | string;
}

export class RequestMatcher {
  private readonly method: string | null;
  private readonly urlBase: string | null;
  private readonly pathPattern: RegExp | null;
  private readonly params: [string, string][];
  private readonly headers: [string, string][];
  readonly weight: number | null;

  constructor(model: MatcherModel) {
    this.method = model.method ? model.method.toUpperCase() : null;
    this.urlBase = model.url_base ? model.url_base.replace(/\/+$/, '') : null;
    this.pathPattern = model.url_path_pattern ? compilePython(model.url_path_pattern) : null;
    this.params = Object.entries(model.params ?? {}).map(([name, value]) => [name, String(value)]);
    this.headers = Object.entries(model.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]);
    this.weight = model.weight === undefined || model.weight === null ? null : Number(model.weight);
    if (this.weight !== null && !(Number.isInteger(this.weight) && this.weight >= 1)) {
      throw ConnectorError.config(`weight must be >= 1, got ${String(model.weight)}`);
    }
  }

  matches(request: BudgetRequest): boolean {
    const { url } = request;
    if (this.method !== null && request.method.toUpperCase() !== this.method) return false;
    if (this.urlBase !== null && `${url.protocol}//${url.host}` !== this.urlBase) return false;
    if (this.pathPattern !== null && !this.pathPattern.test(url.pathname.replace(/\/+$/, ''))) return false;
    if (this.params.some(([name, value]) => url.searchParams.get(name) !== value)) return false;
    const headers = new Map(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]));
    return this.headers.every(([name, value]) => headers.get(name) === value);
  }
}
