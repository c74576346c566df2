/**
 * Who may talk to Studio. The server listens on 127.0.0.1 only; on top of that every request must:
 * - be addressed to it by name: `Host` is `127.0.0.1:<port>` or `localhost:<port>`, so a page of
 *   another site whose DNS name is rebound to 127.0.0.1 is refused (DNS rebinding);
 * - come from Studio's own page: an `Origin`, when sent, is Studio's, and `Sec-Fetch-Site`, when
 *   sent, is `same-origin` or `none` (typed in the address bar), so another origin, even another
 *   port of 127.0.0.1 (same site, so same cookies), is refused;
 * - carry the run's token: API calls in the `X-Studio-Token` header (which a cross-origin page
 *   cannot set without a CORS preflight, which is never granted), the event stream as `?token=`,
 *   and the page and its assets as `?token=` (first visit) or the cookie set then (HttpOnly,
 *   SameSite=Strict, named after the port).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** What a request asks for, which decides where its token must be. */
export type RequestKind = 'page' | 'asset' | 'api' | 'events';

export type GuardDecision = { allowed: true; tokenInQuery: boolean } | { allowed: false; status: number; reason: string };

export class RequestGuard {
  constructor(
    private readonly token: string,
    private readonly port: number,
  ) {}

  /** The cookie that carries the token for the page and its assets. */
  get cookieName(): string {
    return `tributary_studio_${this.port}`;
  }

  /** The `Set-Cookie` header value given with the page once a `?token=` was accepted. */
  get cookieHeader(): string {
    return `${this.cookieName}=${this.token}; HttpOnly; SameSite=Strict; Path=/`;
  }

  check(request: IncomingMessage, url: URL, kind: RequestKind): GuardDecision {
    const host = request.headers.host ?? '';
    if (!this.ownHosts().includes(host.toLowerCase())) {
      return { allowed: false, status: 421, reason: `this server answers only to 127.0.0.1:${this.port} (the Host was '${host}')` };
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !this.ownHosts().some((own) => origin.toLowerCase() === `http://${own}`)) {
      return { allowed: false, status: 403, reason: `cross-origin requests are refused (from ${origin})` };
    }
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      return { allowed: false, status: 403, reason: `requests from other sites are refused (Sec-Fetch-Site: ${site})` };
    }
    return this.checkToken(request, url, kind);
  }

  private checkToken(request: IncomingMessage, url: URL, kind: RequestKind): GuardDecision {
    const query = url.searchParams.get('token');
    const header = request.headers['x-studio-token'];
    const cookie = cookieValue(request.headers.cookie, this.cookieName);
    const candidates: (string | undefined)[] =
      kind === 'api'
        ? [typeof header === 'string' ? header : undefined]
        : kind === 'events'
          ? [query ?? undefined]
          : [query ?? undefined, cookie];
    if (candidates.some((candidate) => candidate !== undefined && this.matches(candidate))) {
      return { allowed: true, tokenInQuery: query !== null && this.matches(query) };
    }
    const where =
      kind === 'api' ? 'the X-Studio-Token header' : kind === 'events' ? 'the token query parameter' : 'the link with its token';
    return { allowed: false, status: 401, reason: `a valid token is required (${where}); open the URL tributary studio printed` };
  }

  private matches(candidate: string): boolean {
    const given = Buffer.from(candidate);
    const expected = Buffer.from(this.token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private ownHosts(): string[] {
    return [`127.0.0.1:${this.port}`, `localhost:${this.port}`];
  }
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
