import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type FaultServer, type HandlerContext, reply, sendJson, useFaultServer } from '@tributary/test-support/fault-server';
import { ApiKeyAuthenticator } from '../../src/http/auth/api-key-authenticator.js';
import { BasicAuthenticator } from '../../src/http/auth/basic-authenticator.js';
import { OAuth2Authenticator, type OAuth2Tokens } from '../../src/http/auth/oauth2-authenticator.js';
import { TokenAuthenticator } from '../../src/http/auth/token-authenticator.js';
import type { Authenticator, AuthRequest } from '../../src/http/authenticator.js';
import { HttpClient } from '../../src/http/http-client.js';
import { HttpError } from '../../src/http/http-error.js';
import { observeConfig, stopObservingConfig } from '../../src/output/config-updates.js';
import { secretMasker } from '../../src/output/secret-masker.js';
import type { AirbyteMessage } from '../../src/protocol/types.js';
import { HttpStream } from '../../src/streams/http/http-stream.js';
import { PageNumberPaginator } from '../../src/streams/http/paginators/page-number-paginator.js';
import { MemoryLogger, readAll, readOptions, readUntilFailure } from '../helpers/read-records.js';

let server: FaultServer;
useFaultServer((started) => {
  server = started;
});

const ITEMS = Array.from({ length: 12 }, (_, index) => ({ id: index + 1 }));
const ALL_IDS = ITEMS.map((item) => item.id);
const FAST_CLIENT = new HttpClient({ retry: { maxRetries: 2, backoff: { baseMs: 5 } }, timeoutMs: 2000 });

/** Pages of 4 items, served only to requests `accept` lets through (401 otherwise). */
function guarded(accept: (context: HandlerContext) => boolean) {
  return (context: HandlerContext) => {
    if (!accept(context)) return sendJson(context.res, { message: 'unauthorized' }, { status: 401 });
    const page = Number(context.url.searchParams.get('page'));
    sendJson(context.res, { data: ITEMS.slice((page - 1) * 4, page * 4) });
  };
}

function streamWith(authenticator: Authenticator, extra: Record<string, unknown> = {}) {
  class Protected extends HttpStream<{ id: number }> {
    urlBase = `${server.url}/api`;
    recordsPath = 'data';
    pageSize = 4;
    paginator = new PageNumberPaginator();
    httpClient = FAST_CLIENT;
    path() {
      return 'items';
    }
    requestHeaders() {
      return { Authorization: 'overridden by the authenticator', 'X-Api-Key': 'overridden too' };
    }
  }
  const stream = new Protected();
  Object.defineProperty(stream, 'authenticator', { value: authenticator });
  for (const [key, value] of Object.entries(extra)) Object.defineProperty(stream, key, { value });
  return stream;
}

const ids = (records: Array<{ id: number }>) => records.map((record) => record.id);
const authorizations = () => server.requests.map((request) => request.headers.authorization);

test('TokenAuthenticator sends a bearer token, replacing the stream header, and registers it as a secret', async () => {
  server.on(
    '/api/items',
    guarded(({ req }) => req.headers.authorization === 'Bearer tok-single-123'),
  );
  assert.deepEqual(ids(await readAll(streamWith(new TokenAuthenticator({ token: 'tok-single-123' })))), ALL_IDS);
  assert.deepEqual(authorizations(), Array(4).fill('Bearer tok-single-123'));
  assert.equal(secretMasker.mask('x tok-single-123 y'), 'x **** y');
});

test('TokenAuthenticator rotates several tokens, one per request, retries included', async () => {
  let calls = 0;
  server.on(
    '/api/items',
    guarded(() => true),
  );
  server.on('/api/flaky', (context) => {
    calls++;
    if (calls === 2) return sendJson(context.res, {}, { status: 503 });
    return guarded(() => true)(context);
  });
  const tokens = ['rot-a-111', 'rot-b-222', 'rot-c-333'];
  assert.deepEqual(ids(await readAll(streamWith(new TokenAuthenticator({ token: tokens })))), ALL_IDS);
  assert.deepEqual(authorizations(), ['Bearer rot-a-111', 'Bearer rot-b-222', 'Bearer rot-c-333', 'Bearer rot-a-111']);
  server.requests.length = 0;
  const rotating = new TokenAuthenticator({ token: tokens, scheme: 'token', header: 'X-Auth' });
  const flaky = streamWith(rotating, { path: () => 'flaky' });
  assert.deepEqual(ids(await readAll(flaky)), ALL_IDS);
  assert.deepEqual(
    server.requests.map((request) => request.headers['x-auth']),
    ['token rot-a-111', 'token rot-b-222', 'token rot-c-333', 'token rot-a-111', 'token rot-b-222'],
    'the retry of page 2 uses the next token',
  );
  assert.throws(() => new TokenAuthenticator({ token: [] }), /access token is required/);
});

test('BasicAuthenticator sends base64(user:password) and masks both encodings', async () => {
  const expected = `Basic ${Buffer.from('ana:pä55 word').toString('base64')}`;
  server.on(
    '/api/items',
    guarded(({ req }) => req.headers.authorization === expected),
  );
  assert.deepEqual(ids(await readAll(streamWith(new BasicAuthenticator({ username: 'ana', password: 'pä55 word' })))), ALL_IDS);
  assert.equal(secretMasker.mask(`${expected} pä55 word`), 'Basic **** ****');
});

test('ApiKeyAuthenticator puts the key in a header or in a query parameter', async () => {
  server.on(
    '/api/items',
    guarded(({ req }) => req.headers['x-api-key'] === 'hdr-key-777'),
  );
  assert.deepEqual(ids(await readAll(streamWith(new ApiKeyAuthenticator({ key: 'hdr-key-777', header: 'X-Api-Key' })))), ALL_IDS);
  server.requests.length = 0;
  server.on(
    '/api/items',
    guarded(({ url }) => url.searchParams.get('apikey') === 'q key/888'),
  );
  assert.deepEqual(ids(await readAll(streamWith(new ApiKeyAuthenticator({ key: 'q key/888', queryParam: 'apikey' })))), ALL_IDS);
  assert.equal(secretMasker.mask(server.requests[0]!.url.toString()).includes('888'), false, 'the encoded key is masked too');
  server.on('/api/items', reply.status(401));
  const { error } = await readUntilFailure(streamWith(new ApiKeyAuthenticator({ key: 'q key/888', queryParam: 'apikey' })));
  assert.ok(error instanceof HttpError && error.failureType === 'config_error');
  assert.ok(!error.message.includes('888'), error.message);
  assert.throws(() => new ApiKeyAuthenticator({ key: '', header: 'X-Key' }), /API key is required/);
});

test('the deprecated positional signatures still work, as the options object does', () => {
  const applied = (authenticator: { apply(request: AuthRequest): void }) => {
    const request: AuthRequest = { method: 'GET', url: new URL('https://api.example.com/items'), headers: {} };
    authenticator.apply(request);
    return { headers: request.headers, query: request.url.search };
  };
  assert.deepEqual(
    applied(new BasicAuthenticator('old-user', 'old-pass-1')),
    applied(new BasicAuthenticator({ username: 'old-user', password: 'old-pass-1' })),
  );
  assert.deepEqual(applied(new BasicAuthenticator('only-user')).headers, {
    authorization: `Basic ${Buffer.from('only-user:').toString('base64')}`,
  });
  assert.deepEqual(applied(new TokenAuthenticator('old-token-2', { scheme: 'Token', header: 'X-Auth' })).headers, {
    'x-auth': 'Token old-token-2',
  });
  assert.deepEqual(applied(new TokenAuthenticator(['old-a-3', 'old-b-3'])).headers, { authorization: 'Bearer old-a-3' });
  assert.deepEqual(applied(new ApiKeyAuthenticator('old-key-4', { header: 'X-Api-Key', prefix: 'Key ' })).headers, {
    'x-api-key': 'Key old-key-4',
  });
  assert.equal(applied(new ApiKeyAuthenticator('old-key-5', { queryParam: 'api_key' })).query, '?api_key=old-key-5');
  assert.throws(
    () => new ApiKeyAuthenticator({ key: 'k3y-k3y', header: 'X-A', queryParam: 'b' } as never),
    /exactly one of `header` or `queryParam`/,
  );
});

/** A token endpoint handing out `at-1`, `at-2`… and, when `rotate`, a new refresh token each time. */
function tokenEndpoint(options: { rotate?: boolean; expiresIn?: number; delayMs?: number } = {}) {
  const state = { issued: 0, valid: new Set<string>(), refreshTokens: ['rt-0'], bodies: [] as URLSearchParams[] };
  server.on('/oauth/token', async ({ res, body }) => {
    const form = new URLSearchParams(body);
    state.bodies.push(form);
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    if (form.get('refresh_token') !== state.refreshTokens[state.refreshTokens.length - 1] || form.get('client_secret') !== 'cs-secret') {
      return sendJson(res, { error: 'invalid_grant', error_description: 'refresh token revoked' }, { status: 400 });
    }
    state.issued++;
    const accessToken = `at-${state.issued}`;
    state.valid.add(accessToken);
    const response: Record<string, unknown> = { access_token: accessToken, token_type: 'bearer', expires_in: options.expiresIn ?? 3600 };
    if (options.rotate) {
      const next = `rt-${state.issued}`;
      state.refreshTokens.push(next);
      response.refresh_token = next;
    }
    sendJson(res, response);
  });
  server.on(
    '/api/items',
    guarded(({ req }) => state.valid.has(String(req.headers.authorization).replace('Bearer ', ''))),
  );
  return state;
}

function oauth(extra: Partial<ConstructorParameters<typeof OAuth2Authenticator>[0]> = {}) {
  return new OAuth2Authenticator({
    tokenUrl: `${server.url}/oauth/token`,
    clientId: 'client-1',
    clientSecret: 'cs-secret',
    refreshToken: 'rt-0',
    httpClient: FAST_CLIENT,
    ...extra,
  });
}

test('OAuth2 gets an access token before the first request and masks it', async () => {
  const endpoint = tokenEndpoint();
  const logger = new MemoryLogger();
  const auth = oauth({ scopes: ['read', 'write'] });
  assert.deepEqual(ids(await readAll(streamWith(auth), readOptions({ logger }))), ALL_IDS);
  assert.equal(endpoint.issued, 1);
  assert.deepEqual(Object.fromEntries(endpoint.bodies[0]!), {
    grant_type: 'refresh_token',
    refresh_token: 'rt-0',
    client_id: 'client-1',
    client_secret: 'cs-secret',
    scope: 'read write',
  });
  assert.deepEqual(authorizations().slice(1), Array(4).fill('Bearer at-1'));
  assert.equal(secretMasker.mask('at-1 cs-secret'), '**** ****');
  assert.match(logger.text('info'), /OAuth2 access token refreshed; it expires in 3600 s/);
});

test('OAuth2 refreshes shortly before the token expires', async () => {
  const endpoint = tokenEndpoint({ expiresIn: 120 });
  let now = 1_000_000;
  const auth = oauth({ accessToken: 'at-0', expiresAt: now + 30_000, now: () => now });
  endpoint.valid.add('at-0');
  const headers: Record<string, string> = {};
  await auth.apply({ method: 'GET', url: new URL(server.url), headers }, {});
  assert.equal(headers.authorization, 'Bearer at-1', 'at-0 expires within the 60 s margin: refreshed first');
  now += 50_000;
  await auth.apply({ method: 'GET', url: new URL(server.url), headers }, {});
  assert.equal(headers.authorization, 'Bearer at-1', '70 s left: still good');
  now += 15_000;
  await auth.apply({ method: 'GET', url: new URL(server.url), headers }, {});
  assert.equal(headers.authorization, 'Bearer at-2', '55 s left: refreshed');
  assert.equal(endpoint.issued, 2);
});

test('OAuth2 refreshes after a 401 and the page is read again, every record once', async () => {
  const endpoint = tokenEndpoint();
  const auth = oauth();
  let revoked = false;
  server.on(
    '/api/items',
    guarded(({ req, url }) => {
      if (url.searchParams.get('page') === '2' && !revoked) {
        revoked = true;
        endpoint.valid.delete('at-1'); // the server revokes the token mid-sync
      }
      return endpoint.valid.has(String(req.headers.authorization).replace('Bearer ', ''));
    }),
  );
  assert.deepEqual(ids(await readAll(streamWith(auth))), ALL_IDS);
  assert.equal(endpoint.issued, 2);
  assert.deepEqual(
    server.requestsTo('/api/items').map((request) => [request.url.searchParams.get('page'), request.headers.authorization]),
    [
      ['1', 'Bearer at-1'],
      ['2', 'Bearer at-1'],
      ['2', 'Bearer at-2'],
      ['3', 'Bearer at-2'],
      ['4', 'Bearer at-2'],
    ],
  );
});

test('OAuth2 refreshes once for many concurrent requests (single-flight), expired or rejected', async () => {
  const endpoint = tokenEndpoint({ delayMs: 50 });
  const auth = oauth();
  const requests = Array.from({ length: 10 }, () => ({ method: 'GET', url: new URL(server.url), headers: {} as Record<string, string> }));
  await Promise.all(requests.map((request) => auth.apply(request, {})));
  assert.equal(endpoint.issued, 1);
  assert.ok(requests.every((request) => request.headers.authorization === 'Bearer at-1'));
  // All ten get a 401 for at-1 at once: one refresh, and all retry with at-2.
  assert.deepEqual(await Promise.all(requests.map((request) => auth.refreshAfterUnauthorized(request, {}))), Array(10).fill(true));
  assert.equal(endpoint.issued, 2);
  // A request prepared with at-1 reporting its 401 late does not refresh again.
  await auth.refreshAfterUnauthorized(requests[0]!, {});
  assert.equal(endpoint.issued, 2);
});

test('OAuth2 with single-use refresh tokens hands every new refresh token to onTokensRefreshed', async () => {
  const endpoint = tokenEndpoint({ rotate: true });
  const saved: OAuth2Tokens[] = [];
  const auth = oauth({ onTokensRefreshed: (tokens) => void saved.push(tokens) });
  await auth.refresh();
  await auth.refresh();
  assert.equal(endpoint.issued, 2);
  assert.deepEqual(
    saved.map((tokens) => [tokens.accessToken, tokens.refreshToken]),
    [
      ['at-1', 'rt-1'],
      ['at-2', 'rt-2'],
    ],
  );
  assert.equal(endpoint.bodies[1]!.get('refresh_token'), 'rt-1', 'the second refresh used the rotated token');
  assert.equal(secretMasker.mask('rt-2'), '****');
});

test('OAuth2 singleUseRefreshToken writes the new tokens into the config at configPath, with the key names given', async () => {
  const endpoint = tokenEndpoint({ rotate: true });
  const emitted: AirbyteMessage[] = [];
  observeConfig({ api: { auth: { client_id: 'client-1', refresh: 'rt-0' } }, other: 1 }, (message) => emitted.push(message));
  try {
    const logger = new MemoryLogger();
    const auth = oauth({
      singleUseRefreshToken: true,
      configPath: ['api', 'auth'],
      configKeys: { accessToken: 'access', refreshToken: 'refresh', tokenExpiryDate: 'expires_at' },
      now: () => Date.UTC(2030, 0, 1),
    });
    await auth.refresh({ logger });
    await auth.refresh({ logger });
    assert.equal(endpoint.issued, 2);
    const configs = emitted.map((message) => (message.type === 'CONTROL' ? message.control.connectorConfig.config : undefined));
    assert.deepEqual(configs, [
      { api: { auth: { client_id: 'client-1', refresh: 'rt-1', access: 'at-1', expires_at: '2030-01-01T01:00:00.000Z' } }, other: 1 },
      { api: { auth: { client_id: 'client-1', refresh: 'rt-2', access: 'at-2', expires_at: '2030-01-01T01:00:00.000Z' } }, other: 1 },
    ]);
    assert.equal(endpoint.bodies[1]!.get('refresh_token'), 'rt-1');
    assert.equal(logger.text().includes('rt-'), false, 'tokens are not logged');

    // A server that does not rotate: the current refresh token is kept (and saved again), with a warning.
    const plain = tokenEndpoint();
    emitted.length = 0;
    const notRotated = oauth({ singleUseRefreshToken: true, configPath: [] });
    await notRotated.refresh({ logger });
    assert.equal(plain.issued, 1);
    const top = emitted[0]?.type === 'CONTROL' ? emitted[0].control.connectorConfig.config : undefined;
    assert.equal(top?.refresh_token, 'rt-0');
    assert.equal(top?.access_token, 'at-1');
    assert.match(logger.text('warn'), /has no new 'refresh_token'; keeping the current refresh token/);
  } finally {
    stopObservingConfig();
  }
});

test('a refused OAuth2 refresh fails as a config_error; a failing token endpoint is retried', async () => {
  tokenEndpoint();
  const { error } = await readUntilFailure(streamWith(oauth({ refreshToken: 'rt-revoked' })));
  assert.ok(error instanceof HttpError, String(error));
  assert.equal(error.failureType, 'config_error');
  assert.match(error.message, /token refresh was refused.*HTTP 400 Bad Request; the API said: invalid_grant/);
  const endpoint = tokenEndpoint();
  const original = server.requests.length;
  let failures = 0;
  server.on('/oauth/token', (context) => {
    if (failures++ === 0) return sendJson(context.res, {}, { status: 502 });
    endpoint.valid.add('at-9');
    sendJson(context.res, { access_token: 'at-9', expires_in: 60 });
  });
  assert.deepEqual(ids(await readAll(streamWith(oauth()))), ALL_IDS);
  assert.equal(server.requests.slice(original).filter((request) => request.path === '/oauth/token').length, 2);
});
