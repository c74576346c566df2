import { registerSecret } from '../../output/secret-masker.js';
import type { Authenticator, AuthRequest } from '../authenticator.js';

/** HTTP Basic authentication: `Authorization: Basic base64(username:password)`. */
export class BasicAuthenticator implements Authenticator {
  private readonly value: string;

  constructor(username: string, password = '') {
    const encoded = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
    registerSecret(password);
    registerSecret(encoded);
    this.value = `Basic ${encoded}`;
  }

  apply(request: AuthRequest): void {
    request.headers.authorization = this.value;
  }
}
