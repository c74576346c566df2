import { ConnectorError } from '../../errors/connector-error.js';
import { updateConfig } from '../../output/config-updates.js';
import { registerSecret } from '../../output/secret-masker.js';
import type { AuthContext, Authenticator, AuthRequest } from '../authenticator.js';
import type { ErrorRule } from '../error-mapping.js';
import { HttpClient } from '../http-client.js';
import { redactUrl } from '../redact-url.js';

/** The tokens an OAuth2 authenticator holds after a refresh. */
export interface OAuth2Tokens {
  accessToken: string;
  /** The refresh token to use next time: a new one when the server rotates them (single-use refresh tokens). */
  refreshToken: string;
  /** When the access token expires, in epoch ms. */
  expiresAt: number;
}

/**
 * Where to refresh tokens, with which client, and where in the config a single-use refresh token is
 * written back.
 */
export interface OAuth2AuthenticatorOptions {
  /** The token endpoint, e.g. `https://api.example.com/oauth/token`. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** An access token obtained earlier (from the config), used until it expires. */
  accessToken?: string;
  /** When `accessToken` expires: epoch ms, an ISO date string or a Date. Without it, a given access token is refreshed first. */
  expiresAt?: number | string | Date;
  scopes?: readonly string[];
  /** The grant type (default `refresh_token`). */
  grantType?: string;
  /** More fields for the refresh request body. */
  extraBody?: Record<string, string>;
  /** Send the client credentials in the body (default) or as HTTP Basic authentication. */
  clientAuthentication?: 'body' | 'basic';
  /** Names of the fields of the token response (defaults `access_token`, `expires_in`, `refresh_token`). */
  accessTokenName?: string;
  expiresInName?: string;
  refreshTokenName?: string;
  /** Refresh this long before the access token expires (default 60 000 ms; at most half of a new token's lifetime). */
  refreshMarginMs?: number;
  /** The lifetime assumed when the token response has no `expires_in` (default one hour). */
  defaultLifetimeMs?: number;
  /**
   * Called after every refresh with the new tokens. With single-use refresh tokens the new
   * refresh token must be saved (in the connector config) or the next sync cannot authenticate.
   */
  onTokensRefreshed?: (tokens: OAuth2Tokens) => void | Promise<void>;
  /**
   * The API rotates refresh tokens: every refresh returns a new one and the old one stops
   * working. After each refresh the new tokens are then written into the connector's config
   * (`updateConfig`, which emits the CONTROL `CONNECTOR_CONFIG` message the platform stores), at
   * `configPath` under the `configKeys` names, so the next sync starts with the new refresh
   * token. As in the Python CDK's `SingleUseRefreshTokenOauth2Authenticator`.
   */
  singleUseRefreshToken?: boolean;
  /** Where the credentials live in the config, for `singleUseRefreshToken` (default `['credentials']`; `[]` for the top level). */
  configPath?: readonly string[];
  /** The key names under `configPath` (defaults `access_token`, `refresh_token`, `token_expiry_date`). */
  configKeys?: OAuth2ConfigKeys;
  /** The client for token requests (default: one that retries 429, 5xx and network errors). */
  httpClient?: HttpClient;
  /** The clock (tests move it). */
  now?: () => number;
}

/** Names of the config keys a single-use refresh token authenticator updates. */
export interface OAuth2ConfigKeys {
  accessToken?: string;
  refreshToken?: string;
  /** The access token's expiry, written as an ISO-8601 date-time. */
  tokenExpiryDate?: string;
}

const REFUSED: ErrorRule = {
  status: [400, 401, 403],
  action: 'fail',
  failureType: 'config_error',
  message:
    'The OAuth2 token refresh was refused; the refresh token or client credentials may be expired or revoked: authenticate the connection again',
};

/**
 * OAuth2 with a refresh token: `Authorization: Bearer <access token>`, refreshed shortly before
 * it expires and after a 401, by one refresh at a time however many requests need it
 * (single-flight). Access and refresh tokens obtained at run time are registered as secrets.
 */
export class OAuth2Authenticator implements Authenticator {
  private tokens: OAuth2Tokens;
  private refreshing: Promise<OAuth2Tokens> | undefined;
  /** When to refresh, in epoch ms: the margin before expiry, at most half the token's lifetime. */
  private refreshAt: number;
  private readonly settings: OAuth2AuthenticatorOptions;
  private readonly client: HttpClient;
  private readonly now: () => number;
  /** How many refreshes were made (for tests and logs). */
  refreshCount = 0;

  constructor(options: OAuth2AuthenticatorOptions) {
    for (const [name, value] of Object.entries({
      tokenUrl: options.tokenUrl,
      clientId: options.clientId,
      refreshToken: options.refreshToken,
    })) {
      if (typeof value !== 'string' || value.length === 0) throw ConnectorError.config(`OAuth2 authentication needs a ${name}`);
    }
    this.settings = options;
    this.client = options.httpClient ?? new HttpClient({ timeoutMs: 60_000, retry: { maxTimeMs: 300_000 } });
    this.now = options.now ?? Date.now;
    registerSecret(options.clientSecret);
    registerSecret(options.refreshToken);
    registerSecret(options.accessToken);
    this.tokens = {
      accessToken: options.accessToken ?? '',
      refreshToken: options.refreshToken,
      expiresAt: options.accessToken ? parseExpiry(options.expiresAt) : 0,
    };
    this.refreshAt = this.tokens.expiresAt - (options.refreshMarginMs ?? 60_000);
  }

  /** The tokens held now. */
  get currentTokens(): Readonly<OAuth2Tokens> {
    return { ...this.tokens };
  }

  /**
   * Sets a valid access token, refreshing it first when it is about to expire or the server
   * rejected it; one refresh at a time.
   */
  async apply(request: AuthRequest, context: AuthContext): Promise<void> {
    let tokens = this.tokens;
    if (tokens.accessToken.length === 0 || this.now() >= this.refreshAt) tokens = await this.refresh(context);
    request.headers.authorization = `Bearer ${tokens.accessToken}`;
  }

  async refreshAfterUnauthorized(request: AuthRequest, context: AuthContext): Promise<boolean> {
    // If another request refreshed since this one was prepared, its token is already new.
    if (request.headers.authorization === `Bearer ${this.tokens.accessToken}`) await this.refresh(context);
    return true;
  }

  /** Gets a new access token; concurrent callers share one refresh. */
  refresh(context: AuthContext = {}): Promise<OAuth2Tokens> {
    this.refreshing ??= this.requestTokens(context).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** Writes the tokens into the connector config (a CONTROL message), for single-use refresh tokens. */
  private saveTokensInConfig(): void {
    const keys = this.settings.configKeys ?? {};
    updateConfig(
      nestedPatch(this.settings.configPath ?? ['credentials'], {
        [keys.accessToken ?? 'access_token']: this.tokens.accessToken,
        [keys.refreshToken ?? 'refresh_token']: this.tokens.refreshToken,
        [keys.tokenExpiryDate ?? 'token_expiry_date']: new Date(this.tokens.expiresAt).toISOString(),
      }),
    );
  }

  private async requestTokens(context: AuthContext): Promise<OAuth2Tokens> {
    const s = this.settings;
    const form = new URLSearchParams({ grant_type: s.grantType ?? 'refresh_token', refresh_token: this.tokens.refreshToken });
    const headers: Record<string, string> = { accept: 'application/json' };
    if (s.clientAuthentication === 'basic') {
      const basic = Buffer.from(`${encodeURIComponent(s.clientId)}:${encodeURIComponent(s.clientSecret)}`).toString('base64');
      registerSecret(basic);
      headers.authorization = `Basic ${basic}`;
    } else {
      form.set('client_id', s.clientId);
      form.set('client_secret', s.clientSecret);
    }
    if (s.scopes && s.scopes.length > 0) form.set('scope', s.scopes.join(' '));
    for (const [name, value] of Object.entries(s.extraBody ?? {})) form.set(name, value);

    const response = await this.client.send(
      { method: 'POST', url: s.tokenUrl, headers, body: form },
      { signal: context.signal, logger: context.logger, errorRules: [REFUSED], format: 'json' },
    );
    const body = (await response.json()) as Record<string, unknown> | null;
    const accessToken = body?.[s.accessTokenName ?? 'access_token'];
    if (typeof accessToken !== 'string' || accessToken.length === 0) {
      throw new ConnectorError(`The OAuth2 token response from ${redactUrl(s.tokenUrl)} has no '${s.accessTokenName ?? 'access_token'}'`);
    }
    registerSecret(accessToken);
    const newRefresh = body?.[s.refreshTokenName ?? 'refresh_token'];
    const rotated = typeof newRefresh === 'string' && newRefresh.length > 0;
    if (rotated) registerSecret(newRefresh);
    const expiresIn = Number(body?.[s.expiresInName ?? 'expires_in']);
    const lifetime = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : (s.defaultLifetimeMs ?? 3_600_000);
    const now = this.now();
    this.tokens = {
      accessToken,
      refreshToken: rotated ? newRefresh : this.tokens.refreshToken,
      expiresAt: now + lifetime,
    };
    this.refreshAt = now + lifetime - Math.min(s.refreshMarginMs ?? 60_000, lifetime / 2);
    this.refreshCount++;
    context.logger?.info(`OAuth2 access token refreshed; it expires in ${Math.round(lifetime / 1000)} s`);
    if (s.singleUseRefreshToken) {
      if (!rotated) {
        context.logger?.warn(
          `The OAuth2 token response from ${redactUrl(s.tokenUrl)} has no new '${s.refreshTokenName ?? 'refresh_token'}'; keeping the current refresh token`,
        );
      }
      this.saveTokensInConfig();
    }
    await s.onTokensRefreshed?.({ ...this.tokens });
    return this.tokens;
  }
}

/** A patch setting `leaf` at `path` (an empty path patches the top level). */
function nestedPatch(path: readonly string[], leaf: Record<string, unknown>): Record<string, unknown> {
  let patch: Record<string, unknown> = leaf;
  for (let index = path.length - 1; index >= 0; index--) patch = { [path[index] as string]: patch };
  return patch;
}

function parseExpiry(value: number | string | Date | undefined): number {
  if (value === undefined) return 0;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? 0 : parsed;
}
