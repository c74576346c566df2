/** A request as the test kit saw it on its way out: what mocks match and fixtures record. */
export interface SeenRequest {
  method: string;
  /** The full URL, query included. */
  url: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The body as text (UTF-8), when there is one. */
  body?: string;
}

/** Parts of undici's dispatch options the test kit reads. */
export interface DispatchedRequest {
  origin?: string | URL;
  path: string;
  method?: string;
  headers?: unknown;
  body?: unknown;
}

/** Header names lower-cased; undici gives headers as an object or as a flat `[name, value, …]` array. */
export function normalizeHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers === null || headers === undefined) return out;
  if (Array.isArray(headers)) {
    for (let index = 0; index + 1 < headers.length; index += 2) add(out, String(headers[index]), headers[index + 1]);
    return out;
  }
  if (typeof (headers as Iterable<unknown>)[Symbol.iterator] === 'function' && !(typeof headers === 'string')) {
    for (const entry of headers as Iterable<[string, unknown]>) add(out, String(entry[0]), entry[1]);
    return out;
  }
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) add(out, name, value);
  return out;
}

function add(out: Record<string, string>, name: string, value: unknown): void {
  if (value === undefined || value === null) return;
  const key = name.toLowerCase();
  const text = Array.isArray(value) ? value.map(String).join(', ') : Buffer.isBuffer(value) ? value.toString('latin1') : String(value);
  out[key] = out[key] === undefined ? text : `${out[key]}, ${text}`;
}

/** Text of a body undici was given directly (a string or bytes); undefined for none. */
export function bodyText(body: unknown): string | undefined {
  if (body === null || body === undefined) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  if (body instanceof URLSearchParams) return body.toString();
  return '[streamed body]';
}

export function seenRequest(options: DispatchedRequest): SeenRequest {
  const origin = options.origin === undefined ? '' : String(options.origin).replace(/\/$/, '');
  const request: SeenRequest = {
    method: (options.method ?? 'GET').toUpperCase(),
    url: new URL(options.path, origin || undefined).toString(),
    headers: normalizeHeaders(options.headers),
  };
  const body = bodyText(options.body);
  if (body !== undefined) request.body = body;
  return request;
}

/** `GET https://api.example.com/v1/users?page=2` */
export function describeRequest(request: Pick<SeenRequest, 'method' | 'url'>): string {
  return `${request.method} ${request.url}`;
}

/** The URL without its query and fragment. */
export function urlWithoutQuery(url: string): string {
  const parsed = new URL(url);
  parsed.search = '';
  parsed.hash = '';
  return parsed.toString();
}

/** The query parameters of a URL, a name with several values keeping them all, in order. */
export function queryOf(url: string): Map<string, string[]> {
  const params = new Map<string, string[]>();
  for (const [name, value] of new URL(url).searchParams) {
    const list = params.get(name);
    if (list === undefined) params.set(name, [value]);
    else list.push(value);
  }
  return params;
}
