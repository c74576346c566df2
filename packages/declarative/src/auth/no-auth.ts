// NoAuth: no header, no request option.
import { HeaderAuthenticator } from './declarative-authenticator.js';

export class NoAuth extends HeaderAuthenticator {
  readonly kind = 'NoAuth';

  async authHeaders(): Promise<Record<string, string>> {
    return {};
  }
}
