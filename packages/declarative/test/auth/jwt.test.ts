/**
 * The JwtAuthenticator: tokens encoded as PyJWT encodes them (its README's token reproduced byte
 * for byte), signed with every algorithm the component schema lists and verified by a loopback
 * server with Node's crypto and the public key; the Python CDK's cases (test_jwt.py) for headers,
 * claims, reserved names, base64 secrets, passphrase-protected keys, escaped newlines and request
 * options.
 */
import assert from 'node:assert/strict';
import { constants, createHmac, generateKeyPairSync, type KeyObject, verify } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { ConnectorError, HttpClient } from '@tributary/cdk';
import { FaultServer, sendJson } from '@tributary/test-support/fault-server';
import { createAuthenticator } from '../../src/auth/create-authenticator.js';
import type { JwtAuthenticator } from '../../src/auth/jwt/jwt-authenticator.js';
import { base64Url, signJwt } from '../../src/auth/jwt/jwt-signing.js';
import { jsonDumps } from '../../src/interpolation/builtins/json-dumps.js';
import { authEnv, TestClock } from './helpers.js';

const clock = new TestClock('2024-06-15T12:34:56+00:00');
const NOW = Math.floor(clock.micros / 1e6);

function jwt(fields: Record<string, unknown>, config: Record<string, unknown> = {}): JwtAuthenticator {
  return createAuthenticator(
    { type: 'JwtAuthenticator', secret_key: 'test_key', algorithm: 'HS256', ...fields },
    authEnv(config, clock),
  ) as JwtAuthenticator;
}

function decode(token: string): { header: Record<string, unknown>; payload: Record<string, unknown>; parts: string[] } {
  const parts = token.split('.');
  return {
    header: JSON.parse(Buffer.from(parts[0], 'base64url').toString()),
    payload: JSON.parse(Buffer.from(parts[1], 'base64url').toString()),
    parts,
  };
}

/** Verifies a JWT as a server would, with the public key (or the HMAC secret). */
function verified(token: string, algorithm: string, key: KeyObject | string): boolean {
  const [header, payload, signature] = token.split('.');
  const data = Buffer.from(`${header}.${payload}`);
  const sig = Buffer.from(signature, 'base64url');
  const digest = `sha${algorithm.slice(2) === '256K' ? '256' : algorithm.slice(2)}`;
  if (algorithm.startsWith('HS'))
    return createHmac(digest, key as string)
      .update(data)
      .digest()
      .equals(sig);
  if (algorithm === 'EdDSA') return verify(null, data, key as KeyObject, sig);
  if (algorithm.startsWith('ES')) return verify(digest, data, { key: key as KeyObject, dsaEncoding: 'ieee-p1363' }, sig);
  if (algorithm.startsWith('PS')) {
    return verify(
      digest,
      data,
      { key: key as KeyObject, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST },
      sig,
    );
  }
  return verify(digest, data, key as KeyObject, sig);
}

describe('encoding', () => {
  test("PyJWT's own README token, byte for byte", () => {
    const input = `${base64Url(jsonDumps({ typ: 'JWT', alg: 'HS256' }, { sortKeys: true, separators: [',', ':'] }))}.${base64Url(jsonDumps({ some: 'payload' }, { separators: [',', ':'] }))}`;
    assert.equal(
      `${input}.${signJwt(input, 'HS256', 'secret', null)}`,
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzb21lIjoicGF5bG9hZCJ9.4twFt5NiznN84AWoo1d7KO1T_yoc0Z6XOpOVswacPZg',
    );
  });

  test('the header: sorted, typ JWT unless set, kid/typ/cty and additional headers; reserved ones refused', async () => {
    const token = await jwt(
      { jwt_headers: { kid: '{{ config.kid }}', cty: 'JWT' }, additional_jwt_headers: { test: 'test' } },
      { kid: 'key-1' },
    ).token();
    const [headerPart] = token.split('.');
    assert.equal(Buffer.from(headerPart, 'base64url').toString(), '{"alg":"HS256","cty":"JWT","kid":"key-1","test":"test","typ":"JWT"}');
    assert.deepEqual(decode(await jwt({ jwt_headers: { typ: 'at+jwt' } }).token()).header, { alg: 'HS256', typ: 'at+jwt' });
    await assert.rejects(jwt({ additional_jwt_headers: { kid: 'x' } }).token(), /'kid', 'alg', 'typ', 'cty' are reserved headers/);
  });

  test('the claims: the additional ones, iss/sub/aud, then iat, exp = iat + token_duration (1200 by default) and nbf; reserved ones refused', async () => {
    const token = await jwt(
      {
        jwt_payload: { iss: '{{ config.iss }}', sub: 'sub', aud: 'aud' },
        additional_jwt_payload: { test: 'test', name: 'Zoë' },
        token_duration: 1000,
      },
      { iss: 'issuer' },
    ).token();
    const { payload, parts } = decode(token);
    assert.deepEqual(payload, { test: 'test', name: 'Zoë', iss: 'issuer', sub: 'sub', aud: 'aud', iat: NOW, exp: NOW + 1000, nbf: NOW });
    assert.ok(Buffer.from(parts[1], 'base64url').toString().includes('"Zo\\u00eb"'), 'non-ASCII escaped, as json.dumps does');
    assert.equal(decode(await jwt({}).token()).payload.exp, NOW + 1200);
    await assert.rejects(
      jwt({ additional_jwt_payload: { exp: 1234 } }).token(),
      /'iss', 'sub', 'aud', 'iat', 'exp', 'nbf' are reserved properties/,
    );
  });

  test('templates may call json_loads; header_prefix goes before the token', async () => {
    const auth = jwt(
      { secret_key: "{{ json_loads(config['secrets'])['secret_key'] }}", header_prefix: 'Bearer' },
      { secrets: '{"secret_key": "test"}' },
    );
    const { Authorization } = await auth.authHeaders();
    assert.match(Authorization, /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    assert.ok(verified(Authorization.slice('Bearer '.length), 'HS256', 'test'));
  });

  test('base64_encode_secret_key signs with the base64 of the secret', async () => {
    const token = await jwt({ secret_key: 'test', base64_encode_secret_key: true }).token();
    assert.ok(verified(token, 'HS256', Buffer.from('test').toString('base64')));
    assert.ok(!verified(token, 'HS256', 'test'));
  });

  for (const [target, key] of [
    ['request_parameter', 'custom_parameter'],
    ['body_data', 'custom_body'],
    ['body_json', 'custom_json'],
  ] as const) {
    test(`request_option ${target}: the token goes there, not in a header`, async () => {
      const auth = jwt({ request_option: { type: 'RequestOption', inject_into: target, field_name: key } });
      const options = await auth.requestOptions(target);
      assert.deepEqual(Object.keys(options), [key]);
      assert.ok(verified(String(options[key]), 'HS256', 'test_key'));
      assert.deepEqual(await auth.authHeaders(), {});
    });
  }

  test('a header request_option names the header; without one it is Authorization', async () => {
    assert.deepEqual(
      Object.keys(
        await jwt({ request_option: { type: 'RequestOption', inject_into: 'header', field_name: 'custom_authorization' } }).authHeaders(),
      ),
      ['custom_authorization'],
    );
    assert.deepEqual(Object.keys(await jwt({}).authHeaders()), ['Authorization']);
  });
});

describe('algorithms, verified by a server with the public key', () => {
  let server: FaultServer;
  const keys = new Map<string, KeyObject | string>();
  before(async () => {
    server = await FaultServer.start();
    server.on('/verify', ({ req, res, url }) => {
      const algorithm = url.searchParams.get('alg') ?? '';
      const token = String(req.headers.authorization ?? '');
      const ok = verified(token, algorithm, keys.get(algorithm) as KeyObject | string) && decode(token).header.alg === algorithm;
      sendJson(res, { ok }, { status: ok ? 200 : 401 });
    });
  });
  after(() => server.close());

  const pem = (key: KeyObject) => key.export({ type: 'pkcs8', format: 'pem' }) as string;
  const cases: Array<[string, () => { privateKey: string; publicKey: KeyObject | string }]> = [
    ['HS256', () => ({ privateKey: 's3cret-hs256', publicKey: 's3cret-hs256' })],
    ['HS384', () => ({ privateKey: 's3cret-hs384', publicKey: 's3cret-hs384' })],
    ['HS512', () => ({ privateKey: 's3cret-hs512', publicKey: 's3cret-hs512' })],
    ...(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'] as const).map(
      (alg) =>
        [
          alg,
          () => {
            const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
            return { privateKey: pem(pair.privateKey), publicKey: pair.publicKey };
          },
        ] as [string, () => { privateKey: string; publicKey: KeyObject }],
    ),
    ...(
      [
        ['ES256', 'prime256v1'],
        ['ES256K', 'secp256k1'],
        ['ES384', 'secp384r1'],
        ['ES512', 'secp521r1'],
      ] as const
    ).map(
      ([alg, curve]) =>
        [
          alg,
          () => {
            const pair = generateKeyPairSync('ec', { namedCurve: curve });
            return { privateKey: pem(pair.privateKey), publicKey: pair.publicKey };
          },
        ] as [string, () => { privateKey: string; publicKey: KeyObject }],
    ),
    [
      'EdDSA',
      () => {
        const pair = generateKeyPairSync('ed25519');
        return { privateKey: pem(pair.privateKey), publicKey: pair.publicKey };
      },
    ],
  ];

  for (const [algorithm, makeKeys] of cases) {
    test(algorithm, async () => {
      const { privateKey, publicKey } = makeKeys();
      keys.set(algorithm, publicKey);
      const auth = jwt({ secret_key: '{{ config.key }}', algorithm, jwt_payload: { iss: 'tributary' } }, { key: privateKey });
      const response = await new HttpClient().send({ url: `${server.url}/verify?alg=${algorithm}` }, { authenticator: auth });
      assert.equal(response.status, 200);
    });
  }

  test('EdDSA with an Ed448 key', async () => {
    const pair = generateKeyPairSync('ed448');
    keys.set('EdDSA', pair.publicKey);
    const response = await new HttpClient().send(
      { url: `${server.url}/verify?alg=EdDSA` },
      { authenticator: jwt({ secret_key: pem(pair.privateKey), algorithm: 'EdDSA' }) },
    );
    assert.equal(response.status, 200);
  });
});

describe('keys', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const encrypted = rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'test_passphrase' }) as string;

  test('a passphrase-protected private key', async () => {
    const token = await jwt(
      { secret_key: '{{ config.key }}', algorithm: 'RS256', passphrase: '{{ config.passphrase }}', jwt_payload: { iss: 'test_issuer' } },
      { key: encrypted, passphrase: 'test_passphrase' },
    ).token();
    assert.ok(verified(token, 'RS256', rsa.publicKey));
    assert.equal(decode(token).payload.iss, 'test_issuer');
  });

  test('a wrong passphrase is a config_error', async () => {
    await assert.rejects(
      jwt({ secret_key: '{{ config.key }}', algorithm: 'RS256', passphrase: 'wrong_passphrase' }, { key: encrypted }).token(),
      (error: unknown) =>
        error instanceof ConnectorError && error.failureType === 'config_error' && /Failed to sign token/.test(error.message),
    );
  });

  test('a PEM key stored with escaped newlines', async () => {
    const escaped = (rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string).replaceAll('\n', '\\n');
    assert.ok(
      verified(await jwt({ secret_key: '{{ config.key }}', algorithm: 'RS256' }, { key: escaped }).token(), 'RS256', rsa.publicKey),
    );
  });

  test('a public key is no HMAC secret; a key of the wrong type cannot sign', async () => {
    const publicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    await assert.rejects(
      jwt({ secret_key: '{{ config.key }}', algorithm: 'HS256' }, { key: publicPem }).token(),
      /should not be used as an HMAC secret/,
    );
    const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    await assert.rejects(jwt({ secret_key: '{{ config.key }}', algorithm: 'RS256' }, { key: ec }).token(), /cannot sign RS256/);
    await assert.rejects(jwt({ secret_key: '{{ config.key }}', algorithm: 'ES384' }, { key: ec }).token(), /cannot sign ES384/);
  });

  test('an algorithm PyJWT does not know is an error when building', () => {
    assert.throws(() => jwt({ algorithm: 'invalid algorithm type' }), /Algorithm not supported/);
  });
});
