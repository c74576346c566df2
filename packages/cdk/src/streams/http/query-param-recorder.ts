import type { AuthContext, Authenticator, AuthRequest } from '../../http/authenticator.js';

/**
 * An authenticator that notes which query parameters the one it wraps sets (added, or changed):
 * a next-page link saved in a STATE may leave them out, since the resumed request gets them
 * again from the authenticator.
 */
export class QueryParamRecorder implements Authenticator {
  /** Names of the query parameters the authenticator set. */
  readonly names = new Set<string>();
  readonly refreshAfterUnauthorized?: (request: AuthRequest, context: AuthContext) => boolean | Promise<boolean>;

  constructor(private readonly inner: Authenticator) {
    const refresh = inner.refreshAfterUnauthorized;
    if (refresh !== undefined) this.refreshAfterUnauthorized = (request, context) => refresh.call(inner, request, context);
  }

  async apply(request: AuthRequest, context: AuthContext): Promise<void> {
    const before = new URLSearchParams(request.url.searchParams);
    await this.inner.apply(request, context);
    for (const name of new Set(request.url.searchParams.keys())) {
      if (JSON.stringify(request.url.searchParams.getAll(name)) !== JSON.stringify(before.getAll(name))) this.names.add(name);
    }
  }
}
