// The CDK's ApiKeyAuthenticator: the token injected where its RequestOption says (a header, a
// query parameter, a form or JSON body field), the deprecated `header` being a header option.
import type { AuthContext } from '@tributary/cdk';
import type { RequestOption, RequestValues } from '../requests/request-option.js';
import { type AuthOptionTarget, HeaderAuthenticator } from './declarative-authenticator.js';
import type { TokenProvider } from './token-provider.js';

export class ApiKeyAuthenticator extends HeaderAuthenticator {
  readonly kind: string = 'ApiKeyAuthenticator';

  constructor(
    private readonly option: RequestOption,
    private readonly provider: TokenProvider,
  ) {
    super();
  }

  /**
   * `{ <header>: <token> }` when the option is a header. The CDK reads the header's name twice
   * (to test it, then as the key) and each read injects the token into a scratch mapping, so the
   * token is read three times; for a session token without an expiry each read is a login, and
   * the same number of logins keeps the requests those of the Python CDK.
   */
  async authHeaders(context?: AuthContext): Promise<Record<string, string>> {
    if (firstKey(await this.options('header', context)) === '') return {};
    const name = firstKey(await this.options('header', context));
    return { [name]: await this.provider.token(context) };
  }

  requestOptions(target: AuthOptionTarget, context?: AuthContext): Promise<RequestValues> {
    return this.options(target, context);
  }

  private async options(target: AuthOptionTarget | 'header', context?: AuthContext): Promise<RequestValues> {
    const options: RequestValues = {};
    if (this.option.injectInto === target) this.option.inject(options, await this.provider.token(context));
    return options;
  }
}

function firstKey(options: RequestValues): string {
  return Object.keys(options)[0] ?? '';
}
