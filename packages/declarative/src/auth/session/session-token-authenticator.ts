// The CDK's SessionTokenAuthenticator: a session token obtained with the `login_requester`, sent
// as a Bearer token or where an ApiKey's request option says (through `api_token`'s template when
// given). After a 401 to a request that carried the token in a header, the session is renewed once.
import type { AuthContext, AuthRequest } from '@tributary/cdk';
import type { RequestValues } from '../../requests/request-option.js';
import { type AuthOptionTarget, type DeclarativeAuthenticator, HeaderAuthenticator } from '../declarative-authenticator.js';
import type { SessionTokenProvider } from './session-token-provider.js';

export class SessionTokenAuthenticator extends HeaderAuthenticator {
  readonly kind = 'SessionTokenAuthenticator';

  constructor(
    /** The Bearer or ApiKey authenticator that injects the token. */
    private readonly inner: DeclarativeAuthenticator,
    private readonly session: SessionTokenProvider,
    /** True when the token goes into a header (so a retry after a 401 carries a new one). */
    private readonly inHeader: boolean,
  ) {
    super();
  }

  authHeaders(context?: AuthContext): Promise<Record<string, string>> {
    return this.inner.authHeaders(context);
  }

  requestOptions(target: AuthOptionTarget, context?: AuthContext): Promise<RequestValues> {
    return this.inner.requestOptions(target, context);
  }

  async refreshAfterUnauthorized(request: AuthRequest): Promise<boolean> {
    const token = this.session.currentToken;
    if (!this.inHeader || token === null) return false;
    const carried = Object.values(request.headers).some((value) => value.includes(token));
    return carried && this.session.invalidate(token);
  }
}
