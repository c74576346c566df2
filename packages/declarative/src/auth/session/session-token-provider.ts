// The CDK's SessionTokenProvider: the session token read at `session_token_path` in the first
// item the decoder gives for the login response. With an `expiration_duration` it is kept until
// it expires (one login at a time); without one, every read logs in again, as in the CDK.
import { type AuthContext, ConnectorError, registerSecret } from '@tributary/cdk';
import type { Decoder } from '../../decoders/decoder.js';
import { dpathGet } from '../../dpath/dpath.js';
import { plus, type Span } from '../../incremental/datetime-format.js';
import type { Clock } from '../../interpolation/clock.js';
import type { PyDateTime } from '../../interpolation/datetime/model.js';
import type { LoginRequester } from '../login/login-requester.js';
import { abDatetimeNow, isAfter } from '../oauth/airbyte-datetime.js';
import { pythonText } from '../oauth/token-response.js';
import type { TokenProvider } from '../token-provider.js';

const MISSING = Symbol('missing');

export class SessionTokenProvider implements TokenProvider {
  private current: string | null = null;
  private expiresAt: PyDateTime | null = null;
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly login: LoginRequester,
    private readonly path: readonly string[],
    private readonly lifetime: Span | null,
    private readonly decoder: Decoder,
    private readonly clock: Clock,
  ) {}

  async token(context?: AuthContext): Promise<string> {
    if (this.lifetime === null) await this.refresh(context);
    else if (this.hasExpired()) await this.refreshOnce(context);
    if (this.current === null) throw new ConnectorError('Failed to get session token, token is None');
    return this.current;
  }

  /** Forgets the token, so the next read logs in (after the API refused it). */
  invalidate(token: string): boolean {
    if (token !== this.current) return false;
    this.expiresAt = null;
    return true;
  }

  /** The token held now (null before the first login). */
  get currentToken(): string | null {
    return this.current;
  }

  private hasExpired(): boolean {
    return this.expiresAt === null || isAfter(abDatetimeNow(this.clock), this.expiresAt);
  }

  private refreshOnce(context?: AuthContext): Promise<void> {
    this.refreshing ??= this.refresh(context).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refresh(context?: AuthContext): Promise<void> {
    const response = await this.login.send(context);
    if (response === undefined) throw new ConnectorError('Failed to get session token, response got ignored by requester');
    const first = [...this.decoder.decode(response)][0];
    const token = dpathGet(first, this.path, MISSING);
    if (token === MISSING) {
      throw new ConnectorError(
        `Failed to get session token: the login response has nothing at session_token_path ${JSON.stringify(this.path)}`,
      );
    }
    this.current = token === null || token === undefined ? null : pythonText(token);
    registerSecret(this.current);
    if (this.lifetime !== null) this.expiresAt = plus(abDatetimeNow(this.clock), this.lifetime);
  }
}
