// The Python CDK's DeclarativeAuthenticator as a @tributary/cdk Authenticator: a header (its
// `auth_header: token`, set on every attempt by `apply`, as `requests` calls the authenticator),
// plus values the requester merges into the query, form body or JSON body when it builds the
// request (`get_request_params`, `get_request_body_data`, `get_request_body_json`, combined with
// the requester's own options as the CDK's `combine_mappings` does).
import type { AuthContext, Authenticator, AuthRequest } from '@tributary/cdk';
import type { RequestValues } from '../requests/request-option.js';

/** Where an authenticator's values go besides its header. */
export type AuthOptionTarget = 'request_parameter' | 'body_data' | 'body_json';

/**
 * An authenticator built from a manifest component. A requester sends a request built with
 * `authHeaders()` and `requestOptions()` through the CDK's `HttpClient` with the authenticator,
 * whose `apply` sets the header again on each attempt (so a refreshed token is current).
 */
export interface DeclarativeAuthenticator extends Authenticator {
  /** The component type it was built from (`ApiKeyAuthenticator`, `OAuthAuthenticator`, ...). */
  readonly kind: string;
  /** The CDK's `get_auth_header()`: `{ header: token }`, or `{}` when this authenticator sets none. */
  authHeaders(context?: AuthContext): Promise<Record<string, string>>;
  /** The values this authenticator adds to the query, the form body or the JSON body (`{}` when none). */
  requestOptions(target: AuthOptionTarget, context?: AuthContext): Promise<RequestValues>;
}

/** The common part: `apply` sets the header the authenticator gives, nothing else goes into a request. */
export abstract class HeaderAuthenticator implements DeclarativeAuthenticator {
  abstract readonly kind: string;

  abstract authHeaders(context?: AuthContext): Promise<Record<string, string>>;

  async requestOptions(_target: AuthOptionTarget, _context?: AuthContext): Promise<RequestValues> {
    return {};
  }

  async apply(request: AuthRequest, context: AuthContext): Promise<void> {
    const headers = await this.authHeaders(context);
    for (const [name, value] of Object.entries(headers)) request.headers[name.toLowerCase()] = value;
  }
}

/** True for an authenticator built by `createAuthenticator`. */
export function isDeclarativeAuthenticator(value: unknown): value is DeclarativeAuthenticator {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as DeclarativeAuthenticator).authHeaders === 'function' &&
    typeof (value as DeclarativeAuthenticator).requestOptions === 'function'
  );
}
