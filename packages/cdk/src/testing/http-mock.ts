import { isDeepStrictEqual } from 'node:util';
import type { Dispatcher } from 'undici';
import { describeRequest, queryOf, type SeenRequest, urlWithoutQuery } from './http-request.js';
import { MockTransport, refusal, type TransportReply } from './mock-transport.js';

/** A query parameter's expected value: exact (numbers and booleans as their text), a pattern, or several values in order. */
export type QueryMatcher = string | number | boolean | RegExp | readonly (string | number | boolean)[];

/** A request the test expects. */
export interface ExpectedRequest {
  /** Default `GET`. */
  method?: string;
  /**
   * The URL. As a string it is compared without its query, and a query in it is expected like
   * `query` (both may be used); as a RegExp it is tested on the full URL.
   */
  url: string | RegExp;
  /**
   * The complete query: every parameter with its value, and no other. Default: exactly the query
   * of a string `url` (none when it has none). `'any'` accepts any query.
   */
  query?: Record<string, QueryMatcher> | 'any';
  /** Headers the request must have (names in any case); others may be there too. */
  headers?: Record<string, string | RegExp>;
  /** The body: exact text, a pattern, a JSON value compared deeply, form fields, or a predicate. */
  body?: string | RegExp | URLSearchParams | ((body: string | undefined) => boolean) | object;
}

/** A response to send. */
export interface MockResponse {
  /** Default 200. */
  status?: number;
  /** A JSON body (sets `content-type: application/json`). */
  json?: unknown;
  /** A raw body. */
  body?: string | Uint8Array;
  headers?: Record<string, string>;
}

type Responder = MockResponse | ((request: SeenRequest) => MockResponse);

/** One expected request and the responses it gets, one per matching call, in order. */
export class Expectation {
  /** The requests that matched this expectation. */
  readonly calls: SeenRequest[] = [];
  private readonly responses: Responder[] = [];
  private persistent = false;

  constructor(readonly request: ExpectedRequest) {}

  /** Queues the response to the next matching call; chain it for a sequence. */
  respond(response: Responder): this {
    this.responses.push(response);
    return this;
  }

  /** Keeps answering with the last response however many times the request comes. */
  persist(): this {
    this.persistent = true;
    return this;
  }

  /** True while a call can still match (a response is left, or it persists). */
  get isOpen(): boolean {
    return this.calls.length < this.responses.length || (this.persistent && this.responses.length > 0);
  }

  /** Responses never sent (0 for a persistent expectation once called). */
  get unusedResponses(): number {
    if (this.persistent && this.calls.length > 0) return 0;
    return Math.max(0, this.responses.length - this.calls.length);
  }

  /** The expected request in words, for failure messages. */
  describe(): string {
    const { method = 'GET', url, query } = this.request;
    const q =
      query === undefined || query === 'any'
        ? ''
        : ` query ${JSON.stringify(Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v instanceof RegExp ? String(v) : v])))}`;
    return `${method.toUpperCase()} ${String(url)}${q}`;
  }

  /** @internal */
  take(request: SeenRequest): TransportReply {
    const index = Math.min(this.calls.length, this.responses.length - 1);
    this.calls.push(request);
    const chosen = this.responses[index]!;
    return toReply(typeof chosen === 'function' ? chosen(request) : chosen);
  }
}

/** How strictly the mock matches requests to expectations. */
export interface HttpMockOptions {
  /** Requests must come in the order the expectations were declared (default false: any order, as concurrent reads need). */
  ordered?: boolean;
}

/**
 * Mocks every HTTP request of `HttpStream`s and `HttpClient`s (those without a dispatcher of
 * their own) on undici's `MockAgent`: declare the requests the test expects and their
 * responses; `verify()` fails on a request nobody expected and on an expected one that never
 * came. An unexpected request is answered with HTTP 400, so the stream fails at once.
 *
 * ```ts
 * const http = mockHttp();
 * http.expect({ url: 'https://api.example.com/v1/users', query: { page: 1 }, headers: { authorization: 'Bearer t' } })
 *   .respond({ json: { data: [{ id: 1 }] } });
 * const result = await read(new MySource(), { config, streams: ['users'] });
 * await http.done(); // closes the mock, then verifies
 * ```
 */
export class HttpMock {
  /** Every request, in the order it came. */
  readonly requests: SeenRequest[] = [];
  /** Requests no expectation matched. */
  readonly unexpected: Array<{ request: SeenRequest; reasons: string[] }> = [];
  private readonly expectations: Expectation[] = [];
  private readonly transport: MockTransport;

  constructor(private readonly options: HttpMockOptions = {}) {
    this.transport = MockTransport.install((request) => this.handle(request));
  }

  /** Declares an expected request: an `ExpectedRequest`, or `'METHOD url'` / a URL for a GET. */
  expect(request: ExpectedRequest | string): Expectation {
    const expectation = new Expectation(typeof request === 'string' ? parseShorthand(request) : request);
    this.expectations.push(expectation);
    return expectation;
  }

  /** The mock dispatcher, for a client built with its own `dispatcher`. */
  get dispatcher(): Dispatcher {
    return this.transport.dispatcher;
  }

  /** Throws (an `AssertionError`-like Error) listing unexpected requests and expectations left unused. */
  verify(): void {
    const problems: string[] = [];
    for (const { request, reasons } of this.unexpected) {
      problems.push(`unexpected request ${describeRequest(request)}${reasons.length > 0 ? `\n    ${reasons.join('\n    ')}` : ''}`);
    }
    for (const expectation of this.expectations) {
      const unused = expectation.unusedResponses;
      if (unused > 0) problems.push(`expected ${expectation.describe()} ${unused} more time${unused === 1 ? '' : 's'}; it never came`);
    }
    if (problems.length > 0)
      throw new Error(`The HTTP mock saw ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n  ${problems.join('\n  ')}`);
  }

  /** Removes the mock: requests go to the network again. */
  close(): Promise<void> {
    return this.transport.uninstall();
  }

  /** Closes the mock, then verifies it. */
  async done(): Promise<void> {
    await this.close();
    this.verify();
  }

  private handle(request: SeenRequest): TransportReply {
    this.requests.push(request);
    const candidates = this.expectations.filter((expectation) => expectation.isOpen);
    const allowed = this.options.ordered ? candidates.slice(0, 1) : candidates;
    const reasons: string[] = [];
    for (const expectation of allowed) {
      const mismatch = mismatchOf(expectation.request, request);
      if (mismatch === undefined) return expectation.take(request);
      reasons.push(`not ${expectation.describe()}: ${mismatch}`);
    }
    for (const expectation of this.expectations) {
      if (expectation.isOpen || mismatchOf(expectation.request, request) !== undefined) continue;
      const used = expectation.calls.length;
      reasons.push(
        `matches ${expectation.describe()}, but its ${used} response${used === 1 ? ' was' : 's were'} already sent (queue more with .respond(), or .persist())`,
      );
    }
    if (reasons.length === 0) reasons.push('no expectation is left to match');
    this.unexpected.push({ request, reasons });
    return refusal(`Tributary HTTP mock: no expected request matches ${describeRequest(request)}`);
  }
}

/** Installs an HTTP mock for the whole process (see `HttpMock`). */
export function mockHttp(options: HttpMockOptions = {}): HttpMock {
  return new HttpMock(options);
}

function parseShorthand(text: string): ExpectedRequest {
  const match = /^([A-Z]+)\s+(\S+)$/.exec(text.trim());
  return match === null ? { url: text.trim() } : { method: match[1], url: match[2]! };
}

function toReply(response: MockResponse): TransportReply {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) headers[name.toLowerCase()] = value;
  let body = response.body;
  if (response.json !== undefined) {
    body = JSON.stringify(response.json);
    headers['content-type'] ??= 'application/json';
  }
  return { status: response.status ?? 200, headers, body };
}

/** Why `request` does not match `expected` (undefined when it does). */
export function mismatchOf(expected: ExpectedRequest, request: SeenRequest): string | undefined {
  const method = (expected.method ?? 'GET').toUpperCase();
  if (method !== request.method) return `method ${request.method}, expected ${method}`;
  let wantedQuery: Map<string, QueryMatcher> | 'any' = new Map();
  if (expected.url instanceof RegExp) {
    if (!expected.url.test(request.url)) return `URL ${request.url} does not match ${expected.url}`;
    wantedQuery = 'any';
  } else {
    const base = urlWithoutQuery(expected.url);
    if (base !== urlWithoutQuery(request.url)) return `URL ${urlWithoutQuery(request.url)}, expected ${base}`;
    for (const [name, values] of queryOf(expected.url)) wantedQuery.set(name, values.length === 1 ? values[0]! : values);
  }
  if (expected.query === 'any') wantedQuery = 'any';
  else if (expected.query !== undefined) {
    if (wantedQuery === 'any') wantedQuery = new Map();
    for (const [name, value] of Object.entries(expected.query)) wantedQuery.set(name, value);
  }
  if (wantedQuery !== 'any') {
    const problem = queryMismatch(wantedQuery, queryOf(request.url));
    if (problem !== undefined) return problem;
  }
  for (const [name, value] of Object.entries(expected.headers ?? {})) {
    const actual = request.headers[name.toLowerCase()];
    if (actual === undefined) return `no ${name} header`;
    if (value instanceof RegExp ? !value.test(actual) : actual !== value)
      return `header ${name} is ${JSON.stringify(actual)}, expected ${String(value)}`;
  }
  if (expected.body !== undefined) return bodyMismatch(expected.body, request.body);
  return undefined;
}

function queryMismatch(wanted: Map<string, QueryMatcher>, actual: Map<string, string[]>): string | undefined {
  for (const [name, matcher] of wanted) {
    const values = actual.get(name);
    if (values === undefined) return `query parameter ${name} is missing`;
    const ok = Array.isArray(matcher)
      ? values.length === matcher.length && matcher.every((item, index) => String(item) === values[index])
      : values.length === 1 && (matcher instanceof RegExp ? matcher.test(values[0]!) : String(matcher) === values[0]);
    if (!ok)
      return `query parameter ${name} is ${JSON.stringify(values.length === 1 ? values[0] : values)}, expected ${matcher instanceof RegExp ? String(matcher) : JSON.stringify(matcher)}`;
  }
  const extra = [...actual.keys()].filter((name) => !wanted.has(name));
  if (extra.length > 0) return `unexpected query parameter${extra.length === 1 ? '' : 's'} ${extra.join(', ')}`;
  return undefined;
}

function bodyMismatch(expected: NonNullable<ExpectedRequest['body']>, actual: string | undefined): string | undefined {
  if (typeof expected === 'function')
    return (expected as (body: string | undefined) => boolean)(actual) ? undefined : 'the body predicate returned false';
  if (actual === undefined) return 'the request has no body';
  if (typeof expected === 'string')
    return expected === actual ? undefined : `body ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
  if (expected instanceof RegExp) return expected.test(actual) ? undefined : `body ${JSON.stringify(actual)} does not match ${expected}`;
  if (expected instanceof URLSearchParams) {
    const sorted = (params: URLSearchParams) => [...params].sort(([a], [b]) => a.localeCompare(b));
    return isDeepStrictEqual(sorted(new URLSearchParams(actual)), sorted(expected))
      ? undefined
      : `form body ${actual}, expected ${expected}`;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(actual);
  } catch {
    return `the body is not JSON: ${JSON.stringify(actual.slice(0, 100))}`;
  }
  return isDeepStrictEqual(parsed, expected) ? undefined : `JSON body ${actual}, expected ${JSON.stringify(expected)}`;
}
