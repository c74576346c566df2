import { ConnectorError } from '../../errors/connector-error.js';
import { registerSecret } from '../../output/secret-masker.js';
import type { Authenticator, AuthRequest } from '../authenticator.js';

export type ApiKeyAuthenticatorOptions =
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

/** An API key in a header (`X-API-Key: <key>`) or in a query parameter (`?api_key=<key>`). */
export class ApiKeyAuthenticator implements Authenticator {
  private readonly key: string;
  private readonly options: ApiKeyAuthenticatorOptions;

  constructor(key: string, options: ApiKeyAuthenticatorOptions) {
    if (typeof key !== 'string' || key.length === 0) throw ConnectorError.config('No API key is configured: an API key is required');
    const where = options.header ?? options.queryParam;
    if (typeof where !== 'string' || where.length === 0 || (options.header !== undefined && options.queryParam !== undefined)) {
      throw new ConnectorError('ApiKeyAuthenticator needs exactly one of `header` or `queryParam`');
    }
    registerSecret(key);
    this.key = key;
    this.options = options;
  }

  apply(request: AuthRequest): void {
    if (this.options.header !== undefined) {
      request.headers[this.options.header.toLowerCase()] = `${this.options.prefix ?? ''}${this.key}`;
    } else {
      request.url.searchParams.set(this.options.queryParam, this.key);
    }
  }
}
