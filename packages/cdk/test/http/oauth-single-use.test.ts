/**
 * Single-use refresh tokens through the real CLI: the fixture in test/fixtures/oauth-source
 * reads an API whose token endpoint (a node:http server on 127.0.0.1) rotates the refresh token
 * on every refresh and rejects an old one. Each refresh must emit a CONTROL CONNECTOR_CONFIG
 * message with the new tokens, the next refresh must use the new refresh token, and no token
 * may appear anywhere but in those CONTROL messages.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { FaultServer, sendJson } from '@tributary/test-support/fault-server';
import { type CliRun, catalogFor, messagesOfType, recordsOf } from '@tributary/test-support/run-cli';
import { TempDir } from '@tributary/test-support/temp-dir';
import type { AirbyteMessage } from '../../src/protocol/types.js';
import { runFixture } from '../helpers/fixtures.js';

const CLIENT_SECRET = `client-secret-${randomBytes(6).toString('hex')}`;
const ITEMS = Array.from({ length: 6 }, (_, index) => ({ id: index + 1 }));
/** Requests one access token may make before the API answers 401 (it was revoked, say). */
const USES_PER_TOKEN = 3;

interface TokenCall {
  refreshToken: string;
  ok: boolean;
}

/** The token endpoint and the API: rotating refresh tokens, access tokens good for a few calls. */
class OAuthApi {
  validRefresh = `rt-0-${randomBytes(6).toString('hex')}`;
  readonly issued: Array<{ access: string; refresh: string }> = [];
  readonly tokenCalls: TokenCall[] = [];
  private readonly uses = new Map<string, number>();

  constructor(readonly server: FaultServer) {
    server.on('/oauth/token', ({ res, body }) => {
      const form = new URLSearchParams(body);
      const refreshToken = form.get('refresh_token') ?? '';
      const ok = refreshToken === this.validRefresh && form.get('client_secret') === CLIENT_SECRET;
      this.tokenCalls.push({ refreshToken, ok });
      if (!ok) return sendJson(res, { error: 'invalid_grant' }, { status: 400 });
      const n = this.issued.length + 1;
      const tokens = { access: `at-${n}-${randomBytes(6).toString('hex')}`, refresh: `rt-${n}-${randomBytes(6).toString('hex')}` };
      this.issued.push(tokens);
      this.validRefresh = tokens.refresh;
      sendJson(res, { access_token: tokens.access, refresh_token: tokens.refresh, expires_in: 3600, token_type: 'Bearer' });
    });
    for (const name of ['items', 'widgets']) {
      server.on(`/api/${name}`, ({ req, res, url }) => {
        const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
        const used = this.uses.get(token) ?? 0;
        const known = this.issued.some((issued) => issued.access === token);
        if (!known || used >= USES_PER_TOKEN) return sendJson(res, { message: 'token expired' }, { status: 401 });
        this.uses.set(token, used + 1);
        const page = Number(url.searchParams.get('page'));
        sendJson(res, { data: ITEMS.slice((page - 1) * 2, page * 2) });
      });
    }
  }

  /** Every token the run could have seen: client secret, refresh and access tokens. */
  secrets(): string[] {
    return [CLIENT_SECRET, ...this.tokenCalls.map((call) => call.refreshToken), ...this.issued.flatMap((t) => [t.access, t.refresh])];
  }
}

function controlConfigs(run: CliRun): Array<Record<string, unknown>> {
  return messagesOfType(run.messages, 'CONTROL').map((message) => message.control.connectorConfig.config);
}

/** Stdout without the CONTROL messages (the one place tokens belong), plus stderr. */
function everythingButControl(run: CliRun): string {
  const lines = run.stdout.split('\n').filter((line) => line.length > 0 && (JSON.parse(line) as AirbyteMessage).type !== 'CONTROL');
  return `${lines.join('\n')}\n${run.stderr}`;
}

test('CLI: every refresh of a single-use refresh token emits CONTROL with the new tokens, and the next refresh uses the new one', async () => {
  const server = await FaultServer.start();
  const dir = await TempDir.create('tributary-oauth-');
  try {
    const api = new OAuthApi(server);
    const initialRefresh = api.validRefresh;
    const config = {
      base_url: `${server.url}/api`,
      token_url: `${server.url}/oauth/token`,
      credentials: {
        client_id: 'fixture-client',
        client_secret: CLIENT_SECRET,
        refresh_token: initialRefresh,
        access_token: 'at-stale-expired',
        token_expiry_date: '2020-01-01T00:00:00Z',
      },
    };
    const catalog = await dir.json('catalog.json', catalogFor('items', 'widgets'));
    const run = await runFixture('oauth-source', [
      'read',
      '--config',
      await dir.json('config.json', config),
      '--catalog',
      catalog,
      '--debug',
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(
      recordsOf(run.messages, 'items').map((record) => record.data),
      ITEMS,
    );
    assert.deepEqual(
      recordsOf(run.messages, 'widgets').map((record) => record.data),
      ITEMS,
    );

    // The expired access token was refreshed first; 401s after a few calls forced more refreshes.
    assert.ok(api.issued.length >= 3, `expected at least 3 refreshes, got ${api.issued.length}`);
    assert.ok(
      api.tokenCalls.every((call) => call.ok),
      'no refresh used a refresh token that was already spent',
    );
    assert.deepEqual(
      api.tokenCalls.map((call) => call.refreshToken),
      [initialRefresh, ...api.issued.slice(0, -1).map((tokens) => tokens.refresh)],
      'each refresh used the refresh token the previous one returned',
    );

    // One CONTROL message per refresh, with the whole config and the new tokens.
    const configs = controlConfigs(run);
    assert.equal(configs.length, api.issued.length);
    configs.forEach((updated, index) => {
      const credentials = updated.credentials as Record<string, unknown>;
      assert.equal(credentials.refresh_token, api.issued[index]!.refresh);
      assert.equal(credentials.access_token, api.issued[index]!.access);
      const expiry = Date.parse(String(credentials.token_expiry_date));
      assert.ok(Math.abs(expiry - (Date.now() + 3_600_000)) < 120_000, `expiry ${credentials.token_expiry_date} is about an hour ahead`);
      assert.equal(credentials.client_id, 'fixture-client');
      assert.equal(credentials.client_secret, CLIENT_SECRET, 'the rest of the config is kept');
      assert.equal(updated.base_url, config.base_url);
    });

    // Tokens appear nowhere else: not in LOG or TRACE messages, not on stderr.
    const visible = everythingButControl(run);
    assert.ok(
      messagesOfType(run.messages, 'LOG').some((message) => /OAuth2 access token refreshed/.test(message.log.message)),
      'the refreshes were logged',
    );
    for (const secret of api.secrets()) assert.equal(visible.includes(secret), false, `a token leaked: ${secret.slice(0, 5)}…`);

    // The platform stores the last config; the next sync with it keeps working, the old one no longer can.
    const latest = configs[configs.length - 1]!;
    const next = await runFixture('oauth-source', ['read', '--config', await dir.json('latest.json', latest), '--catalog', catalog]);
    assert.equal(next.code, 0, next.stderr);
    assert.equal(recordsOf(next.messages, 'items').length, ITEMS.length);

    const stale = await runFixture('oauth-source', [
      'read',
      '--config',
      await dir.json('stale.json', { ...config, credentials: { ...config.credentials, access_token: undefined } }),
      '--catalog',
      catalog,
    ]);
    assert.notEqual(stale.code, 0);
    const errors = messagesOfType(stale.messages, 'TRACE').filter((message) => message.trace.type === 'ERROR');
    assert.ok(
      errors.some(
        (message) => message.trace.error?.failure_type === 'config_error' && /token refresh was refused/.test(message.trace.error.message),
      ),
    );
    for (const secret of api.secrets()) assert.equal(everythingButControl(stale).includes(secret), false);
  } finally {
    await server.close();
    await dir.remove();
  }
});
