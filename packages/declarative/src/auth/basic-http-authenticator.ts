// The CDK's BasicHttpAuthenticator: `Authorization: Basic base64(username:password)`, both
// templates over the config (the password may be left out: an empty one).
import { registerSecret } from '@tributary/cdk';
import type { BasicHttpAuthenticator as BasicModel } from '../components/component-types.js';
import { type ComponentEnvironment, parametersOf } from '../interpolated/evaluation-context.js';
import { InterpolatedString } from '../interpolated/interpolated-string.js';
import { HeaderAuthenticator } from './declarative-authenticator.js';

export class BasicHttpAuthenticator extends HeaderAuthenticator {
  readonly kind = 'BasicHttpAuthenticator';
  private readonly username: InterpolatedString;
  private readonly password: InterpolatedString;

  constructor(
    model: BasicModel,
    private readonly env: ComponentEnvironment,
  ) {
    super();
    const parameters = parametersOf(model);
    this.username = new InterpolatedString(String(model.username), parameters);
    this.password = new InterpolatedString(String(model.password ?? ''), parameters);
  }

  async authHeaders(): Promise<Record<string, string>> {
    const password = this.password.evalString(this.env);
    const encoded = Buffer.from(`${this.username.evalString(this.env)}:${password}`, 'utf8').toString('base64');
    registerSecret(password);
    registerSecret(encoded);
    return { Authorization: `Basic ${encoded}` };
  }
}
