/**
 * The token refreshes and logins of the Python CDK's golden reads (`read/golden/<c>/full/requests.jsonl`
 * of the shared corpus), made again by Tributary's authenticators: the harness's rewritten manifest
 * and config, their URLs pointed at a loopback server of this test (not the harness's port), which
 * records each request as the harness's mock server logs it and answers as the plan says. The first
 * refresh or login must equal the golden one (method, path, query, headers, body), and the header
 * the authenticator then sets must be the one the golden data requests carried.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createAuthenticator } from '../../src/auth/create-authenticator.js';
import { componentEnvironment } from '../../src/interpolated/evaluation-context.js';
import { fixedClock } from '../../src/interpolation/clock.js';
import { loadManifestText } from '../../src/manifest/load-manifest.js';
import { CORPUS_DIR, corpusSkipReason } from '../helpers/corpus.js';
import { requestersOf } from './corpus-authenticators.js';

const READ = resolve(CORPUS_DIR, 'read');
const HARNESS = 'http://127.0.0.1:18777/';
/** Headers the harness leaves out of its log (and an `accept` of any type). */
const DROPPED = new Set(['host', 'connection', 'user-agent', 'accept-encoding', 'content-length', 'transfer-encoding', 'keep-alive']);
/**
 * Headers Node's fetch (undici, under the CDK's HttpClient) adds to every request and `requests`
 * does not send: a difference of the CDK's HTTP layer for every request, not of the authenticators.
 */
const FETCH_HEADERS: Readonly<Record<string, string>> = { 'accept-language': '*', 'sec-fetch-mode': 'cors' };

interface LoggedRequest {
  method: string;
  path: string;
  query: Array<[string, string]>;
  headers: Record<string, string>;
  body: unknown;
}

function parseBody(text: string, contentType: string): unknown {
  if (text === '') return null;
  if (contentType.includes('json') || /^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      // not JSON: as the harness, try a form, else the text
    }
  }
  if (contentType.includes('x-www-form-urlencoded')) {
    return { __form__: [...new URLSearchParams(text)].sort((x, y) => `${x[0]}\0${x[1]}`.localeCompare(`${y[0]}\0${y[1]}`)) };
  }
  return text;
}

function logged(req: IncomingMessage, text: string): LoggedRequest {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (DROPPED.has(name) || (name === 'accept' && value === '*/*') || FETCH_HEADERS[name] === value) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  const query = [...url.searchParams].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
  const sorted = Object.fromEntries(
    Object.keys(headers)
      .sort()
      .map((name) => [name, headers[name]]),
  );
  return {
    method: req.method ?? 'GET',
    path: decodeURIComponent(url.pathname),
    query,
    headers: sorted,
    body: parseBody(text, String(req.headers['content-type'] ?? '')),
  };
}

interface Golden {
  connector: string;
  auth: LoggedRequest;
  data: LoggedRequest | undefined;
  answer: unknown;
}

function goldenCases(): Golden[] {
  if (!existsSync(resolve(READ, 'golden'))) return [];
  const cases: Golden[] = [];
  for (const connector of readdirSync(resolve(READ, 'golden')).sort()) {
    const file = resolve(READ, 'golden', connector, 'full', 'requests.jsonl');
    if (!existsSync(file)) continue;
    const requests = readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    const auth = requests.find((request) => request.page === 'auth');
    if (auth === undefined) continue;
    const plan = JSON.parse(readFileSync(resolve(READ, 'plans', `${connector}.json`), 'utf8'));
    const route = plan.routes.find((candidate: { id: string }) => candidate.id === auth.route);
    cases.push({
      connector,
      auth,
      data: requests.find((request) => request.page !== 'auth' && request.status === 200),
      answer: route.static_body,
    });
  }
  return cases;
}

const skip = corpusSkipReason() ?? (existsSync(resolve(READ, 'golden')) ? undefined : `no golden reads at ${READ}`);

describe('token refreshes and logins equal the Python CDK golden reads', { skip }, () => {
  let server: Server;
  let base = '';
  const received: LoggedRequest[] = [];
  let answer: unknown = {};
  before(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push(logged(req, Buffer.concat(chunks).toString('utf8')));
        const body = JSON.stringify(answer);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(() => new Promise<void>((done) => server.close(() => done())));

  const cases = skip ? [] : goldenCases();
  test('there are golden token refreshes and logins to compare', () => {
    assert.ok(cases.length >= 36, `${cases.length} connectors`);
  });

  for (const golden of cases) {
    test(golden.connector, async () => {
      const text = (path: string) => readFileSync(path, 'utf8').replaceAll(HARNESS, base);
      const manifest = loadManifestText(text(resolve(READ, 'manifests', `${golden.connector}.yaml`)));
      const config = JSON.parse(text(resolve(READ, 'configs', `${golden.connector}.json`))) as Record<string, unknown>;
      const use = requestersOf(manifest).find((candidate) => !['NoAuth', undefined].includes(candidate.authenticator?.type));
      assert.ok(use !== undefined);
      const env = { ...componentEnvironment(config, fixedClock('2024-06-15T12:34:56+00:00')), urlBase: use.urlBase, name: use.path };
      const authenticator = createAuthenticator(use.authenticator, env);
      received.length = 0;
      answer = golden.answer;
      const headers = await authenticator.authHeaders();
      assert.deepEqual(received[0], {
        method: golden.auth.method,
        path: golden.auth.path,
        query: golden.auth.query,
        headers: golden.auth.headers,
        body: golden.auth.body,
      });
      for (const [name, value] of Object.entries(headers)) assert.equal(golden.data?.headers[name.toLowerCase()], value, name);
    });
  }
});
