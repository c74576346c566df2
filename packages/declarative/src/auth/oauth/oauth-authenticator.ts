// The CDK's OAuthAuthenticator (DeclarativeOauth2Authenticator, and the single-use refresh token
// variant when `refresh_token_updater` is set): `Authorization: Bearer <access token>`, the token
// refreshed once it has expired (`now > expiry`, checked again after waiting for the process-wide
// refresh lock), or used as configured when there is no token endpoint (`access_token_value`).
import { type AuthContext, type AuthRequest, ConnectorError, type HttpClient } from '@tributary/cdk';
import type { Clock } from '../../interpolation/clock.js';
import type { PyDateTime } from '../../interpolation/datetime/model.js';
import { HeaderAuthenticator } from '../declarative-authenticator.js';
import { abDatetimeNow, addSeconds, isAfter } from './airbyte-datetime.js';
import type { RefreshTokenErrors } from './refresh-errors.js';
import { exclusively } from './refresh-lock.js';
import { buildRefreshRequest, type RefreshFields } from './refresh-request.js';
import { callTokenEndpoint } from './token-endpoint.js';
import { type ExpiryRule, findValue, parseExpiry, pythonText } from './token-response.js';
import type { TokenState } from './token-state.js';

/** The lifetime assumed when the answer gives none and the current token has expired. */
const DEFAULT_LIFETIME_SECONDS = 3600;

export interface OAuthParts {
  readonly fields: RefreshFields;
  /** False when the manifest has no `token_refresh_endpoint` (a static `access_token_value`). */
  readonly hasEndpoint: boolean;
  readonly state: TokenState;
  readonly expiryRule: ExpiryRule;
  readonly accessTokenName: () => string;
  readonly expiresInName: () => string;
  /** Where the answer carries a new refresh token; only a single-use refresh token variant keeps it. */
  readonly newRefreshTokenName: string | null;
  readonly errors: RefreshTokenErrors;
  readonly client: HttpClient;
  readonly clock: Clock;
}

export class OAuthAuthenticator extends HeaderAuthenticator {
  readonly kind = 'OAuthAuthenticator';

  constructor(private readonly parts: OAuthParts) {
    super();
  }

  async authHeaders(context?: AuthContext): Promise<Record<string, string>> {
    return { Authorization: `Bearer ${await this.accessToken(context)}` };
  }

  /** The access token, refreshed first when it has expired. */
  async accessToken(context?: AuthContext): Promise<string> {
    if (this.isAccessTokenFlow()) return this.parts.state.accessToken() as string;
    if (this.hasExpired()) {
      await exclusively(async () => {
        if (this.hasExpired()) await this.refresh(context);
      });
    }
    return this.parts.state.accessToken() ?? '';
  }

  /** After a 401: a new token, unless another request already got one since this one was sent. */
  async refreshAfterUnauthorized(request: AuthRequest, context: AuthContext): Promise<boolean> {
    if (this.isAccessTokenFlow()) return false;
    const sent = request.headers.authorization;
    await exclusively(async () => {
      if (sent === `Bearer ${this.parts.state.accessToken() ?? ''}`) await this.refresh(context);
    });
    return true;
  }

  hasExpired(): boolean {
    const expiry = this.parts.state.expiry();
    return expiry === null || isAfter(abDatetimeNow(this.parts.clock), expiry);
  }

  private isAccessTokenFlow(): boolean {
    if (this.parts.hasEndpoint) return false;
    if (this.parts.state.accessToken() === null) {
      throw new ConnectorError(
        'OAuth authentication has no access token: the OAuthAuthenticator has neither a token_refresh_endpoint nor an access_token_value',
      );
    }
    return true;
  }

  private async refresh(context?: AuthContext): Promise<void> {
    const { parts } = this;
    const request = await buildRefreshRequest(parts.fields);
    const accessTokenName = parts.accessTokenName();
    const body = await callTokenEndpoint({ client: parts.client, request, errors: parts.errors, accessTokenName }, context);
    const accessToken = findValue(body, accessTokenName);
    if (!accessToken) throw new ConnectorError(`Token refresh API response was missing access token ${accessTokenName}`);
    const refreshToken = parts.newRefreshTokenName === null ? undefined : findValue(body, parts.newRefreshTokenName);
    parts.state.store({ accessToken: pythonText(accessToken), expiry: this.expiryOf(body), refreshToken });
    context?.logger?.info('Obtained a new OAuth access token from the token endpoint');
  }

  /** The CDK's `_extract_token_expiry_date`. */
  private expiryOf(body: unknown): PyDateTime {
    const now = abDatetimeNow(this.parts.clock);
    const value = findValue(body, this.parts.expiresInName());
    if (value !== undefined) return parseExpiry(value, this.parts.expiryRule, now);
    const current = this.parts.state.expiry();
    if (current !== null && !isAfter(now, current)) return current;
    return addSeconds(now, DEFAULT_LIFETIME_SECONDS);
  }
}
