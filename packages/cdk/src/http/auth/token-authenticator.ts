import { ConnectorError } from '../../errors/connector-error.js';
import { registerSecret } from '../../output/secret-masker.js';
import type { Authenticator, AuthRequest } from '../authenticator.js';

/**
 * One token or several (used in turn, to spread a rate limit), and the header scheme the API wants.
 */
export interface TokenAuthenticatorOptions {
  /** The token, or several used in turn. */
  token: string | readonly string[];
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

  constructor(options: TokenAuthenticatorOptions);
  /** @deprecated Pass the options object: `new TokenAuthenticator({ token, scheme, header })`. */
  constructor(tokens: string | readonly string[], options?: Omit<TokenAuthenticatorOptions, 'token'>);
  constructor(options: TokenAuthenticatorOptions | string | readonly string[], placement: Omit<TokenAuthenticatorOptions, 'token'> = {}) {
    const { token, scheme, header } = isTokenList(options) ? { ...placement, token: options } : options;
    const list = (typeof token === 'string' ? [token] : [...token]).filter((item) => typeof item === 'string' && item.length > 0);
    if (list.length === 0) throw ConnectorError.config('No API token is configured: an access token is required');
    for (const item of list) registerSecret(item);
    this.tokens = list;
    this.scheme = scheme ?? 'Bearer';
    this.header = (header ?? 'Authorization').toLowerCase();
  }

  /** How many tokens are in the rotation. */
  get tokenCount(): number {
    return this.tokens.length;
  }

  /**
   * Sets the next token in the header; called again on every retry, so rotation spreads retries
   * too.
   */
  apply(request: AuthRequest): void {
    const token = this.tokens[this.next]!;
    this.next = (this.next + 1) % this.tokens.length;
    request.headers[this.header] = this.scheme.length > 0 ? `${this.scheme} ${token}` : token;
  }
}

function isTokenList(value: TokenAuthenticatorOptions | string | readonly string[]): value is string | readonly string[] {
  return typeof value === 'string' || Array.isArray(value);
}
