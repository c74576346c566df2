import type { Logger } from '../output/logger.js';

/** A request about to be sent, as an authenticator sees it: it may add headers or query parameters. */
export interface AuthRequest {
  readonly method: string;
  readonly url: URL;
  /** The request headers, names in lower case; authentication headers replace the stream's own. */
  readonly headers: Record<string, string>;
}

/**
 * What an authenticator may use while applying credentials: the logger, the abort signal, and
 * whether the last attempt was rejected.
 */
export interface AuthContext {
  signal?: AbortSignal;
  logger?: Logger;
}

/**
 * Adds credentials to requests. `apply` runs before every attempt, retries included, so rotated
 * or refreshed credentials are always current. Secrets an authenticator holds or obtains are
 * registered with `registerSecret`, so they never appear in logs, errors or traces.
 */
export interface Authenticator {
  /**
   * Adds credentials to one attempt of a request; it runs before every attempt, so refreshed tokens
   * reach retries.
   */
  apply(request: AuthRequest, context: AuthContext): void | Promise<void>;
  /**
   * Called when the API answered 401 to a request this authenticator prepared. Resolving to
   * true means fresh credentials were obtained: the request is sent again, once.
   */
  refreshAfterUnauthorized?(request: AuthRequest, context: AuthContext): boolean | Promise<boolean>;
}
