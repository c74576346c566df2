/**
 * Studio's server lets only its own page in: it listens on 127.0.0.1 alone, refuses requests
 * without the run's token, from another origin or site, and to another host name (DNS
 * rebinding), and serves no file outside the project folder (`..`, absolute paths, symlinks) nor
 * the saved config. Secrets never go back to the page in clear, nor into what Studio prints.
 */
import assert from 'node:assert/strict';
import { symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { TempDir } from '@tributary/test-support/temp-dir';
import { ConnectorCopy } from './helpers/connector-copy.js';
import { rawRequest } from './helpers/raw-request.js';
import { StudioProcess } from './helpers/studio-process.js';

const SECRET = 'sk-live-0123456789abcdef';

describe('tributary studio, as a server', () => {
  let studio: StudioProcess;
  let copy: ConnectorCopy;
  let outside: TempDir;
  const token = () => ({ 'x-studio-token': studio.token });

  before(async () => {
    copy = ConnectorCopy.of('source-rest-example');
    outside = TempDir.withFiles({ 'private.txt': 'outside the project' });
    symlinkSync(outside.path, copy.file('escape'));
    symlinkSync(outside.file('private.txt'), copy.file('linked.txt'));
    writeFileSync(copy.file('notes.txt'), 'inside the project');
    studio = await StudioProcess.start(copy.path);
  });
  after(async () => {
    assert.equal(await studio.stop(), 0, 'Ctrl-C stops Studio with exit code 0');
    copy.remove();
    outside.removeSync();
  });

  test('it listens on 127.0.0.1 only: another loopback address is refused', async () => {
    const answer = await rawRequest(studio.port, '/api/project', { headers: token() });
    assert.equal(answer.status, 200);
    const refused = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.2', port: studio.port });
      socket.on('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    assert.equal(refused, 'ECONNREFUSED');
  });

  test('the API refuses a request without the token, with a wrong one, or with the token only in a cookie or the query', async () => {
    assert.equal((await rawRequest(studio.port, '/api/project')).status, 401);
    assert.equal((await rawRequest(studio.port, '/api/project', { headers: { 'x-studio-token': 'f'.repeat(64) } })).status, 401);
    assert.equal((await rawRequest(studio.port, `/api/project?token=${studio.token}`)).status, 401);
    const cookie = `tributary_studio_${studio.port}=${studio.token}`;
    assert.equal((await rawRequest(studio.port, '/api/project', { headers: { cookie } })).status, 401);
    assert.equal(
      (
        await rawRequest(studio.port, '/api/config', {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: '{"config":{}}',
        })
      ).status,
      401,
    );
  });

  test('the page needs the token once (then an HttpOnly, SameSite=Strict cookie), and so do its assets and the event stream', async () => {
    assert.equal((await rawRequest(studio.port, '/')).status, 401);
    assert.equal((await rawRequest(studio.port, '/assets/app.js')).status, 401);
    assert.equal((await rawRequest(studio.port, '/api/events')).status, 401);
    const first = await rawRequest(studio.port, `/?token=${studio.token}`);
    assert.equal(first.status, 303);
    assert.equal(first.headers.location, '/');
    const setCookie = String(first.headers['set-cookie']);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    const cookie = setCookie.split(';')[0]!;
    const page = await rawRequest(studio.port, '/', { headers: { cookie } });
    assert.equal(page.status, 200);
    assert.match(String(page.headers['content-security-policy']), /default-src 'none'; script-src 'self'/);
    assert.ok(page.body.includes(studio.token), 'the page carries the token for its API calls');
    assert.equal((await rawRequest(studio.port, '/assets/app.js', { headers: { cookie } })).status, 200);
  });

  test('requests addressed to another host name are refused (DNS rebinding)', async () => {
    for (const host of [`evil.example:${studio.port}`, `127.0.0.1.nip.io:${studio.port}`, 'localhost:1', '127.0.0.1']) {
      const answer = await rawRequest(studio.port, '/api/project', { headers: { ...token(), host } });
      assert.equal(answer.status, 421, host);
    }
    assert.equal(
      (await rawRequest(studio.port, '/api/project', { headers: { ...token(), host: `localhost:${studio.port}` } })).status,
      200,
    );
  });

  test('cross-origin and cross-site requests are refused, even with the token', async () => {
    const origins = ['http://evil.example', `http://127.0.0.1:${studio.port + 1}`, 'null', `https://127.0.0.1:${studio.port}`];
    for (const origin of origins) {
      const answer = await rawRequest(studio.port, '/api/config', {
        method: 'PUT',
        headers: { ...token(), origin, 'content-type': 'application/json' },
        body: '{"config":{}}',
      });
      assert.equal(answer.status, 403, origin);
      assert.equal(answer.headers['access-control-allow-origin'], undefined);
    }
    for (const site of ['cross-site', 'same-site']) {
      assert.equal((await rawRequest(studio.port, `/?token=${studio.token}`, { headers: { 'sec-fetch-site': site } })).status, 403, site);
    }
    const own = await rawRequest(studio.port, '/api/project', {
      headers: { ...token(), origin: studio.origin, 'sec-fetch-site': 'same-origin' },
    });
    assert.equal(own.status, 200);
    // A CORS preflight is never granted.
    const preflight = await rawRequest(studio.port, '/api/config', {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'PUT' },
    });
    assert.notEqual(preflight.status, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], undefined);
  });

  test('files: only inside the project folder, never through .., absolute paths or symlinks, never secrets/', async () => {
    const inside = await studio.api<{ text: string }>('GET', '/api/files?path=notes.txt');
    assert.equal(inside.text, 'inside the project');
    for (const path of [
      '../../etc/passwd',
      '/etc/passwd',
      'schemas/../../x',
      'escape/private.txt',
      'linked.txt',
      'secrets/config.json',
      'x/../secrets/config.json',
    ]) {
      const answer = await rawRequest(studio.port, `/api/files?path=${encodeURIComponent(path)}`, { headers: token() });
      assert.equal(answer.status, 403, `${path}: ${answer.body}`);
      assert.ok(!answer.body.includes('outside the project') && !answer.body.includes('root:'), path);
    }
    // Decoded once only: a double-encoded `../` is a (missing) file name inside the folder.
    const encoded = await rawRequest(studio.port, `/api/files?path=${encodeURIComponent('..%2F..%2Fetc%2Fpasswd')}`, { headers: token() });
    assert.equal(encoded.status, 404);
    const traversal = await rawRequest(studio.port, '/assets/../../package.json', {
      headers: { cookie: `tributary_studio_${studio.port}=${studio.token}` },
    });
    assert.equal(traversal.status, 404);
    const schemaEscape = await rawRequest(studio.port, `/api/schemas/${encodeURIComponent('../../escape')}`, {
      method: 'PUT',
      headers: { ...token(), 'content-type': 'application/json' },
      body: '{"schema":{}}',
    });
    assert.equal(schemaEscape.status, 400);
  });

  test('a saved secret never comes back in clear, and is kept when the page sends the placeholder back', async () => {
    const saved = await studio.api<{ view: { config: Record<string, unknown>; hiddenSecrets: string[][] } }>('PUT', '/api/config', {
      config: { base_url: 'http://127.0.0.1:9', api_key: SECRET },
    });
    assert.deepEqual(saved.view.config, { base_url: 'http://127.0.0.1:9', api_key: '<secret saved>' });
    assert.deepEqual(saved.view.hiddenSecrets, [['api_key']]);
    const view = await rawRequest(studio.port, '/api/config', { headers: token() });
    assert.ok(!view.body.includes(SECRET));
    await studio.api('PUT', '/api/config', { config: { base_url: 'http://127.0.0.1:10', api_key: '<secret saved>', page_size: 3 } });
    assert.deepEqual(copy.readJson('secrets/config.json'), { base_url: 'http://127.0.0.1:10', api_key: SECRET, page_size: 3 });
    // A check that fails echoes nothing secret: the refused connection's error names the URL only.
    const check = await rawRequest(studio.port, '/api/check', { method: 'POST', headers: token() });
    assert.ok(!check.body.includes(SECRET), check.body);
    assert.ok(!studio.output.text.includes(SECRET));
  });

  test('the config file is kept out of git and readable by its owner only', async () => {
    const { statSync, readFileSync } = await import('node:fs');
    assert.equal(statSync(copy.file('secrets/config.json')).mode & 0o777, 0o600);
    assert.equal(readFileSync(copy.file('secrets/.gitignore'), 'utf8'), '*\n');
  });
});
