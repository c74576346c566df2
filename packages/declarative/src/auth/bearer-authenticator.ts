// The CDK's BearerAuthenticator: `Authorization: Bearer <token>`.
import type { AuthContext } from '@tributary/cdk';
import { HeaderAuthenticator } from './declarative-authenticator.js';
import type { TokenProvider } from './token-provider.js';

export class BearerAuthenticator extends HeaderAuthenticator {
  readonly kind: string = 'BearerAuthenticator';

  constructor(private readonly provider: TokenProvider) {
    super();
  }

  async authHeaders(context?: AuthContext): Promise<Record<string, string>> {
    return { Authorization: `Bearer ${await this.provider.token(context)}` };
  }
}
