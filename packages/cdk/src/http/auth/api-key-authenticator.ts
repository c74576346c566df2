import { ConnectorError } from '../../errors/connector-error.js';
import { registerSecret } from '../../output/secret-masker.js';
import type { Authenticator, AuthRequest } from '../authenticator.js';

/** Where an API key goes: a header (with an optional prefix) or a query parameter. */
export type ApiKeyPlacement =
  | {
      /** The header that carries the key, e.g. `X-API-Key`. */
      header: string;
      /** Put before the key in the header, e.g. `'Token '` (default none). */
      prefix?: string;
      queryParam?: undefined;
    }
  | {
      /** The query parameter that carries the key, e.g. `api_key`. */
      queryParam: string;
      header?: undefined;
      prefix?: undefined;
    };

/**
 * The key and where the API expects it, in one object so the placement cannot be given without the
 * key.
 */
export type ApiKeyAuthenticatorOptions = ApiKeyPlacement & {
  /** The API key. */
  key: string;
};

/** An API key in a header (`X-API-Key: <key>`) or in a query parameter (`?api_key=<key>`). */
export class ApiKeyAuthenticator implements Authenticator {
  private readonly key: string;
  private readonly placement: ApiKeyPlacement;

  constructor(options: ApiKeyAuthenticatorOptions);
  /** @deprecated Pass the options object: `new ApiKeyAuthenticator({ key, header })` or `{ key, queryParam }`. */
  constructor(key: string, placement: ApiKeyPlacement);
  constructor(options: ApiKeyAuthenticatorOptions | string, deprecatedPlacement?: ApiKeyPlacement) {
    const { key, ...placement } = (
      typeof options === 'string' ? { ...deprecatedPlacement, key: options } : options
    ) as ApiKeyAuthenticatorOptions;
    if (typeof key !== 'string' || key.length === 0) throw ConnectorError.config('No API key is configured: an API key is required');
    const where = placement.header ?? placement.queryParam;
    if (typeof where !== 'string' || where.length === 0 || (placement.header !== undefined && placement.queryParam !== undefined)) {
      throw new ConnectorError('ApiKeyAuthenticator needs exactly one of `header` or `queryParam`');
    }
    registerSecret(key);
    this.key = key;
    this.placement = placement;
  }

  /** Puts the key in the header or query parameter the API expects; called again on every retry. */
  apply(request: AuthRequest): void {
    if (this.placement.header !== undefined) {
      request.headers[this.placement.header.toLowerCase()] = `${this.placement.prefix ?? ''}${this.key}`;
    } else {
      request.url.searchParams.set(this.placement.queryParam, this.key);
    }
  }
}
