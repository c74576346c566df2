// The CDK's LegacySessionTokenAuthenticator: the configured session token, checked with a GET of
// `<url_base><validate_session_url>` on every use (a 401 means it is no longer valid); else a token
// from POSTing `{"username", "password"}` as JSON to `<url_base><login_url>`, kept for a day by
// those four values (the CDK's process-wide cache), sent in the `header` it names.
import { type AuthContext, ConnectorError, type HttpClient, HttpError, registerSecret } from '@tributary/cdk';
import type { LegacySessionTokenAuthenticator as LegacyModel } from '../../components/component-types.js';
import { parametersOf } from '../../interpolated/evaluation-context.js';
import { InterpolatedString } from '../../interpolated/interpolated-string.js';
import { jsonDumps } from '../../interpolation/builtins/json-dumps.js';
import { type AuthenticatorEnvironment, authHttpClient } from '../authenticator-environment.js';
import { HeaderAuthenticator } from '../declarative-authenticator.js';
import { pythonText } from '../oauth/token-response.js';

const DAY_MICROS = 86_400 * 1e6;
const tokenCache = new Map<string, { token: string; at: number }>();

type Field = 'urlBase' | 'header' | 'sessionToken' | 'responseKey' | 'username' | 'password' | 'loginUrl' | 'validateUrl';

export class LegacySessionTokenAuthenticator extends HeaderAuthenticator {
  readonly kind = 'LegacySessionTokenAuthenticator';
  private readonly fields: Record<Field, InterpolatedString>;
  private readonly client: HttpClient;

  constructor(
    model: LegacyModel,
    private readonly env: AuthenticatorEnvironment,
  ) {
    super();
    const parameters = parametersOf(model);
    const field = (text: string | undefined) => new InterpolatedString(text ?? '', parameters);
    this.fields = {
      urlBase: field(env.urlBase),
      header: field(model.header),
      sessionToken: field(model.session_token),
      responseKey: field(model.session_token_response_key),
      username: field(model.username),
      password: field(model.password),
      loginUrl: field(model.login_url),
      validateUrl: field(model.validate_session_url),
    };
    this.client = authHttpClient(env);
  }

  async authHeaders(context?: AuthContext): Promise<Record<string, string>> {
    const header = this.text('header');
    return header ? { [header]: await this.token(context) } : {};
  }

  async token(context: AuthContext = {}): Promise<string> {
    const sessionToken = this.text('sessionToken');
    registerSecret(sessionToken);
    if (sessionToken && (await this.isValid(sessionToken, context))) return sessionToken;
    const password = this.text('password');
    const username = this.text('username');
    if (password && username) {
      registerSecret(password);
      context.logger?.info('Using generated session token by username and password');
      return this.newSessionToken(username, password, context);
    }
    throw ConnectorError.config('Invalid credentials: session token is not valid or provide username and password');
  }

  private text(field: Field): string {
    return this.fields[field].evalString(this.env);
  }

  private async isValid(sessionToken: string, context: AuthContext): Promise<boolean> {
    const url = `${this.text('urlBase')}${this.text('validateUrl')}`;
    try {
      await this.client.send({ url, headers: { [this.text('header')]: sessionToken } }, { signal: context.signal, logger: context.logger });
      context.logger?.info('Connection check for source is successful.');
      return true;
    } catch (error) {
      if (error instanceof HttpError && error.status === 401) {
        context.logger?.info('Unable to connect by session token from config: the API answered HTTP 401');
        return false;
      }
      if (error instanceof ConnectorError) {
        throw new ConnectorError(`Error while validating session token: ${error.message}`, {
          failureType: error.failureType,
          cause: error,
        });
      }
      throw error;
    }
  }

  private async newSessionToken(username: string, password: string, context: AuthContext): Promise<string> {
    const url = `${this.text('urlBase')}${this.text('loginUrl')}`;
    const responseKey = this.text('responseKey');
    const key = JSON.stringify([url, username, password, responseKey]);
    const now = this.env.clock();
    const cached = tokenCache.get(key);
    if (cached !== undefined && now - cached.at < DAY_MICROS) return cached.token;
    const response = await this.client.send(
      { method: 'POST', url, headers: { 'Content-Type': 'application/json' }, body: jsonDumps({ username, password }) },
      { signal: context.signal, logger: context.logger, format: 'json' },
    );
    const body = (await response.json()) as Record<string, unknown> | null;
    if (body === null || typeof body !== 'object' || !Object.hasOwn(body, responseKey)) {
      throw new ConnectorError(`The session login response of ${url} has no '${responseKey}'`);
    }
    const token = pythonText(body[responseKey]);
    registerSecret(token);
    tokenCache.set(key, { token, at: now });
    return token;
  }
}
