/**
 * A token endpoint and an API on a real loopback server: access tokens that expire after
 * `lifetimeSeconds` of the test's clock, refresh tokens that are single use when asked (an old one
 * is refused with `invalid_grant`), and scripted failures.
 */
import { randomBytes } from 'node:crypto';
import { FaultServer, type HandlerContext, sendJson } from '@tributary/test-support/fault-server';
import type { TestClock } from './helpers.js';

export interface TokenCall {
  form: Array<[string, string]>;
  query: Array<[string, string]>;
  headers: Record<string, string | string[] | undefined>;
}

export class TokenServer {
  readonly calls: TokenCall[] = [];
  /** Access tokens issued and when they expire (micros of the test clock). */
  readonly issued = new Map<string, number>();
  validRefresh: string;
  rotate = false;
  lifetimeSeconds = 3600;
  /** The answer's extra fields (or a replacement of the whole answer). */
  answer: (tokens: { access: string; refresh: string }) => Record<string, unknown> = ({ access, refresh }) => ({
    access_token: access,
    refresh_token: refresh,
    expires_in: this.lifetimeSeconds,
  });
  /** Statuses to answer before answering normally (one per call). */
  failures: Array<{ status: number; body?: unknown }> = [];
  apiCalls = 0;

  private constructor(
    readonly server: FaultServer,
    private readonly clock: TestClock,
    firstRefresh: string,
  ) {
    this.validRefresh = firstRefresh;
    server.on('/oauth/token', (context) => this.token(context));
    server.on('/api/items', ({ req, res }) => {
      this.apiCalls++;
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      const expires = this.issued.get(token);
      if (expires === undefined || this.clock.micros > expires) return sendJson(res, { message: 'token expired' }, { status: 401 });
      sendJson(res, { data: [{ id: 1 }] });
    });
  }

  static async start(clock: TestClock, firstRefresh = `rt-0-${randomBytes(4).toString('hex')}`): Promise<TokenServer> {
    return new TokenServer(await FaultServer.start(), clock, firstRefresh);
  }

  get url(): string {
    return this.server.url;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private token({ req, res, url, body }: HandlerContext): void {
    const form = [...new URLSearchParams(body)];
    this.calls.push({ form, query: [...url.searchParams], headers: req.headers });
    const failure = this.failures.shift();
    if (failure !== undefined) {
      sendJson(res, failure.body ?? { error: `status ${failure.status}` }, { status: failure.status });
      return;
    }
    const refresh = new URLSearchParams(body).get('refresh_token') ?? url.searchParams.get('refresh_token');
    if (this.rotate && refresh !== this.validRefresh) {
      sendJson(res, { error: 'invalid_grant' }, { status: 400 });
      return;
    }
    const n = this.issued.size + 1;
    const tokens = {
      access: `at-${n}-${randomBytes(4).toString('hex')}`,
      refresh: this.rotate ? `rt-${n}-${randomBytes(4).toString('hex')}` : this.validRefresh,
    };
    this.issued.set(tokens.access, this.clock.micros + this.lifetimeSeconds * 1e6);
    this.validRefresh = tokens.refresh;
    sendJson(res, this.answer(tokens));
  }
}
