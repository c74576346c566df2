import { ConnectorError } from '../errors/connector-error.js';
import { BODY_HEADERS, type OutgoingRequest, type RedirectSource } from './credential-scope.js';
import { redactUrl } from './redact-url.js';

/** The most redirects one request follows (undici and browsers follow 20; APIs need one or two). */
export const MAX_REDIRECTS = 10;

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Where a response redirects to: its `Location` if it is a 301, 302, 303, 307 or 308; otherwise undefined. */
export function redirectLocation(status: number, headers: Headers): string | undefined {
  if (!REDIRECT_STATUSES.has(status)) return undefined;
  const location = headers.get('location')?.trim();
  return location === undefined || location === '' ? undefined : location;
}

/**
 * The method a redirect leads to, as browsers and Python's requests do: 303 turns anything but
 * HEAD into GET, 301 and 302 turn POST into GET; 307 and 308 keep the method (and the body).
 */
export function redirectedMethod(method: string, status: number): string {
  if (status === 303 && method !== 'HEAD' && method !== 'GET') return 'GET';
  if ((status === 301 || status === 302) && method === 'POST') return 'GET';
  return method;
}

/**
 * The redirects of one attempt, followed by hand so that each hop is authorized for its own
 * origin. Builds the next hop from the request as it was before authentication (the
 * authenticator adds credentials again, or not, for the new origin), and fails on a loop, on
 * more than `MAX_REDIRECTS` hops and on a `Location` that is not an http(s) URL.
 */
export class RedirectChain {
  private current: OutgoingRequest;
  private readonly seen = new Set<string>();

  /** `original`: the request before authentication. */
  constructor(original: OutgoingRequest) {
    this.current = original;
    this.seen.add(hopKey(original.method, original.url));
  }

  /** The next hop (before authentication) after `response` redirected `sent` (the hop as sent) to `location`. */
  next(sent: OutgoingRequest, status: number, location: string): { request: OutgoingRequest; source: RedirectSource } {
    const source = { method: sent.method, url: sent.url, status };
    const where = `${sent.method} ${redactUrl(sent.url)} answered HTTP ${status}`;
    let url: URL;
    try {
      url = new URL(location, sent.url);
    } catch {
      throw new ConnectorError(`${where} with a Location that is not a valid URL: '${redactUrl(location)}'`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ConnectorError(`${where}, a redirect to '${redactUrl(url)}', which is not an http:// or https:// URL`);
    }
    url.hash = '';
    if (this.seen.size > MAX_REDIRECTS) {
      throw new ConnectorError(`${where}: more than ${MAX_REDIRECTS} redirects for one request; the API seems to redirect in circles`);
    }
    const method = redirectedMethod(this.current.method, status);
    const key = hopKey(method, url);
    if (this.seen.has(key)) {
      throw new ConnectorError(`${where}, a redirect back to ${method} ${redactUrl(url)}, which was already requested: a redirect loop`);
    }
    this.seen.add(key);
    const headers = { ...this.current.headers };
    const keepsBody = method === this.current.method && this.current.body !== undefined;
    if (!keepsBody) for (const name of BODY_HEADERS) delete headers[name];
    this.current = { method, url, headers, ...(keepsBody ? { body: this.current.body } : {}) };
    return { request: { ...this.current, url: new URL(url), headers: { ...headers } }, source };
  }
}

function hopKey(method: string, url: URL): string {
  return `${method} ${url.href}`;
}
