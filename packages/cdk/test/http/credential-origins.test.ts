/**
 * Credentials go only to the origins they belong to. A second server on 127.0.0.2 plays another
 * host; the tests check what it actually received (headers, query, cookies, body): never a secret.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type FaultServer, type RecordedRequest, reply, sendJson, useFaultServer } from '@tributary/test-support/fault-server';
import { ConnectorError } from '../../src/errors/connector-error.js';
import { ApiKeyAuthenticator } from '../../src/http/auth/api-key-authenticator.js';
import { BasicAuthenticator } from '../../src/http/auth/basic-authenticator.js';
import { OAuth2Authenticator } from '../../src/http/auth/oauth2-authenticator.js';
import { TokenAuthenticator } from '../../src/http/auth/token-authenticator.js';
import type { Authenticator } from '../../src/http/authenticator.js';
import type { CrossOriginPolicy } from '../../src/http/credential-scope.js';
import { HttpClient } from '../../src/http/http-client.js';
import type { RetryPolicyOptions } from '../../src/http/retry-policy.js';
import { registerSecret } from '../../src/output/secret-masker.js';
import { HttpStream } from '../../src/streams/http/http-stream.js';
import type { Paginator } from '../../src/streams/http/paginator.js';
import { LinkHeaderPaginator } from '../../src/streams/http/paginators/link-header-paginator.js';
import { NextUrlPaginator } from '../../src/streams/http/paginators/next-url-paginator.js';
import { readAll, readUntilFailure } from '../helpers/read-records.js';

let api: FaultServer;
let other: FaultServer;
useFaultServer((started) => {
  api = started;
});
useFaultServer((started) => {
  other = started;
}, '127.0.0.2');

const KEY = 'origin-test-api-key-7c41d9';
const TOKEN = 'origin-test-bearer-5e20aa';
const ACCESS_TOKEN = 'origin-test-oauth-access-33c1';
const CLIENT_SECRET = 'origin-test-client-secret-90ab';
const REFRESH_TOKEN = 'origin-test-refresh-token-d4e7';
const PASSWORD = 'origin-test-password-19fe';
const BASIC = Buffer.from(`origin-user:${PASSWORD}`).toString('base64');
/** A config value marked `airbyte_secret` that the stream itself puts in a header or a cookie. */
const SESSION = 'origin-test-session-83b2';
registerSecret(SESSION);
const SECRETS = [KEY, TOKEN, ACCESS_TOKEN, CLIENT_SECRET, REFRESH_TOKEN, PASSWORD, BASIC, SESSION];
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'x-auth-token'];

const FAST: RetryPolicyOptions = { maxRetries: 3, backoff: { baseMs: 5, maxDelayMs: 10 } };
const REDIRECTS = [301, 302, 303, 307, 308] as const;

const AUTHENTICATORS: Record<string, () => Authenticator> = {
  'API key header': () => new ApiKeyAuthenticator({ key: KEY, header: 'X-Api-Key' }),
  'API key query parameter': () => new ApiKeyAuthenticator({ key: KEY, queryParam: 'api_key' }),
  bearer: () => new TokenAuthenticator({ token: TOKEN }),
  'token in a custom header': () => new TokenAuthenticator({ token: TOKEN, header: 'X-Auth-Token', scheme: '' }),
  basic: () => new BasicAuthenticator({ username: 'origin-user', password: PASSWORD }),
  'OAuth2 access token': () =>
    new OAuth2Authenticator({
      tokenUrl: `${api.url}/oauth/token`,
      clientId: 'origin-client',
      clientSecret: CLIENT_SECRET,
      refreshToken: REFRESH_TOKEN,
      accessToken: ACCESS_TOKEN,
      expiresAt: Date.now() + 3_600_000,
    }),
};

interface Setup {
  authenticator?: Authenticator;
  crossOriginRequests?: CrossOriginPolicy;
  credentialOrigins?: string[];
  paginator?: Paginator<string>;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
  path?: string;
}

class Items extends HttpStream<{ id: number }> {
  urlBase = `${api.url}/api`;
  recordsPath = 'data';
  retryPolicy = FAST;

  constructor(private readonly setup: Setup = {}) {
    super();
  }
  get authenticator() {
    return this.setup.authenticator;
  }
  get crossOriginRequests() {
    return this.setup.crossOriginRequests;
  }
  get credentialOrigins() {
    return this.setup.credentialOrigins;
  }
  get paginator() {
    return this.setup.paginator;
  }
  get httpMethod() {
    return this.setup.method;
  }
  path() {
    return this.setup.path ?? 'items';
  }
  requestHeaders() {
    return this.setup.headers;
  }
  requestBodyJson() {
    return this.setup.body;
  }
}

const ids = (records: Array<{ id: number }>) => records.map((record) => record.id);
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What a server received, as one text: its URL, headers and body. */
function seen(request: RecordedRequest): string {
  return JSON.stringify({ url: request.url.href, headers: request.headers, body: request.body });
}

/** `server` received no credential header, and no secret anywhere (in any common spelling). */
function assertReceivedNoSecret(server: FaultServer): void {
  for (const request of server.requests) {
    const text = seen(request);
    for (const secret of SECRETS) {
      for (const spelling of [secret, encodeURIComponent(secret)])
        assert.ok(!text.includes(spelling), `a secret reached ${server.url}: ${text}`);
    }
    for (const header of CREDENTIAL_HEADERS) assert.equal(request.headers[header], undefined, `${header} reached ${server.url}: ${text}`);
  }
}

function redirectTo(location: (context: { url: URL }) => string, status: number, headers: Record<string, string> = {}) {
  return ({ res, url }: { res: import('node:http').ServerResponse; url: URL }) => {
    res.writeHead(status, { location: location({ url }), 'content-length': 0, ...headers });
    res.end();
  };
}

test('a redirect to another host is refused by default, whatever the authenticator: the other host gets no request at all', async () => {
  other.on('/items', reply.json({ data: [{ id: 1 }] }));
  for (const status of REDIRECTS) {
    for (const [kind, authenticator] of Object.entries(AUTHENTICATORS)) {
      api.requests.length = 0;
      api.on(
        '/api/items',
        redirectTo(({ url }) => `${other.url}/items${url.search}`, status),
      );
      const { records, error } = await readUntilFailure(new Items({ authenticator: authenticator() }));
      const label = `${kind}, HTTP ${status}`;
      assert.deepEqual(records, [], label);
      assert.ok(error instanceof ConnectorError, `${label}: ${error}`);
      assert.equal(error.failureType, 'system_error', label);
      assert.match(error.message, /^Refused to send credentials to another origin/, label);
      assert.match(
        error.message,
        new RegExp(
          `: GET ${escaped(api.url)}/api/items(\\?api_key=\\*{4})? answered HTTP ${status}, a redirect to ${escaped(other.url)} \\(GET ${escaped(other.url)}/items`,
        ),
        label,
      );
      assert.ok(error.message.includes(`belong to ${api.url} only`), `${label}: ${error.message}`);
      assert.match(error.message, /credentialOrigins.*crossOriginRequests = 'without-credentials'/, label);
      for (const secret of SECRETS) assert.ok(!error.message.includes(secret), `${label}: ${error.message}`);
      assert.equal(api.requestsTo('/api/items').length, 1, `${label}: not retried`);
      assert.equal(other.requests.length, 0, `${label}: ${other.requests.map(seen).join('\n')}`);
    }
  }
});

test("crossOriginRequests 'without-credentials': the redirect is followed with no credential in headers, query, cookies or body", async () => {
  other.on('/items', reply.json({ data: [{ id: 1 }, { id: 2 }] }));
  for (const status of REDIRECTS) {
    for (const [kind, authenticator] of Object.entries(AUTHENTICATORS)) {
      api.requests.length = 0;
      other.requests.length = 0;
      // The API echoes the request's query (the API key included) in the Location, and sets a cookie.
      api.on(
        '/api/items',
        redirectTo(({ url }) => `${other.url}/items${url.search}${url.search ? '&' : '?'}view=full`, status, {
          'set-cookie': `sid=${SESSION}; Path=/`,
        }),
      );
      const stream = new Items({
        authenticator: authenticator(),
        crossOriginRequests: 'without-credentials',
        method: 'POST',
        headers: { cookie: `session=${SESSION}`, 'x-session': SESSION, 'proxy-authorization': `Basic ${BASIC}`, 'x-trace': 'kept' },
        body: { filter: 'all', api_key: KEY },
      });
      const label = `${kind}, HTTP ${status}`;
      assert.deepEqual(ids(await readAll(stream)), [1, 2], label);
      // The API itself got the credentials.
      const [first] = api.requestsTo('/api/items');
      assert.ok(first !== undefined && SECRETS.some((secret) => seen(first).includes(secret)), label);

      assert.equal(other.requests.length, 1, label);
      const [received] = other.requests as [RecordedRequest];
      assertReceivedNoSecret(other);
      assert.equal(received.headers['x-session'], undefined, label);
      assert.equal(received.headers['x-trace'], 'kept', `${label}: headers without secrets are kept`);
      assert.equal(received.url.searchParams.get('view'), 'full', label);
      assert.equal(received.url.searchParams.has('api_key'), false, label);
      // 301, 302 and 303 turn the POST into a GET; 307 and 308 keep it, and the body is left out.
      assert.equal(received.method, status === 307 || status === 308 ? 'POST' : 'GET', label);
      assert.equal(received.body, '', label);
      assert.equal(received.headers['content-type'], undefined, label);
    }
  }
});

test('a redirect within the origin keeps the credentials (set again for the new URL); 301/302/303 turn POST into GET without the body, 307/308 keep both', async () => {
  api.on('/api/new', reply.json({ data: [{ id: 7 }] }));
  for (const status of REDIRECTS) {
    for (const [kind, make] of Object.entries({
      header: () => new ApiKeyAuthenticator({ key: KEY, header: 'X-Api-Key' }),
      query: () => new ApiKeyAuthenticator({ key: KEY, queryParam: 'api_key' }),
    })) {
      api.requests.length = 0;
      // A relative Location without the key.
      api.on(
        '/api/items',
        redirectTo(() => '/api/new?step=2', status),
      );
      const stream = new Items({ authenticator: make(), method: 'POST', body: { filter: 'all' } });
      const label = `${kind}, HTTP ${status}`;
      assert.deepEqual(ids(await readAll(stream)), [7], label);
      const [target] = api.requestsTo('/api/new') as [RecordedRequest];
      if (kind === 'header') assert.equal(target.headers['x-api-key'], KEY, label);
      else assert.deepEqual(target.url.searchParams.getAll('api_key'), [KEY], label);
      assert.equal(target.url.searchParams.get('step'), '2', label);
      const kept = status === 307 || status === 308;
      assert.equal(target.method, kept ? 'POST' : 'GET', label);
      assert.equal(target.body, kept ? '{"filter":"all"}' : '', label);
      assert.equal(target.headers['content-type'], kept ? 'application/json' : undefined, label);
    }
  }
});

test('a redirect loop, or more than 10 redirects, fails at once as a system_error, without retries', async () => {
  api.on(
    '/api/items',
    redirectTo(() => '/api/elsewhere', 302),
  );
  api.on(
    '/api/elsewhere',
    redirectTo(() => '/api/items', 307),
  );
  const loop = await readUntilFailure(new Items({ authenticator: new TokenAuthenticator({ token: TOKEN }) }));
  assert.ok(loop.error instanceof ConnectorError, String(loop.error));
  assert.equal(loop.error.failureType, 'system_error');
  assert.match(
    loop.error.message,
    /elsewhere answered HTTP 307, a redirect back to GET http:\/\/127\.0\.0\.1:\d+\/api\/items.*a redirect loop/,
  );
  assert.equal(api.requests.length, 2, 'one attempt: items, then elsewhere');

  api.requests.length = 0;
  api.on(
    '/api/items',
    redirectTo(() => '/api/hop?n=1', 302),
  );
  api.on(
    '/api/hop',
    redirectTo(({ url }) => `/api/hop?n=${Number(url.searchParams.get('n')) + 1}`, 302),
  );
  const endless = await readUntilFailure(new Items());
  assert.ok(endless.error instanceof ConnectorError, String(endless.error));
  assert.equal(endless.error.failureType, 'system_error');
  assert.match(endless.error.message, /hop\?n=10 answered HTTP 302: more than 10 redirects for one request/);
  assert.equal(api.requests.length, 11, 'the request and 10 redirects, once');
});

test('a Location that is not an http(s) URL fails the request with a clear message', async () => {
  api.on(
    '/api/items',
    redirectTo(() => 'ftp://files.example.com/items', 302),
  );
  const { error } = await readUntilFailure(new Items());
  assert.ok(error instanceof ConnectorError, String(error));
  assert.match(
    error.message,
    /answered HTTP 302, a redirect to 'ftp:\/\/files\.example\.com\/items', which is not an http:\/\/ or https:\/\/ URL/,
  );
  assert.equal(api.requests.length, 1);
});

test('a next-page link to another host is refused by default: the bearer token, basic or API key never reach it', async () => {
  other.on('/api/items', reply.json({ data: [{ id: 3 }] }));
  api.on('/api/items', ({ res }) =>
    sendJson(res, { data: [{ id: 1 }, { id: 2 }] }, { headers: { link: `<${other.url}/api/items?page=2>; rel="next"` } }),
  );
  for (const [kind, authenticator] of Object.entries(AUTHENTICATORS)) {
    const { records, error } = await readUntilFailure(new Items({ authenticator: authenticator(), paginator: new LinkHeaderPaginator() }));
    assert.deepEqual(ids(records), [1, 2], kind);
    assert.ok(error instanceof ConnectorError, kind);
    assert.equal(error.failureType, 'system_error', kind);
    assert.ok(
      error.message.includes(
        `GET ${other.url}/api/items?page=2 goes to ${other.url} (a next-page link or a path pointing to another host?), but the credentials belong to ${api.url} only`,
      ),
      `${kind}: ${error.message}`,
    );
    assert.equal(other.requests.length, 0, kind);
  }
});

test("a next-page link to another host, with 'without-credentials': read without them (the echoed key taken out), and a link back gets them again", async () => {
  // The API's links echo the key; page 2 is on another host, page 3 back on the API.
  api.on('/api/items', ({ res, url }) => {
    const page = Number(url.searchParams.get('page') ?? 1);
    const next = page === 1 ? `${other.url}/api/items?page=2&api_key=${KEY}` : null;
    sendJson(res, { data: [{ id: page * 10 }], next });
  });
  other.on('/api/items', reply.json({ data: [{ id: 20 }], next: `${api.url}/api/items?page=3` }));
  const stream = new Items({
    authenticator: new ApiKeyAuthenticator({ key: KEY, queryParam: 'api_key' }),
    paginator: new NextUrlPaginator({ nextUrlPath: 'next' }),
    crossOriginRequests: 'without-credentials',
  });
  assert.deepEqual(ids(await readAll(stream)), [10, 20, 30]);
  assert.equal(other.requests.length, 1);
  assert.equal(other.requests[0]!.url.searchParams.get('page'), '2');
  assertReceivedNoSecret(other);
  assert.deepEqual(
    api.requests.map((request) => [request.url.searchParams.get('page'), request.url.searchParams.getAll('api_key')]),
    [
      [null, [KEY]],
      ['3', [KEY]],
    ],
  );
});

test("'without-credentials' still refuses a request to another host whose path holds a secret, or whose own body does", async () => {
  api.on('/api/items', reply.json({ data: [{ id: 1 }], next: `${other.url}/keys/${KEY}/items` }));
  const inPath = await readUntilFailure(
    new Items({
      authenticator: new TokenAuthenticator({ token: TOKEN }),
      paginator: new NextUrlPaginator({ nextUrlPath: 'next' }),
      crossOriginRequests: 'without-credentials',
    }),
  );
  assert.ok(inPath.error instanceof ConnectorError, String(inPath.error));
  assert.match(inPath.error.message, /its path holds a credential, which cannot be left out/);
  assert.ok(!inPath.error.message.includes(KEY), inPath.error.message);
  assert.doesNotMatch(inPath.error.message, /set crossOriginRequests/, 'it is already set');

  const inBody = await readUntilFailure(
    new Items({ method: 'POST', body: { session: SESSION }, path: `${other.url}/items`, crossOriginRequests: 'without-credentials' }),
  );
  assert.ok(inBody.error instanceof ConnectorError, String(inBody.error));
  assert.match(inBody.error.message, /its body holds a credential/);
  assert.equal(other.requests.length, 0);
});

test('credentialOrigins: an origin the author allows gets the credentials, on redirects and next-page links', async () => {
  other.on('/files', reply.json({ data: [{ id: 2 }] }));
  api.on('/api/items', ({ res }) => sendJson(res, { data: [{ id: 1 }] }, { headers: { link: `<${api.url}/api/moved>; rel="next"` } }));
  api.on(
    '/api/moved',
    redirectTo(() => `${other.url}/files`, 307),
  );
  const stream = new Items({
    authenticator: new TokenAuthenticator({ token: TOKEN }),
    paginator: new LinkHeaderPaginator(),
    credentialOrigins: [`${other.url}/any/path/is/ignored`],
  });
  assert.deepEqual(ids(await readAll(stream)), [1, 2]);
  assert.equal(other.requests[0]?.headers.authorization, `Bearer ${TOKEN}`);

  // Only scheme, host and port count: the same host on another port is another origin.
  const port = Number(new URL(other.url).port);
  const elsewhere = new Items({
    authenticator: new TokenAuthenticator({ token: TOKEN }),
    credentialOrigins: [`http://127.0.0.2:${port + 1}`],
  });
  api.on(
    '/api/items',
    redirectTo(() => `${other.url}/files`, 302),
  );
  other.requests.length = 0;
  const { error } = await readUntilFailure(elsewhere);
  assert.ok(error instanceof ConnectorError, String(error));
  assert.match(error.message, /belong to http:\/\/127\.0\.0\.1:\d+, http:\/\/127\.0\.0\.2:\d+ only/);
  assert.equal(other.requests.length, 0);
});

test('a request that carries no credential follows a redirect to another host as it is', async () => {
  other.on('/public', reply.json({ data: [{ id: 5 }] }));
  api.on(
    '/api/items',
    redirectTo(() => `${other.url}/public`, 302),
  );
  assert.deepEqual(ids(await readAll(new Items({ headers: { 'x-trace': 'abc' } }))), [5]);
  assert.equal(other.requests[0]?.headers['x-trace'], 'abc');
});

test('an OAuth2 token endpoint that redirects to another host never hands it the client secret or the refresh token', async () => {
  for (const clientAuthentication of ['body', 'basic'] as const) {
    api.requests.length = 0;
    other.on('/oauth/token', reply.json({ access_token: 'stolen', expires_in: 3600 }));
    api.on(
      '/oauth/token',
      redirectTo(() => `${other.url}/oauth/token`, 307),
    );
    const oauth = new OAuth2Authenticator({
      tokenUrl: `${api.url}/oauth/token`,
      clientId: 'origin-client',
      clientSecret: CLIENT_SECRET,
      refreshToken: REFRESH_TOKEN,
      clientAuthentication,
      httpClient: new HttpClient({ retry: FAST }),
    });
    const { error } = await readUntilFailure(new Items({ authenticator: oauth }));
    assert.ok(error instanceof ConnectorError, String(error));
    assert.equal(error.failureType, 'system_error');
    assert.ok(error.message.includes(`a redirect to ${other.url}`), error.message);
    assert.equal(other.requests.length, 0, clientAuthentication);
    assert.equal(api.requestsTo('/oauth/token').length, 1, 'not retried');
    assert.equal(api.requestsTo('/api/items').length, 0, 'no request without a token');
  }
});

test('credentialOrigins must be http(s) origins', async () => {
  for (const [origins, message] of [
    [['not a url'], /credentialOrigins: 'not a url' is not an origin; give origins like 'https:\/\/api\.example\.com'/],
    [['ftp://files.example.com'], /credentialOrigins: 'ftp:\/\/files\.example\.com' is not an http:\/\/ or https:\/\/ origin/],
  ] as const) {
    api.on('/api/items', reply.json({ data: [] }));
    const { error } = await readUntilFailure(
      new Items({ authenticator: new TokenAuthenticator({ token: TOKEN }), credentialOrigins: [...origins] }),
    );
    assert.ok(error instanceof ConnectorError, String(error));
    assert.match(error.message, message);
  }
});
