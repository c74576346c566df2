import { ConnectorError } from '../errors/connector-error.js';
import type { AuthContext, Authenticator, AuthRequest } from './authenticator.js';
import { redactUrl } from './redact-url.js';
import { holdsSecret } from './secret-content.js';

/**
 * What happens to a request that would carry credentials to an origin they do not belong to
 * (a redirect, a next-page link or a path pointing to another host):
 * - `refuse`: the stream fails with a `system_error` naming both origins (the default);
 * - `without-credentials`: the request is sent with no credential at all.
 */
export type CrossOriginPolicy = 'refuse' | 'without-credentials';

/** The body of a request. */
export type RequestBody = string | Uint8Array | URLSearchParams;

/** One request as it goes on the wire (one hop of a redirect chain). */
export interface OutgoingRequest extends AuthRequest {
  readonly body?: RequestBody;
}

/** Headers that carry credentials, whoever set them. */
const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization', 'cookie']);

/** Headers that describe a body: they go when the body goes. */
export const BODY_HEADERS: readonly string[] = [
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-location',
];

/**
 * The origins (scheme, host and port) a stream's credentials belong to, and what a request
 * to any other origin gets.
 */
export class CredentialScope {
  private readonly origins: ReadonlySet<string>;

  constructor(
    origins: Iterable<string | URL>,
    readonly policy: CrossOriginPolicy = 'refuse',
  ) {
    if (policy !== 'refuse' && policy !== 'without-credentials') {
      throw new ConnectorError(`crossOriginRequests must be 'refuse' or 'without-credentials', not ${JSON.stringify(policy)}`);
    }
    this.origins = new Set(Array.from(origins, originOf));
  }

  allows(url: URL): boolean {
    return this.origins.has(url.origin);
  }

  toString(): string {
    return [...this.origins].join(', ');
  }
}

/** The origin of an http(s) URL; only scheme, host and port count. */
export function originOf(value: string | URL): string {
  let url: URL;
  try {
    url = typeof value === 'string' ? new URL(value) : value;
  } catch {
    throw new ConnectorError(
      `credentialOrigins: '${redactUrl(String(value))}' is not an origin; give origins like 'https://api.example.com'`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConnectorError(`credentialOrigins: '${redactUrl(String(value))}' is not an http:// or https:// origin`);
  }
  return url.origin;
}

/** The response that redirected to a request. */
export interface RedirectSource {
  method: string;
  url: URL;
  status: number;
}

export interface AuthorizeOptions {
  scope: CredentialScope;
  authenticator?: Authenticator;
  context: AuthContext;
  /** Set when the request follows a redirect. */
  redirectedFrom?: RedirectSource;
}

/**
 * Makes `request` ready to send: with the authenticator's credentials when its origin is in the
 * scope. Toward any other origin no credential goes: a request that would carry one (the
 * authenticator's, a credential header, a registered secret in a header, the query, the user
 * info or the body) is refused, or sent without it, as the scope's policy says.
 */
export async function authorize(request: OutgoingRequest, options: AuthorizeOptions): Promise<OutgoingRequest> {
  const { scope, authenticator } = options;
  if (scope.allows(request.url)) {
    if (authenticator !== undefined) await authenticator.apply(request, options.context);
    return request;
  }
  const carried = credentialsIn(request);
  if (authenticator === undefined && carried.length === 0) return request;
  if (scope.policy === 'refuse') {
    throw refusal(request, options, `the credentials belong to ${scope} only`);
  }
  return withoutCredentials(request, options);
}

/** What in `request` carries a credential, for messages: `header authorization`, `query parameter sig`… */
function credentialsIn(request: OutgoingRequest): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(request.headers)) {
    if (CREDENTIAL_HEADERS.has(name) || holdsSecret(value)) found.push(`header ${name}`);
  }
  for (const [name, value] of request.url.searchParams) {
    if (holdsSecret(name) || holdsSecret(value)) found.push(`query parameter ${name}`);
  }
  if (request.url.username !== '' || request.url.password !== '') found.push('user info');
  if (holdsSecret(request.url.pathname)) found.push('path');
  if (request.body !== undefined && holdsSecret(bodyText(request.body))) found.push('body');
  return found;
}

/**
 * `request` with every credential taken out: credential headers and headers holding a secret,
 * query parameters holding a secret, the user info, and the body of a redirected request (307
 * and 308 would send it again). A secret in the path, or in the body the stream built for this
 * very request, cannot be taken out without changing the request: that is refused.
 */
function withoutCredentials(request: OutgoingRequest, options: AuthorizeOptions): OutgoingRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!CREDENTIAL_HEADERS.has(name) && !holdsSecret(value)) headers[name] = value;
  }
  const url = new URL(request.url);
  url.username = '';
  url.password = '';
  for (const [name, value] of [...url.searchParams]) {
    if (holdsSecret(name) || holdsSecret(value)) url.searchParams.delete(name, value);
  }
  if (holdsSecret(url.pathname)) throw refusal(request, options, 'its path holds a credential, which cannot be left out');
  let body = request.body;
  if (body !== undefined && options.redirectedFrom !== undefined) {
    body = undefined;
    for (const name of BODY_HEADERS) delete headers[name];
  } else if (body !== undefined && holdsSecret(bodyText(body))) {
    throw refusal(request, options, 'its body holds a credential, which cannot be left out');
  }
  const { logger } = options.context;
  if (logger?.isDebugEnabled) {
    logger.debug(`${request.method} ${redactUrl(url)}: sent without credentials, as ${url.origin} is not an origin they belong to`);
  }
  return { method: request.method, url, headers, ...(body !== undefined ? { body } : {}) };
}

function refusal(request: OutgoingRequest, options: AuthorizeOptions, why: string): ConnectorError {
  const to = `${request.method} ${redactUrl(request.url)}`;
  const from = options.redirectedFrom;
  const what =
    from !== undefined
      ? `${from.method} ${redactUrl(from.url)} answered HTTP ${from.status}, a redirect to ${request.url.origin} (${to})`
      : `${to} goes to ${request.url.origin} (a next-page link or a path pointing to another host?)`;
  const advice =
    options.scope.policy === 'refuse' ? `; to send such requests without credentials, set crossOriginRequests = 'without-credentials'` : '';
  return new ConnectorError(
    `Refused to send credentials to another origin: ${what}, but ${why}. If ${request.url.origin} is the API's own, add it to the stream's credentialOrigins${advice}`,
  );
}

function bodyText(body: RequestBody): string {
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
}
