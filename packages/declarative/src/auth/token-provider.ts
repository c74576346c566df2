// The CDK's token providers: where ApiKey and Bearer authenticators get their token. A template
// over the config (`api_token`), or a session token obtained by logging in.
import { type AuthContext, registerSecret } from '@tributary/cdk';
import type { ComponentEnvironment } from '../interpolated/evaluation-context.js';
import { InterpolatedString } from '../interpolated/interpolated-string.js';
import type { PlainDict } from '../interpolation/values/object.js';

export interface TokenProvider {
  /** The token to send now (a session provider may log in to get it). */
  token(context?: AuthContext): Promise<string>;
}

/** `str(InterpolatedString(api_token).eval(config))`; the value is registered as a secret. */
export class InterpolatedTokenProvider implements TokenProvider {
  private readonly template: InterpolatedString;

  constructor(
    apiToken: string,
    parameters: PlainDict,
    private readonly env: ComponentEnvironment,
  ) {
    this.template = new InterpolatedString(apiToken, parameters);
  }

  async token(): Promise<string> {
    const value = this.template.evalString(this.env);
    registerSecret(value);
    return value;
  }
}

/**
 * A template over the session token (`Token {{ session_token }}`), as the CDK's
 * InterpolatedSessionTokenProvider: `api_token` of a SessionTokenAuthenticator's ApiKey.
 */
export class SessionTokenTemplate implements TokenProvider {
  private readonly template: InterpolatedString;

  constructor(
    apiToken: string,
    private readonly session: TokenProvider,
    parameters: PlainDict,
    private readonly env: ComponentEnvironment,
  ) {
    this.template = new InterpolatedString(apiToken, parameters);
  }

  async token(context?: AuthContext): Promise<string> {
    const sessionToken = await this.session.token(context);
    const value = this.template.evalString(this.env, { session_token: sessionToken });
    registerSecret(value);
    return value;
  }
}
