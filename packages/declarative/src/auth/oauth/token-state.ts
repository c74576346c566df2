// Where an OAuth authenticator keeps its tokens. The CDK's DeclarativeOauth2Authenticator keeps
// them in the instance (no access token yet means expired); its single-use refresh token variant
// keeps them in the connector config, at the `refresh_token_updater`'s paths, read on every use
// (so every stream's authenticator sees the tokens another one obtained) and, after a refresh,
// written there and emitted in a CONTROL message with the whole config, as the platform stores it.
import { updateConfig } from '@tributary/cdk';
import { dpathGet, type PathInput } from '../../dpath/dpath.js';
import { dpathNew } from '../../dpath/dpath-new.js';
import type { Clock } from '../../interpolation/clock.js';
import type { PyDateTime } from '../../interpolation/datetime/model.js';
import { abDatetimeNow, abDatetimeParse, addSeconds, expiryText } from './airbyte-datetime.js';
import { pythonText } from './token-response.js';

export interface RefreshedTokens {
  readonly accessToken: string;
  readonly expiry: PyDateTime;
  /** The new refresh token the answer carried (single-use refresh tokens), if any. */
  readonly refreshToken?: unknown;
}

export interface TokenState {
  /** The access token held now; null when none was obtained or configured yet. */
  accessToken(): string | null;
  /** When the access token expires; null when it never will be valid (no token yet). */
  expiry(): PyDateTime | null;
  /** The refresh token to send (single-use: the latest one, from the config). */
  refreshToken(): unknown;
  store(tokens: RefreshedTokens): void;
}

/** Tokens held by one authenticator (the CDK's DeclarativeOauth2Authenticator). */
export class InstanceTokenState implements TokenState {
  constructor(
    private token: string | null,
    private expiresAt: PyDateTime,
    private readonly refresh: () => unknown,
  ) {}

  accessToken(): string | null {
    return this.token;
  }

  expiry(): PyDateTime | null {
    return this.token === null ? null : this.expiresAt;
  }

  refreshToken(): unknown {
    return this.refresh();
  }

  store(tokens: RefreshedTokens): void {
    this.token = tokens.accessToken;
    this.expiresAt = tokens.expiry;
  }
}

export interface ConfigPaths {
  readonly accessToken: readonly string[];
  readonly refreshToken: readonly string[];
  readonly tokenExpiryDate: readonly string[];
}

/** Tokens kept in the connector config (the CDK's SingleUseRefreshTokenOauth2Authenticator). */
export class ConfigTokenState implements TokenState {
  constructor(
    private readonly config: Record<string, unknown>,
    private readonly paths: ConfigPaths,
    private readonly clock: Clock,
  ) {}

  accessToken(): string {
    return pythonText(this.read(this.paths.accessToken) ?? '');
  }

  expiry(): PyDateTime {
    const value = this.read(this.paths.tokenExpiryDate) ?? '';
    if (value === '') return addSeconds(abDatetimeNow(this.clock), -86_400);
    return abDatetimeParse(pythonText(value));
  }

  refreshToken(): unknown {
    return this.read(this.paths.refreshToken) ?? '';
  }

  store(tokens: RefreshedTokens): void {
    const refreshToken = tokens.refreshToken === undefined || tokens.refreshToken === '' ? this.refreshToken() : tokens.refreshToken;
    const expiry = expiryText(tokens.expiry);
    dpathNew(this.config, this.paths.accessToken, tokens.accessToken);
    dpathNew(this.config, this.paths.refreshToken, refreshToken);
    dpathNew(this.config, this.paths.tokenExpiryDate, expiry);
    const patch: Record<string, unknown> = {};
    dpathNew(patch, this.paths.accessToken, tokens.accessToken);
    dpathNew(patch, this.paths.refreshToken, refreshToken);
    dpathNew(patch, this.paths.tokenExpiryDate, expiry);
    updateConfig(patch);
  }

  private read(path: PathInput): unknown {
    return dpathGet(this.config, path, undefined);
  }
}
