/**
 * The declarative OAuthAuthenticator against a real token endpoint, with the cases of the Python
 * CDK's test_oauth.py and test_requests_native_auth.py: the refresh form, renamed fields, headers
 * that carry the client credentials, query-string refreshes, client-credentials grants, expiry
 * (seconds, dates, nested answers, none), failures and retries, one refresh for concurrent
 * requests, a new token after a 401, and the profile assertion flow.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import { ConnectorError, HttpClient } from '@tributary/cdk';
import { secretMasker } from '@tributary/cdk/runtime';
import { createAuthenticator } from '../../src/auth/create-authenticator.js';
import type { OAuthAuthenticator } from '../../src/auth/oauth/oauth-authenticator.js';
import { authEnv, TestClock } from './helpers.js';
import { TokenServer } from './token-server.js';

const clock = new TestClock();
let server: TokenServer;
let config: Record<string, unknown>;

before(async () => {
  server = await TokenServer.start(clock);
});
after(() => server.close());
beforeEach(() => {
  server.calls.length = 0;
  server.failures = [];
  server.lifetimeSeconds = 3600;
  server.rotate = false;
  server.answer = ({ access, refresh }) => ({ access_token: access, refresh_token: refresh, expires_in: server.lifetimeSeconds });
  config = {
    endpoint: `${server.url}/oauth/token`,
    client_id: 'some_client_id',
    client_secret: 'some_client_secret',
    refresh_token: server.validRefresh,
    grant_type: 'some_grant_type',
    custom_field: 'in_outbound_request',
    another_field: 'exists_in_body',
  };
});

function oauth(fields: Record<string, unknown> = {}, env = authEnv(config, clock)): OAuthAuthenticator {
  const model = {
    type: 'OAuthAuthenticator',
    token_refresh_endpoint: '{{ config.endpoint }}',
    client_id: '{{ config.client_id }}',
    client_secret: '{{ config.client_secret }}',
    refresh_token: '{{ config.refresh_token }}',
    ...fields,
  };
  return createAuthenticator(model, env) as OAuthAuthenticator;
}

describe('the refresh request', () => {
  test('grant type, client credentials, refresh token, scopes (repeated) and extra fields that never override them', async () => {
    const auth = oauth({
      scopes: ['scope1', 'scope2'],
      grant_type: '{{ config.grant_type }}',
      refresh_request_body: {
        custom_field: '{{ config.custom_field }}',
        another_field: '{{ config.another_field }}',
        scopes: ['no_override'],
      },
    });
    const headers = await auth.authHeaders();
    assert.match(headers.Authorization, /^Bearer at-\d+-/);
    const [call] = server.calls;
    assert.deepEqual(call.form, [
      ['grant_type', 'some_grant_type'],
      ['client_id', 'some_client_id'],
      ['client_secret', 'some_client_secret'],
      ['refresh_token', config.refresh_token],
      ['scopes', 'scope1'],
      ['scopes', 'scope2'],
      ['custom_field', 'in_outbound_request'],
      ['another_field', 'exists_in_body'],
    ]);
    assert.equal(call.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(call.headers.accept, '*/*', 'no Accept: application/json, as requests sends none');
  });

  test('renamed fields (client_id_name, client_secret_name, refresh_token_name, grant_type_name)', async () => {
    await oauth({
      client_id_name: 'custom_client_id_key',
      client_secret_name: 'custom_client_secret_key',
      refresh_token_name: 'custom_refresh_token_key',
      grant_type_name: 'custom_grant_type',
    }).authHeaders();
    assert.deepEqual(
      server.calls[0].form.map(([key]) => key),
      ['custom_grant_type', 'custom_client_id_key', 'custom_client_secret_key', 'custom_refresh_token_key'],
    );
  });

  test('an Authorization in refresh_request_headers carries the client credentials: they leave the body', async () => {
    await oauth({
      grant_type: '{{ config.grant_type }}',
      refresh_request_headers: {
        Authorization: "Basic {{ [config['client_id'], config['client_secret']] | join(':') | base64encode }}",
        'Content-Type': 'application/x-www-form-urlencoded',
      },
    }).authHeaders();
    const [call] = server.calls;
    assert.equal(call.headers.authorization, 'Basic c29tZV9jbGllbnRfaWQ6c29tZV9jbGllbnRfc2VjcmV0');
    assert.deepEqual(call.form, [
      ['grant_type', 'some_grant_type'],
      ['refresh_token', config.refresh_token],
    ]);
  });

  test('send_refresh_request_as_query_params: the fields go in the query, the body is empty', async () => {
    await oauth({ send_refresh_request_as_query_params: true, refresh_request_headers: { Authorization: 'Basic dGVzdA==' } }).authHeaders();
    const [call] = server.calls;
    assert.deepEqual(call.query, [
      ['grant_type', 'refresh_token'],
      ['refresh_token', config.refresh_token],
    ]);
    assert.deepEqual(call.form, []);
    assert.equal(call.headers['content-type'], undefined);
  });

  test('an endpoint with a query of its own keeps it (source-apple-search-ads)', async () => {
    config.endpoint = `${server.url}/oauth/token?grant_type=client_credentials&scope=searchadsorg`;
    await oauth({ grant_type: 'client_credentials', refresh_token: undefined }).authHeaders();
    assert.deepEqual(server.calls[0].query, [
      ['grant_type', 'client_credentials'],
      ['scope', 'searchadsorg'],
    ]);
  });

  test('a client-credentials grant needs no refresh token, and templates may encode the credentials', async () => {
    await oauth({
      grant_type: 'client_credentials',
      refresh_token: undefined,
      client_id: '{{ config.client_id | base64encode }}',
    }).authHeaders();
    assert.deepEqual(server.calls[0].form, [
      ['grant_type', 'client_credentials'],
      ['client_id', Buffer.from('some_client_id').toString('base64')],
      ['client_secret', 'some_client_secret'],
    ]);
  });

  test('an empty client secret is sent empty; an empty client id is a config_error', async () => {
    await oauth({ client_secret: "{{ config.get('missing', '') }}" }).authHeaders();
    assert.deepEqual(server.calls[0].form[2], ['client_secret', '']);
    await assert.rejects(oauth({ client_id: "{{ config.get('missing', '') }}" }).authHeaders(), /client_id resolved to an empty value/);
  });
});

describe('building', () => {
  test('checks the CDK makes: a refresh token for the refresh_token grant, both client credentials, a JWT for a profile assertion', () => {
    assert.throws(() => oauth({ refresh_token: undefined }), /A 'refresh_token' is required when 'grant_type' is set to 'refresh_token'/);
    assert.throws(() => oauth({ client_secret: undefined }), /Both 'client_id' and 'client_secret' are required/);
    assert.throws(() => oauth({ use_profile_assertion: true }), /A 'profile_assertion' is required/);
  });

  test('access_token_value without a token endpoint is used as it is, with no request', async () => {
    const auth = oauth({
      token_refresh_endpoint: undefined,
      refresh_token: undefined,
      grant_type: 'client_credentials',
      access_token_value: 'static-{{ config.client_id }}',
    });
    assert.deepEqual(await auth.authHeaders(), { Authorization: 'Bearer static-some_client_id' });
    assert.equal(server.calls.length, 0);
  });

  test('a token_expiry_date that is not a date is a config_error', () => {
    assert.throws(
      () => oauth({ token_expiry_date: 'not a date at all' }),
      (error: unknown) =>
        error instanceof ConnectorError && error.failureType === 'config_error' && /Invalid token expiry date format/.test(error.message),
    );
  });
});

describe('expiry', () => {
  test('refreshes once, then again only after the token expired (now > expiry)', async () => {
    const auth = oauth();
    const first = await auth.authHeaders();
    clock.advance(3600);
    assert.deepEqual(await auth.authHeaders(), first, 'at the expiry instant the token is still valid');
    clock.advance(1);
    assert.notDeepEqual(await auth.authHeaders(), first);
    assert.equal(server.calls.length, 2);
  });

  for (const [label, value, seconds] of [
    ['seconds', 1000, 1000],
    ['seconds as text', '2000', 2000],
    ['fractional seconds', 86400.1, 86400],
    ['fractional seconds as text', '86400.1', 86400],
  ] as const) {
    test(`expires_in in ${label}`, async () => {
      server.answer = ({ access }) => ({ access_token: access, expires_in: value });
      const auth = oauth();
      await auth.authHeaders();
      clock.advance(seconds);
      assert.equal(auth.hasExpired(), false);
      clock.advance(1);
      assert.equal(auth.hasExpired(), true);
    });
  }

  test('with token_expiry_date_format the answer gives the time of expiration', async () => {
    server.answer = ({ access }) => ({ access_token: access, expires_at: '2024-06-16T00:00:00Z' });
    const auth = oauth({ expires_in_name: 'expires_at', token_expiry_date_format: 'YYYY-MM-DDTHH:mm:ss[Z]' });
    await auth.authHeaders();
    const now = clock.micros;
    clock.micros = Date.parse('2024-06-16T00:00:00Z') * 1000;
    assert.equal(auth.hasExpired(), false);
    clock.advance(1);
    assert.equal(auth.hasExpired(), true);
    clock.micros = now;
  });

  test('a date where seconds are expected is an error naming the value', async () => {
    server.answer = ({ access }) => ({ access_token: access, expires_in: '2022-04-24T00:00:00Z' });
    await assert.rejects(
      oauth().authHeaders(),
      /Invalid expires_in value: 2022-04-24T00:00:00Z. Expected number of seconds when no format specified/,
    );
  });

  test('nested answers are searched up to five levels deep; deeper is a config_error', async () => {
    server.answer = ({ access }) => ({
      data: { scopes: ['one'], data2: { data3: { data4: { data5: { access_token: access, expires_in: '2002' } } } } },
    });
    const auth = oauth();
    assert.match((await auth.authHeaders()).Authorization, /^Bearer at-/);
    server.answer = ({ access }) => ({ data: { data2: { data3: { data4: { data5: { data6: { access_token: access } } } } } } });
    await assert.rejects(
      oauth().authHeaders(),
      (error: unknown) =>
        error instanceof ConnectorError &&
        error.failureType === 'config_error' &&
        error.message.includes("Couldn't find the specified `access_token`"),
    );
  });

  test('without expires_in: a current expiry is kept, an expired one becomes now + 1 hour', async () => {
    server.answer = ({ access }) => ({ access_token: access });
    const future = new Date(clock.micros / 1000 + 86_400_000).toISOString();
    const kept = oauth({ access_token_value: 'configured-token', token_expiry_date: future });
    assert.deepEqual(await kept.authHeaders(), { Authorization: 'Bearer configured-token' });
    assert.equal(server.calls.length, 0);
    const renewed = oauth({ access_token_value: 'configured-token', token_expiry_date: '2020-01-01T00:00:00Z' });
    await renewed.authHeaders();
    clock.advance(3600);
    assert.equal(renewed.hasExpired(), false);
    clock.advance(1);
    assert.equal(renewed.hasExpired(), true);
  });

  test('a token_expiry_date given as epoch seconds (a number or digits)', async () => {
    for (const expiry of [Math.floor(clock.micros / 1e6) + 600, String(Math.floor(clock.micros / 1e6) + 600)]) {
      const auth = oauth({ access_token_value: 'configured-token', token_expiry_date: expiry });
      assert.deepEqual(await auth.authHeaders(), { Authorization: 'Bearer configured-token' });
    }
    assert.equal(server.calls.length, 0);
  });

  test('an expiry in the future but no access token yet: refreshed first', async () => {
    await oauth({ token_expiry_date: new Date(clock.micros / 1000 + 86_400_000).toISOString() }).authHeaders();
    assert.equal(server.calls.length, 1);
  });
});

describe('failures', () => {
  test('an answer without the access token is an error', async () => {
    server.answer = () => ({ expires_in: 1000 });
    await assert.rejects(oauth().authHeaders(), /Token refresh API response was missing access token access_token/);
  });

  test('429 and 5xx are retried', async () => {
    server.failures = [{ status: 429 }, { status: 500 }, { status: 502 }];
    await oauth().authHeaders();
    assert.equal(server.calls.length, 4);
  });

  test('a refused refresh token (refresh_token_error_*) is a config_error with the provider code, credentials masked', async () => {
    server.failures = [
      {
        status: 400,
        body: { error: 'invalid_grant', error_description: `AADSTS50173: revoked rt=${String(config.refresh_token)}\r\nTrace ID: 0000` },
      },
    ];
    const auth = oauth({
      refresh_token_error_status_codes: [400],
      refresh_token_error_key: 'error',
      refresh_token_error_values: ['invalid_grant'],
    });
    await assert.rejects(auth.authHeaders(), (error: unknown) => {
      assert.ok(error instanceof ConnectorError);
      assert.equal(error.failureType, 'config_error');
      assert.ok(error.message.startsWith('Refresh token was rejected by the OAuth provider (invalid, expired, or already used).'));
      assert.ok(error.message.endsWith('Provider error: invalid_grant: AADSTS50173'));
      assert.ok(error.internalMessage?.includes('HTTP 400'));
      assert.ok(!error.internalMessage?.includes(String(config.refresh_token)));
      return true;
    });
    assert.equal(server.calls.length, 1, 'a refused refresh is not retried');
  });

  test('a 401 whose error value is configured is a rejected refresh token too', async () => {
    server.failures = [{ status: 401, body: { error: 'invalid_client' } }];
    const auth = oauth({
      refresh_token_error_status_codes: [401],
      refresh_token_error_key: 'error',
      refresh_token_error_values: ['invalid_client'],
    });
    await assert.rejects(auth.authHeaders(), /Provider error: invalid_client$/);
  });

  test('other refusals: 400/401/403 a config_error naming the endpoint, 404 a system_error', async () => {
    server.failures = [{ status: 401, body: { error: 'nope' } }];
    await assert.rejects(
      oauth().authHeaders(),
      (error: unknown) =>
        error instanceof ConnectorError &&
        error.failureType === 'config_error' &&
        /refused the token refresh \(HTTP 401\)/.test(error.message),
    );
    server.failures = [{ status: 404 }];
    await assert.rejects(
      oauth().authHeaders(),
      (error: unknown) => error instanceof ConnectorError && error.failureType === 'system_error' && /404/.test(error.message),
    );
  });

  test('an answer that is not JSON is an error', async () => {
    server.server.on('/oauth/html', ({ res }) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>login</html>');
    });
    config.endpoint = `${server.url}/oauth/html`;
    await assert.rejects(oauth().authHeaders(), /is not JSON/);
  });
});

describe('with requests', () => {
  test('concurrent requests share one refresh', async () => {
    const auth = oauth();
    const headers = await Promise.all(Array.from({ length: 5 }, () => auth.authHeaders()));
    assert.equal(new Set(headers.map((header) => header.Authorization)).size, 1);
    assert.equal(server.calls.length, 1);
  });

  test('an access token the API rejects (401) is refreshed once and the request sent again', async () => {
    server.lifetimeSeconds = 10;
    const auth = oauth({ expires_in_name: 'lifetime' });
    server.answer = ({ access }) => ({ access_token: access, lifetime: 3600 });
    const client = new HttpClient();
    await client.send({ url: `${server.url}/api/items` }, { authenticator: auth });
    clock.advance(20);
    const response = await client.send({ url: `${server.url}/api/items` }, { authenticator: auth });
    assert.equal(response.status, 200);
    assert.equal(server.calls.length, 2);
    assert.equal(server.apiCalls >= 3, true);
  });

  test('access tokens obtained are registered as secrets', async () => {
    const { Authorization } = await oauth().authHeaders();
    const token = Authorization.slice('Bearer '.length);
    assert.equal(secretMasker.mask(`token=${token}`), 'token=****');
  });
});

describe('profile assertion', () => {
  test('a signed JWT is sent as the assertion of a jwt-bearer grant; the server verifies it', async () => {
    const auth = oauth({
      client_id: undefined,
      client_secret: undefined,
      refresh_token: undefined,
      use_profile_assertion: true,
      profile_assertion: {
        type: 'JwtAuthenticator',
        secret_key: '{{ config.client_secret }}',
        algorithm: 'HS256',
        token_duration: 1000,
        jwt_payload: { iss: 'iss' },
      },
    });
    await auth.authHeaders();
    const form = Object.fromEntries(server.calls[0].form);
    assert.deepEqual(Object.keys(form), ['grant_type', 'assertion']);
    assert.equal(form.grant_type, 'urn:ietf:params:oauth:grant-type:jwt-bearer');
    const [header, payload, signature] = form.assertion.split('.');
    assert.equal(createHmac('sha256', 'some_client_secret').update(`${header}.${payload}`).digest('base64url'), signature);
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const now = Math.floor(clock.micros / 1e6);
    assert.deepEqual(claims, { iss: 'iss', iat: now, exp: now + 1000, nbf: now });
  });
});
