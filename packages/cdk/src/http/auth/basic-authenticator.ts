import { registerSecret } from '../../output/secret-masker.js';
import type { Authenticator, AuthRequest } from '../authenticator.js';

/**
 * The credentials of HTTP Basic authentication; the encoded pair is registered as a secret so it is
 * masked too.
 */
export interface BasicAuthenticatorOptions {
  username: string;
  /** Default `''`. */
  password?: string;
}

/** HTTP Basic authentication: `Authorization: Basic base64(username:password)`. */
export class BasicAuthenticator implements Authenticator {
  private readonly value: string;

  constructor(options: BasicAuthenticatorOptions);
  /** @deprecated Pass the options object: `new BasicAuthenticator({ username, password })`. */
  constructor(username: string, password?: string);
  constructor(options: BasicAuthenticatorOptions | string, deprecatedPassword?: string) {
    const { username, password = '' } = typeof options === 'string' ? { username: options, password: deprecatedPassword } : options;
    const encoded = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
    registerSecret(password);
    registerSecret(encoded);
    this.value = `Basic ${encoded}`;
  }

  /** Sets the `Authorization: Basic` header; called again on every retry. */
  apply(request: AuthRequest): void {
    request.headers.authorization = this.value;
  }
}
