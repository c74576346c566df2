// What building an authenticator needs besides its manifest component: the config and clock of
// every component, and what the requester knows (its URL, the stream's name, the HTTP client for
// the authenticator's own requests).
import { HttpClient, type Logger } from '@tributary/cdk';
import type { HttpRequester as HttpRequesterModel } from '../components/component-types.js';
import type { ComponentEnvironment } from '../interpolated/evaluation-context.js';
import type { LoginRequester } from './login/login-requester.js';

/** Builds the requester a SessionTokenAuthenticator logs in with. */
export type LoginRequesterFactory = (model: HttpRequesterModel, env: AuthenticatorEnvironment) => LoginRequester;

export interface AuthenticatorEnvironment extends ComponentEnvironment {
  /**
   * The stream whose requester the authenticator serves; it names the login requester
   * (`<name>_login_requester`) and appears in messages.
   */
  readonly name?: string;
  /**
   * The requester's `url` (or `url_base`) as the manifest writes it, a template or not: the
   * LegacySessionTokenAuthenticator's login and session URLs are relative to it, as in the CDK.
   */
  readonly urlBase?: string;
  /**
   * The client for the authenticator's own requests (token refreshes, logins, session checks).
   * Default: one per authenticator that retries 429, 5xx and network errors for up to 5 minutes,
   * as the CDK's token refresh does.
   */
  readonly httpClient?: HttpClient;
  /** Builds the login requester of a SessionTokenAuthenticator; default: `HttpLoginRequester`. */
  readonly loginRequester?: LoginRequesterFactory;
  /** Where authenticators log (a refresh, a warning); default: nowhere. */
  readonly logger?: Logger;
}

/** The client an authenticator sends its own requests with. */
export function authHttpClient(env: AuthenticatorEnvironment): HttpClient {
  return env.httpClient ?? new HttpClient({ timeoutMs: 300_000, retry: { maxTimeMs: 300_000, maxRetries: 8 } });
}
