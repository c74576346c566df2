import { ConnectorError } from '../../errors/connector-error.js';
import { registerSecret } from '../../output/secret-masker.js';
import type { Authenticator, AuthRequest } from '../authenticator.js';

export interface TokenAuthenticatorOptions {
  /** The scheme before the token (default `Bearer`); `''` sends the bare token. */
  scheme?: string;
  /** The header that carries it (default `Authorization`). */
  header?: string;
}

/**
 * `Authorization: Bearer <token>`. Given several tokens, it uses them in turn, one per request
 * (retries included), spreading the load over the rate limits of several accounts or apps.
 */
export class TokenAuthenticator implements Authenticator {
  private readonly tokens: readonly string[];
  private readonly scheme: string;
  private readonly header: string;
  private next = 0;

  constructor(tokens: string | readonly string[], options: TokenAuthenticatorOptions = {}) {
    const list = (typeof tokens === 'string' ? [tokens] : [...tokens]).filter((token) => typeof token === 'string' && token.length > 0);
    if (list.length === 0) throw ConnectorError.config('No API token is configured: an access token is required');
    for (const token of list) registerSecret(token);
    this.tokens = list;
    this.scheme = options.scheme ?? 'Bearer';
    this.header = (options.header ?? 'Authorization').toLowerCase();
  }

  /** How many tokens are in the rotation. */
  get tokenCount(): number {
    return this.tokens.length;
  }

  apply(request: AuthRequest): void {
    const token = this.tokens[this.next]!;
    this.next = (this.next + 1) % this.tokens.length;
    request.headers[this.header] = this.scheme.length > 0 ? `${this.scheme} ${token}` : token;
  }
}
