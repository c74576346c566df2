/**
 * ApiKey, Bearer, Basic and NoAuth authenticators and the SelectiveAuthenticator, with the Python
 * CDK's cases (token.py, test_token_auth / test_selective_authenticator), then through the CDK's
 * HttpClient against a real server: the header on the wire, and no credential for another origin.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type AuthContext, ConnectorError, HttpClient } from '@tributary/cdk';
import { secretMasker } from '@tributary/cdk/runtime';
import { FaultServer, reply } from '@tributary/test-support/fault-server';
import { ApiKeyAuthenticator } from '../../src/auth/api-key-authenticator.js';
import { createAuthenticator } from '../../src/auth/create-authenticator.js';
import type { TokenProvider } from '../../src/auth/token-provider.js';
import { componentEnvironment } from '../../src/interpolated/evaluation-context.js';
import { RequestOption } from '../../src/requests/request-option.js';
import { authEnv } from './helpers.js';

const CONFIG = {
  api_key: 'key-0123456789',
  username: 'user',
  password: 'password',
  credentials: { auth_type: 'Token', token: 'tok-abcdef' },
};

describe('ApiKeyAuthenticator', () => {
  test('the deprecated `header` is a header option; the token is a template over config and parameters', async () => {
    const auth = createAuthenticator(
      {
        type: 'ApiKeyAuthenticator',
        header: 'X-{{ parameters.scheme }}-Key',
        api_token: 'Token {{ config.api_key }}',
        $parameters: { scheme: 'Api' },
      },
      authEnv(CONFIG),
    );
    assert.deepEqual(await auth.authHeaders(), { 'X-Api-Key': 'Token key-0123456789' });
    assert.deepEqual(await auth.requestOptions('request_parameter'), {});
  });

  for (const [injectInto, target] of [
    ['request_parameter', 'request_parameter'],
    ['body_data', 'body_data'],
    ['body_json', 'body_json'],
  ] as const) {
    test(`inject_into ${injectInto}: the key goes there and no header is set`, async () => {
      const auth = createAuthenticator(
        {
          type: 'ApiKeyAuthenticator',
          api_token: '{{ config.api_key }}',
          inject_into: { type: 'RequestOption', inject_into: injectInto, field_name: 'api_key' },
        },
        authEnv(CONFIG),
      );
      assert.deepEqual(await auth.authHeaders(), {});
      assert.deepEqual(await auth.requestOptions(target), { api_key: 'key-0123456789' });
      for (const other of ['request_parameter', 'body_data', 'body_json'] as const) {
        if (other !== target) assert.deepEqual(await auth.requestOptions(other), {});
      }
    });
  }

  test('inject_into body_json with a field_path nests the key', async () => {
    const auth = createAuthenticator(
      {
        type: 'ApiKeyAuthenticator',
        api_token: '{{ config.api_key }}',
        inject_into: { type: 'RequestOption', inject_into: 'body_json', field_path: ['auth', '{{ parameters.k }}'] },
        $parameters: { k: 'key' },
      },
      authEnv(CONFIG),
    );
    assert.deepEqual(await auth.requestOptions('body_json'), { auth: { key: 'key-0123456789' } });
  });

  test('neither `header` nor `inject_into`, or both, is an error as in the CDK', () => {
    assert.throws(
      () => createAuthenticator({ type: 'ApiKeyAuthenticator', api_token: 'x' }, authEnv(CONFIG)),
      /Expected either inject_into or header/,
    );
    assert.throws(
      () =>
        createAuthenticator(
          {
            type: 'ApiKeyAuthenticator',
            api_token: 'x',
            header: 'X',
            inject_into: { type: 'RequestOption', inject_into: 'header', field_name: 'Y' },
          },
          authEnv(CONFIG),
        ),
      /cannot be set both/,
    );
  });

  test('the header token is read three times per header, as the CDK reads it (a session token without expiry logs in each time)', async () => {
    let reads = 0;
    const provider: TokenProvider = { token: async (_context?: AuthContext) => `t${++reads}` };
    const option = new RequestOption({ type: 'RequestOption', inject_into: 'header', field_name: 'X-Key' }, {}, componentEnvironment({}));
    const auth = new ApiKeyAuthenticator(option, provider);
    assert.deepEqual(await auth.authHeaders(), { 'X-Key': 't3' });
    assert.equal(reads, 3);
    assert.deepEqual(await auth.requestOptions('request_parameter'), {});
    assert.equal(reads, 3);
  });

  test('the token is registered as a secret', async () => {
    const auth = createAuthenticator(
      { type: 'ApiKeyAuthenticator', header: 'X-Key', api_token: 'composed-{{ config.api_key }}' },
      authEnv(CONFIG),
    );
    await auth.authHeaders();
    assert.equal(secretMasker.mask('sent composed-key-0123456789 here'), 'sent **** here');
  });
});

describe('BearerAuthenticator, BasicHttpAuthenticator, NoAuth', () => {
  test('Bearer: Authorization: Bearer <token>, an empty token sent as the CDK sends it', async () => {
    assert.deepEqual(
      await createAuthenticator(
        { type: 'BearerAuthenticator', api_token: '{{ config.credentials.token }}' },
        authEnv(CONFIG),
      ).authHeaders(),
      {
        Authorization: 'Bearer tok-abcdef',
      },
    );
    assert.deepEqual(
      await createAuthenticator(
        { type: 'BearerAuthenticator', api_token: "{{ config.get('missing', '') }}" },
        authEnv(CONFIG),
      ).authHeaders(),
      {
        Authorization: 'Bearer ',
      },
    );
  });

  test('Basic: the CDK test vector, and an absent password is empty', async () => {
    const basic = createAuthenticator(
      { type: 'BasicHttpAuthenticator', username: '{{ config.username }}', password: '{{ config.password }}' },
      authEnv(CONFIG),
    );
    assert.deepEqual(await basic.authHeaders(), { Authorization: 'Basic dXNlcjpwYXNzd29yZA==' });
    const noPassword = createAuthenticator({ type: 'BasicHttpAuthenticator', username: '{{ config.username }}' }, authEnv(CONFIG));
    assert.deepEqual(await noPassword.authHeaders(), { Authorization: `Basic ${Buffer.from('user:').toString('base64')}` });
    assert.equal(secretMasker.mask('dXNlcjpwYXNzd29yZA=='), '****');
  });

  test('NoAuth (and no authenticator at all) sets nothing', async () => {
    for (const auth of [createAuthenticator({ type: 'NoAuth' }, authEnv({})), createAuthenticator(undefined, authEnv({}))]) {
      assert.deepEqual(await auth.authHeaders(), {});
      assert.deepEqual(await auth.requestOptions('body_json'), {});
    }
  });

  test('RateLimitedMultipleTokenAuthenticator is a config_error saying it is not supported yet', () => {
    assert.throws(
      () =>
        createAuthenticator(
          { type: 'RateLimitedMultipleTokenAuthenticator', tokens: ['a'], quota_status_source: {}, quotas: [] },
          authEnv({}),
        ),
      (error: unknown) =>
        error instanceof ConnectorError && error.failureType === 'config_error' && /not supported by Tributary yet/.test(error.message),
    );
  });

  test('a custom authenticator is a config_error naming its class', () => {
    assert.throws(
      () => createAuthenticator({ type: 'CustomAuthenticator', class_name: 'source_declarative_manifest.components.MyAuth' }, authEnv({})),
      (error: unknown) =>
        error instanceof ConnectorError && error.failureType === 'config_error' && error.message.includes('components.MyAuth'),
    );
  });
});

describe('SelectiveAuthenticator', () => {
  const model = {
    type: 'SelectiveAuthenticator',
    authenticator_selection_path: ['credentials', 'auth_type'],
    authenticators: {
      Token: { type: 'BearerAuthenticator', api_token: '{{ config.credentials.token }}' },
      Basic: { type: 'BasicHttpAuthenticator', username: '{{ config.username }}', password: '{{ config.password }}' },
    },
  };

  test('the authenticator named at the selection path is the one used', async () => {
    assert.deepEqual(await createAuthenticator(model, authEnv(CONFIG)).authHeaders(), { Authorization: 'Bearer tok-abcdef' });
    const basic = createAuthenticator(model, authEnv({ ...CONFIG, credentials: { auth_type: 'Basic' } }));
    assert.equal(basic.kind, 'BasicHttpAuthenticator');
  });

  test('a missing path or an unknown name is a config_error', () => {
    assert.throws(() => createAuthenticator(model, authEnv({})), /authenticator_selection_path` is not found in the config/);
    assert.throws(
      () => createAuthenticator(model, authEnv({ credentials: { auth_type: 'OAuth' } })),
      /The authenticator `OAuth` is not found/,
    );
  });

  test('every authenticator of the map is built, so a broken one fails even when not selected (as in the CDK)', () => {
    const broken = { ...model, authenticators: { ...model.authenticators, Other: { type: 'ApiKeyAuthenticator', api_token: 'x' } } };
    assert.throws(() => createAuthenticator(broken, authEnv(CONFIG)), /Expected either inject_into or header/);
  });
});

describe('through the CDK HttpClient', () => {
  test('the header reaches the API; a request to another origin gets no credential', async () => {
    const api = await FaultServer.start();
    const other = await FaultServer.start('127.0.0.2');
    try {
      api.on('/items', reply.json({ ok: true }));
      other.on('/items', reply.json({ ok: true }));
      const auth = createAuthenticator(
        { type: 'ApiKeyAuthenticator', header: 'X-Api-Key', api_token: '{{ config.api_key }}' },
        authEnv(CONFIG),
      );
      const client = new HttpClient();
      await client.send({ url: `${api.url}/items` }, { authenticator: auth });
      assert.equal(api.requests[0].headers['x-api-key'], 'key-0123456789');
      await assert.rejects(
        client.send({ url: `${other.url}/items` }, { authenticator: auth, credentialOrigins: [api.url] }),
        /Refused to send credentials/,
      );
      await client.send(
        { url: `${other.url}/items` },
        { authenticator: auth, credentialOrigins: [api.url], crossOriginRequests: 'without-credentials' },
      );
      assert.equal(other.requests.at(-1)?.headers['x-api-key'], undefined);
    } finally {
      await api.close();
      await other.close();
    }
  });
});
