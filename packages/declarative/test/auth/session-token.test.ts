/**
 * SessionTokenAuthenticator and LegacySessionTokenAuthenticator against real login endpoints:
 * the login request as the CDK's HttpRequester builds it (JSON and form bodies, query parameters,
 * its own authenticator, a URL with a query), the token at `session_token_path` (JSON or XML),
 * sent as Bearer or where an ApiKey option says, kept for `expiration_duration` or fetched again
 * for every read as the CDK does, a login on another host than the API, failures.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { ConnectorError, HttpClient } from '@tributary/cdk';
import { secretMasker } from '@tributary/cdk/runtime';
import { FaultServer, reply, sendJson } from '@tributary/test-support/fault-server';
import { createAuthenticator } from '../../src/auth/create-authenticator.js';
import type { DeclarativeAuthenticator } from '../../src/auth/declarative-authenticator.js';
import { authEnv, TestClock } from './helpers.js';

const clock = new TestClock();
let login: FaultServer;
let api: FaultServer;
let issued = 0;

before(async () => {
  login = await FaultServer.start('127.0.0.2');
  api = await FaultServer.start();
  login.on('/login', ({ res }) => sendJson(res, { data: { token: `session-${++issued}-abcdef` } }));
  login.on('/xml-login', ({ res }) => {
    const body = `<?xml version="1.0"?><auth><token>xml-session-${++issued}</token></auth>`;
    res.writeHead(200, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  login.on('/refused', reply.status(401, { error: 'bad credentials' }));
  login.on('/forbidden', reply.status(403, { error: 'forbidden' }));
  api.on('/items', ({ req, res }) => {
    const ok = String(req.headers.authorization ?? '') === `Bearer session-${issued}-abcdef`;
    sendJson(res, ok ? { data: [] } : { error: 'session expired' }, { status: ok ? 200 : 401 });
  });
});
after(async () => {
  await login.close();
  await api.close();
});
beforeEach(() => {
  login.requests.length = 0;
  api.requests.length = 0;
});

const config = { base: '', email: 'me@example.com', password: 'pa ss&word', username: 'user', api_key: 'key-123456' };

function session(fields: Record<string, unknown>, loginFields: Record<string, unknown> = {}): DeclarativeAuthenticator {
  return createAuthenticator(
    {
      type: 'SessionTokenAuthenticator',
      login_requester: { type: 'HttpRequester', url_base: '{{ config.base }}', path: '/login', http_method: 'POST', ...loginFields },
      session_token_path: ['data', 'token'],
      request_authentication: { type: 'Bearer' },
      ...fields,
    },
    authEnv({ ...config, base: login.url }, clock, { name: 'items' }),
  );
}

describe('the login request', () => {
  test('a JSON body (json.dumps spacing, application/json) and the token as a Bearer token', async () => {
    const auth = session(
      {},
      { authenticator: { type: 'NoAuth' }, request_body_json: { email: "{{ config['email'] }}", password: "{{ config['password'] }}" } },
    );
    const headers = await auth.authHeaders();
    assert.match(headers.Authorization, /^Bearer session-\d+-abcdef$/);
    const [request] = login.requests;
    assert.equal(request.method, 'POST');
    assert.equal(request.body, '{"email": "me@example.com", "password": "pa ss&word"}');
    assert.equal(request.headers['content-type'], 'application/json');
  });

  test('a form body (request_body_data), its own Basic authenticator, and query parameters', async () => {
    await session(
      { expiration_duration: 'PT1H' },
      {
        authenticator: { type: 'BasicHttpAuthenticator', username: '{{ config.username }}', password: '{{ config.password }}' },
        request_body_data: { scope: 'read', api_key: '{{ config.api_key }}', none: '{{ config.absent }}' },
        request_parameters: { email: '{{ config.email }}' },
      },
    ).authHeaders();
    const [request] = login.requests;
    assert.equal(request.body, 'scope=read&api_key=key-123456');
    assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(request.headers.authorization, `Basic ${Buffer.from('user:pa ss&word').toString('base64')}`);
    assert.equal(request.url.searchParams.get('email'), 'me@example.com');
  });

  test('a URL base with a query of its own and an empty path (source-dockerhub); a POST without a body sends none', async () => {
    await session({}, { url_base: '{{ config.base }}/login?service=registry&scope=repo:pull', path: '', http_method: 'GET' }).authHeaders();
    assert.equal(login.requests[0].url.search, '?service=registry&scope=repo:pull');
    await session({}, {}).authHeaders();
    assert.equal(login.requests[1].body, '');
    assert.equal(login.requests[1].headers['content-type'], undefined);
  });

  test('an XML login answer (XmlDecoder)', async () => {
    const auth = session({ decoder: { type: 'XmlDecoder' }, session_token_path: ['auth', 'token'] }, { path: '/xml-login' });
    assert.match((await auth.authHeaders()).Authorization, /^Bearer xml-session-\d+$/);
  });
});

describe('the session token', () => {
  test('as an ApiKey header: read three times per header without an expiry (three logins, as the CDK)', async () => {
    const auth = session({
      request_authentication: { type: 'ApiKey', inject_into: { type: 'RequestOption', inject_into: 'header', field_name: 'X-Session' } },
    });
    const headers = await auth.authHeaders();
    assert.deepEqual(Object.keys(headers), ['X-Session']);
    assert.equal(login.requests.length, 3);
  });

  test('as a Bearer token without an expiry: one login per read', async () => {
    const auth = session({});
    await auth.authHeaders();
    await auth.authHeaders();
    assert.equal(login.requests.length, 2);
  });

  test('with expiration_duration: kept until it expires', async () => {
    const auth = session({ expiration_duration: 'PT1H' });
    const first = await auth.authHeaders();
    clock.advance(3600);
    assert.deepEqual(await auth.authHeaders(), first);
    assert.equal(login.requests.length, 1);
    clock.advance(1);
    assert.notDeepEqual(await auth.authHeaders(), first);
    assert.equal(login.requests.length, 2);
  });

  test('an api_token template around the session token, in a query parameter', async () => {
    const auth = session({
      expiration_duration: 'P1D',
      request_authentication: {
        type: 'ApiKey',
        api_token: 'Token {{ session_token }}',
        inject_into: { type: 'RequestOption', inject_into: 'request_parameter', field_name: 'authKey' },
      },
    });
    assert.deepEqual(await auth.authHeaders(), {});
    assert.match(String((await auth.requestOptions('request_parameter')).authKey), /^Token session-\d+-abcdef$/);
  });

  test('it is registered as a secret', async () => {
    const token = (await session({}).authHeaders()).Authorization.slice('Bearer '.length);
    assert.equal(secretMasker.mask(`t=${token}`), 't=****');
  });

  test('logged in on another host than the API: the token goes to the API only; a 401 renews the session once', async () => {
    const auth = session({ expiration_duration: 'PT1H' });
    const client = new HttpClient();
    await client.send({ url: `${api.url}/items` }, { authenticator: auth });
    assert.equal(login.requests.length, 1);
    assert.equal(login.requests[0].headers.authorization, undefined);
    issued++;
    const response = await client.send({ url: `${api.url}/items` }, { authenticator: auth });
    assert.equal(response.status, 200);
    assert.equal(login.requests.length, 2, 'the API refused the old session: a new login, then the request again');
  });
});

describe('failures', () => {
  test('a refused login is a config_error with the CDK message', async () => {
    await assert.rejects(
      session({}, { path: '/refused' }).authHeaders(),
      (error: unknown) =>
        error instanceof ConnectorError &&
        error.failureType === 'config_error' &&
        /HTTP Status Code: 401. Error: Unauthorized/.test(error.message),
    );
  });

  test('an answer without the token at session_token_path', async () => {
    await assert.rejects(
      session({ session_token_path: ['data', 'missing'] }).authHeaders(),
      /nothing at session_token_path \["data","missing"\]/,
    );
  });

  test('an answer the login requester ignores (its error handler)', async () => {
    const handler = {
      type: 'DefaultErrorHandler',
      response_filters: [{ type: 'HttpResponseFilter', action: 'IGNORE', http_codes: [403] }],
    };
    await assert.rejects(session({}, { path: '/forbidden', error_handler: handler }).authHeaders(), /response got ignored by requester/);
  });
});

describe('LegacySessionTokenAuthenticator', () => {
  let metabase: FaultServer;
  before(async () => {
    metabase = await FaultServer.start();
    metabase.on('/api/user/current', ({ req, res }) => {
      const ok = req.headers['x-metabase-session'] === 'valid-session';
      sendJson(res, ok ? { common_name: 'me' } : { error: 'unauthenticated' }, { status: ok ? 200 : 401 });
    });
    metabase.on('/api/session', ({ res }) => sendJson(res, { id: 'generated-session-id' }));
  });
  after(() => metabase.close());

  function legacy(cfg: Record<string, unknown>): DeclarativeAuthenticator {
    return createAuthenticator(
      {
        type: 'LegacySessionTokenAuthenticator',
        username: "{{ config['username'] }}",
        password: "{{ config['password'] }}",
        header: 'X-Metabase-Session',
        session_token: "{{ config['session_token'] }}",
        session_token_response_key: 'id',
        login_url: 'session',
        validate_session_url: 'user/current',
      },
      authEnv(cfg, clock, { urlBase: "{{ config['instance_api_url'] }}" }),
    );
  }

  test('a configured session token that the API validates is used (checked at every use)', async () => {
    const auth = legacy({ instance_api_url: `${metabase.url}/api/`, session_token: 'valid-session' });
    assert.deepEqual(await auth.authHeaders(), { 'X-Metabase-Session': 'valid-session' });
    await auth.authHeaders();
    assert.equal(metabase.requestsTo('/api/user/current').length, 2);
  });

  test('an invalid one falls back to a login with username and password, kept for a day by those values', async () => {
    const cfg = { instance_api_url: `${metabase.url}/api/`, session_token: 'expired', username: 'u1', password: 'p1-secret' };
    assert.deepEqual(await legacy(cfg).authHeaders(), { 'X-Metabase-Session': 'generated-session-id' });
    await legacy(cfg).authHeaders();
    const logins = metabase.requestsTo('/api/session');
    assert.equal(logins.length, 1);
    assert.equal(logins[0].body, '{"username": "u1", "password": "p1-secret"}');
    assert.equal(logins[0].headers['content-type'], 'application/json');
  });

  test('neither a valid token nor username and password: a config_error', async () => {
    await assert.rejects(
      legacy({ instance_api_url: `${metabase.url}/api/`, session_token: 'expired' }).authHeaders(),
      /Invalid credentials: session token is not valid or provide username and password/,
    );
  });
});
