/**
 * Record/replay: recorded once against a real server on 127.0.0.1 with every secret redacted,
 * then replayed offline (the server closed) with other dummy credentials.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { FaultServer, reply } from '@tributary/test-support/fault-server';
import { TempDir } from '@tributary/test-support/temp-dir';
import { HttpFixture, read, useHttpFixture } from '../../src/testing/index.js';
import { HttpExampleSource } from './http-example-source.js';

const REAL_TOKEN = `real-token-${process.pid}-Zq9`;
const REAL_KEY = `real-key-${process.pid}-Xw7`;
const ISSUED = `issued-${process.pid}-access`;
let server: FaultServer;
let dir: string;
let fixture: string;

before(async () => {
  dir = TempDir.createSync('tributary-fixture-').path;
  fixture = join(dir, 'fixtures', 'api.json');
  server = await FaultServer.start();
  const items = Array.from({ length: 5 }, (_, index) => ({ id: index + 1, name: `item ${index + 1}` }));
  server.on('/items', ({ res, url, req }) => {
    if (req.headers.authorization !== `Bearer ${REAL_TOKEN}`) return reply.status(401)({ res } as never);
    const page = Number(url.searchParams.get('page'));
    const size = Number(url.searchParams.get('per_page'));
    const body = gzipSync(JSON.stringify({ data: items.slice((page - 1) * size, page * size) }));
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'set-cookie': 'session=s3cr3t-cookie' });
    res.end(body);
  });
  server.on('/search', ({ res, body }) => {
    const query = JSON.parse(body) as { query: string };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ data: [{ id: 42, query: query.query }], access_token: ISSUED, echo: `token ${REAL_TOKEN}` }));
  });
  server.on('/reports', reply.json({ data: [{ id: 7 }] }));
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const streams = ['items', 'search', 'reports'];

test('record: the real API answers; the fixture holds every exchange, with every secret redacted', async () => {
  const recording = useHttpFixture(fixture, { mode: 'record', note: 'recorded by the test kit tests' });
  assert.equal(recording.mode, 'record');
  const config = { base_url: server.url, api_token: REAL_TOKEN, api_key: REAL_KEY, page_size: 2 };
  const result = await read(new HttpExampleSource(), { config, streams });
  await recording.done();
  assert.equal(result.exitCode, 0, result.describeErrors());
  assert.equal(result.recordsOf('items').length, 5);
  assert.equal(server.requests.length, 5, '3 pages of items, a search, a report');

  const text = readFileSync(fixture, 'utf8');
  for (const secret of [REAL_TOKEN, REAL_KEY, ISSUED, 's3cr3t-cookie']) assert.equal(text.includes(secret), false, `${secret} is redacted`);
  const content = JSON.parse(text) as {
    version: number;
    note: string;
    interactions: Array<{ request: Record<string, unknown>; response: Record<string, unknown> }>;
  };
  assert.equal(content.version, 1);
  assert.equal(content.note, 'recorded by the test kit tests');
  // Streams are read concurrently: exchanges are stored in the order they completed.
  const find = (path: string) => content.interactions.find((item) => String(item.request.url).includes(path));
  const [first, search, report] = [find('/items?page=1')!, find('/search')!, find('/reports')!];
  assert.ok(first && search && report);
  assert.equal(content.interactions.length, 5);
  assert.equal(first.request.url, `${server.url}/items?page=1&per_page=2`);
  assert.deepEqual((first.request.headers as Record<string, string>).authorization, '****');
  assert.deepEqual(
    first.response.json,
    {
      data: [
        { id: 1, name: 'item 1' },
        { id: 2, name: 'item 2' },
      ],
    },
    'the gzip body is stored decoded',
  );
  assert.equal((first.response.headers as Record<string, string>)['content-encoding'], undefined);
  assert.equal((first.response.headers as Record<string, string>)['set-cookie'], '****');
  assert.deepEqual(search.request.json, { query: 'status:open', limit: 10 });
  assert.deepEqual(search.response.json, { data: [{ id: 42, query: 'status:open' }], access_token: '****', echo: 'token ****' });
  assert.equal(report.request.url, `${server.url}/reports?kind=daily&api_key=****`);
});

test('replay: the same reads offline, with other dummy secrets; done() verifies every recorded exchange was used', async () => {
  const replay = useHttpFixture(fixture);
  assert.equal(replay.mode, 'replay');
  const requestsBefore = server.requests.length;
  const config = { base_url: server.url, api_token: 'dummy-token', api_key: 'dummy-key', page_size: 2 };
  const result = await read(new HttpExampleSource(), { config, streams });
  await replay.done();
  assert.equal(result.exitCode, 0, result.describeErrors());
  assert.deepEqual(
    result.recordsOf<{ id: number }>('items').map((item) => item.id),
    [1, 2, 3, 4, 5],
  );
  assert.deepEqual(result.recordsOf('search'), [{ id: 42, query: 'status:open' }]);
  assert.equal(server.requests.length, requestsBefore, 'nothing reached the server');
});

test('replay: a request the fixture has no answer for fails at once; unused exchanges fail done()', async () => {
  const replay = useHttpFixture(fixture);
  const config = { base_url: server.url, api_token: 'dummy-token', page_size: 3 };
  const result = await read(new HttpExampleSource(), { config, streams: ['items'] });
  assert.equal(result.exitCode, 1);
  assert.match(result.errors[0]?.message ?? '', /no recorded answer for GET http:\/\/127\.0\.0\.1:\d+\/items\?page=1&per_page=3/);
  await assert.rejects(replay.done(), (error: Error) => {
    assert.match(error.message, /does not match the requests made \(re-record it with TRIBUTARY_RECORD=1/);
    assert.match(error.message, /no recorded answer for GET http:\/\/127\.0\.0\.1:\d+\/items\?page=1&per_page=3/);
    assert.match(error.message, /recorded GET http:\/\/127\.0\.0\.1:\d+\/reports\?kind=daily&api_key=\*\*\*\* was never requested/);
    return true;
  });
});

test('replay options: reuse answers again, allowUnused, ignoreQueryParams', async () => {
  const reused = useHttpFixture(fixture, { reuse: true, allowUnused: true });
  const config = { base_url: server.url, api_token: 'dummy-token', page_size: 2 };
  for (let round = 0; round < 2; round++) {
    const result = await read(new HttpExampleSource(), { config, streams: ['items'] });
    assert.equal(result.recordsOf('items').length, 5);
  }
  await reused.done();

  const edited = join(dir, 'since.json');
  const content = JSON.parse(readFileSync(fixture, 'utf8')) as { interactions: Array<{ request: { url: string } }> };
  content.interactions = content.interactions.filter((item) => item.request.url.includes('/reports'));
  content.interactions[0]!.request.url = content.interactions[0]!.request.url.replace('kind=daily', 'kind=weekly');
  writeFileSync(edited, JSON.stringify({ version: 1, ...content }));
  const ignoring = useHttpFixture(edited, { ignoreQueryParams: ['kind'] });
  const result = await read(new HttpExampleSource(), { config: { ...config, api_key: 'another-dummy-key' }, streams: ['reports'] });
  await ignoring.done();
  assert.deepEqual(result.recordsOf('reports'), [{ id: 7 }]);
});

test('the mode comes from TRIBUTARY_RECORD (all fixtures, or those whose path contains it); replaying a missing file says how to record it', async (t) => {
  const saved = process.env.TRIBUTARY_RECORD;
  t.after(() => {
    if (saved === undefined) delete process.env.TRIBUTARY_RECORD;
    else process.env.TRIBUTARY_RECORD = saved;
  });
  const missing = join(dir, 'missing.json');
  delete process.env.TRIBUTARY_RECORD;
  assert.throws(() => new HttpFixture(missing), /missing\.json does not exist; record it against the real API with TRIBUTARY_RECORD=1/);
  process.env.TRIBUTARY_RECORD = 'missing';
  const recording = new HttpFixture(missing);
  assert.equal(recording.mode, 'record');
  await recording.stop();
  assert.equal(existsSync(missing), false, 'stop() writes nothing');
  process.env.TRIBUTARY_RECORD = 'other-file';
  assert.equal(new HttpFixture(fixture).mode, 'replay');
});
