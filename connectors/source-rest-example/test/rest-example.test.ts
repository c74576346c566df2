/**
 * The example REST connector end to end: its compiled command line (`dist/main.js`) against a
 * real json-server on 127.0.0.1, records checked against the generated db.json.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { AirbyteStreamState, ConfiguredAirbyteCatalog } from '@tributary/cdk';
import { configuredCatalog, findRefs } from '@tributary/cdk/testing';
import { FaultServer, reply } from '@tributary/test-support/fault-server';
import {
  assertFailedWith,
  type CliRun,
  catalogOf,
  errorTraces,
  messagesOfType,
  outlineOf,
  recordsOf,
  runNode,
} from '@tributary/test-support/run-cli';
import { TempDir } from '@tributary/test-support/temp-dir';
import { at, type Comment, type Db, JsonServerApi, makeDb, type Post } from './json-server.js';

const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/main.js');
const API_KEY = `rest-example-key-${process.pid}`;
const PAGE_SIZE = 5;

let api: JsonServerApi;
let dir: TempDir;
let db: Db;

before(async () => {
  assert.ok(existsSync(MAIN), `${MAIN} is missing: run \`npm run build\` first (npm test does)`);
  db = makeDb();
  api = await JsonServerApi.start(db, API_KEY);
  dir = await TempDir.create('rest-example-');
});
after(async () => {
  await api.close();
  await dir.remove();
});
beforeEach(() => {
  api.requests.length = 0;
  api.redirect = undefined;
});

async function configFile(extra: Record<string, unknown> = {}): Promise<string> {
  return dir.json(`config-${Math.random().toString(36).slice(2)}.json`, {
    base_url: api.url,
    api_key: API_KEY,
    page_size: PAGE_SIZE,
    ...extra,
  });
}

function run(args: string[]): Promise<CliRun> {
  return runNode(MAIN, args);
}

async function read(catalog: ConfiguredAirbyteCatalog, state?: unknown[], extraArgs: string[] = []): Promise<CliRun> {
  const args = ['read', '--config', await configFile(), '--catalog', await dir.json('catalog.json', catalog), ...extraArgs];
  if (state !== undefined) args.push('--state', await dir.json('state.json', state));
  const result = await run(args);
  assert.equal(result.code, 0, `read failed:\n${result.stdout.slice(-3000)}\n${result.stderr}`);
  return result;
}

async function discovered() {
  return catalogOf(await run(['discover', '--config', await configFile()]));
}

function incremental(catalog: ConfiguredAirbyteCatalog): ConfiguredAirbyteCatalog {
  return { streams: catalog.streams.map((stream) => ({ ...stream, sync_mode: 'incremental', destination_sync_mode: 'append_dedup' })) };
}

const byId = <T extends { id: number }>(rows: readonly T[]): T[] => [...rows].sort((a, b) => a.id - b.id);
const dataOf = <T>(result: CliRun, stream: string): T[] => recordsOf(result.messages, stream).map((record) => record.data as T);

function lastStates(result: CliRun): Array<{ type: 'STREAM'; stream: AirbyteStreamState }> {
  const byStream = new Map<string, AirbyteStreamState>();
  for (const message of messagesOfType(result.messages, 'STATE')) {
    if (message.state.stream) byStream.set(message.state.stream.stream_descriptor.name, message.state.stream);
  }
  return [...byStream.values()].map((stream) => ({ type: 'STREAM', stream }));
}

test('spec: the API key is a secret', async () => {
  const result = await run(['spec']);
  assert.equal(result.code, 0);
  const [spec] = messagesOfType(result.messages, 'SPEC');
  const properties = spec!.spec.connectionSpecification.properties as Record<string, { airbyte_secret?: boolean }>;
  assert.equal(properties.api_key?.airbyte_secret, true);
  assert.deepEqual(spec!.spec.connectionSpecification.required, ['base_url', 'api_key']);
});

test('check: succeeds with the key; a wrong key fails with the HTTP status and the key masked', async () => {
  const good = await run(['check', '--config', await configFile()]);
  assert.deepEqual(messagesOfType(good.messages, 'CONNECTION_STATUS')[0]?.connectionStatus, { status: 'SUCCEEDED' });
  assert.equal(api.requests[0]?.apiKey, API_KEY);

  const wrongKey = `wrong-${API_KEY}`;
  const bad = await run(['check', '--config', await configFile({ api_key: wrongKey })]);
  const status = messagesOfType(bad.messages, 'CONNECTION_STATUS')[0]?.connectionStatus;
  assert.equal(status?.status, 'FAILED');
  assert.match(status?.message ?? '', /GET http:\/\/127\.0\.0\.1:\d+\/posts\?_limit=1 → HTTP 401.*missing or invalid API key/);
  assert.equal(bad.stdout.includes(wrongKey), false);
  assert.equal(bad.stderr.includes(wrongKey), false);
});

test('discover: four streams; posts and comments incremental on updatedAt; shared $refs resolved', async () => {
  const catalog = await discovered();
  const streams = new Map(catalog.streams.map((stream) => [stream.name, stream]));
  assert.deepEqual([...streams.keys()], ['users', 'todos', 'posts', 'comments']);
  for (const name of ['posts', 'comments']) {
    const stream = streams.get(name)!;
    assert.deepEqual(stream.supported_sync_modes, ['full_refresh', 'incremental']);
    assert.equal(stream.source_defined_cursor, true);
    assert.deepEqual(stream.default_cursor_field, ['updatedAt']);
    assert.deepEqual((stream.json_schema.properties as Record<string, unknown>).updatedAt, {
      type: 'string',
      format: 'date-time',
      description: 'An ISO-8601 date-time in UTC',
    });
  }
  for (const name of ['users', 'todos']) assert.deepEqual(streams.get(name)!.supported_sync_modes, ['full_refresh']);
  for (const stream of catalog.streams) {
    assert.deepEqual(stream.source_defined_primary_key, [['id']]);
    assert.deepEqual(findRefs(stream.json_schema), [], `${stream.name} has no $ref left`);
  }
});

test('read (full refresh): every record of every stream, the key on every request and masked everywhere', async () => {
  const result = await read(configuredCatalog(await discovered()), undefined, ['--debug']);
  assert.deepEqual(dataOf(result, 'users'), db.users);
  assert.deepEqual(dataOf(result, 'todos'), db.todos);
  assert.deepEqual(dataOf(result, 'posts'), db.posts);
  assert.deepEqual(byId(dataOf<Comment>(result, 'comments')), db.comments);

  assert.ok(api.requests.length > 20);
  assert.ok(
    api.requests.every((request) => request.apiKey === API_KEY),
    'every request carried the API key',
  );
  assert.equal(result.stdout.includes(API_KEY), false, 'the key never reaches stdout');
  assert.equal(result.stderr.includes(API_KEY), false);
  assert.ok(
    messagesOfType(result.messages, 'LOG').some((message) => /HTTP GET http:\/\/127\.0\.0\.1:\d+\/posts\?/.test(message.log.message)),
  );

  // Pagination as json-server does it: page numbers for users, offsets for todos, Link headers for posts.
  assert.deepEqual(
    api.requestsTo('/users').map((request) => new URL(request.url, api.url).searchParams.get('_page')),
    ['1', '2', '3'],
  );
  assert.deepEqual(
    api.requestsTo('/todos').map((request) => new URL(request.url, api.url).searchParams.get('_start')),
    ['0', '5', '10', '15', '20', '25', '30'],
  );
  // posts are read twice: as a stream, and once (not once per comment page) as the parent of comments.
  assert.equal(api.requestsTo('/posts').length, 2 * Math.ceil(db.posts.length / PAGE_SIZE));
  const post6 = api.requestsTo('/posts/6/comments');
  assert.equal(post6.length, 2, 'post 6 has 8 comments: two pages, the second from the Link header');

  // Full refresh streams resume by page; the end marker closes each.
  const users = messagesOfType(result.messages, 'STATE').filter((message) => message.state.stream?.stream_descriptor.name === 'users');
  assert.deepEqual(
    users.map((message) => message.state.stream?.stream_state),
    [{ next_page_token: 2 }, { next_page_token: 3 }, { __ab_full_refresh_sync_complete: true }],
  );
  assert.deepEqual(outlineOf(result.messages, 'comments').slice(-2), ['STATE', 'COMPLETE']);
});

test('read (incremental): a second sync reads only what changed since each cursor, per post for comments', async () => {
  const catalog = incremental(configuredCatalog(await discovered(), ['posts', 'comments']));
  const first = await read(catalog);
  assert.deepEqual(byId(dataOf<Post>(first, 'posts')), db.posts);
  assert.deepEqual(byId(dataOf<Comment>(first, 'comments')), db.comments);
  const states = lastStates(first);
  const postsState = states.find((entry) => entry.stream.stream_descriptor.name === 'posts')!.stream.stream_state;
  assert.deepEqual(postsState, {
    updatedAt: db.posts
      .map((post) => post.updatedAt)
      .sort()
      .at(-1),
  });
  const commentsState = states.find((entry) => entry.stream.stream_descriptor.name === 'comments')!.stream.stream_state!;
  const partitions = commentsState.states as Array<{ partition: { parent_id: number }; cursor: { updatedAt?: string } }>;
  assert.equal(partitions.length, db.posts.length, 'one partition per post');
  for (const { partition, cursor } of partitions) {
    const own = db.comments.filter((comment) => comment.postId === partition.parent_id).map((comment) => comment.updatedAt);
    assert.deepEqual(cursor, own.length === 0 ? {} : { updatedAt: own.sort().at(-1) });
  }

  // Another client changes data: a post is edited, a comment is edited, a comment is added to a post without any.
  await api.send('PATCH', '/posts/3', { title: 'post 3, edited', updatedAt: at(100) });
  await api.send('PATCH', '/comments/2', { body: 'edited', updatedAt: at(101) });
  const added = (await api.send('POST', '/comments', {
    postId: 4,
    name: 'new',
    email: 'n@example.com',
    body: 'hi',
    updatedAt: at(1),
  })) as Comment;
  api.requests.length = 0;
  const second = await read(catalog, states);
  const now = api.db();

  // Posts: those at or after the cursor (the cursor itself is read again: `_gte`, at least once).
  const postsCursor = postsState!.updatedAt as string;
  assert.deepEqual(byId(dataOf<Post>(second, 'posts')), byId(now.posts.filter((post) => post.updatedAt >= postsCursor)));
  assert.ok(dataOf<Post>(second, 'posts').some((post) => post.id === 3 && post.title === 'post 3, edited'));

  // Comments: per post, those at or after that post's own cursor; a post without one reads all of its comments.
  const cursorOf = new Map(partitions.map(({ partition, cursor }) => [partition.parent_id, cursor.updatedAt]));
  const expected = now.comments.filter((comment) => {
    const cursor = cursorOf.get(comment.postId);
    return cursor === undefined || comment.updatedAt >= cursor;
  });
  const got = byId(dataOf<Comment>(second, 'comments'));
  assert.deepEqual(got, byId(expected));
  assert.ok(got.some((comment) => comment.id === 2 && comment.body === 'edited'));
  assert.ok(
    got.some((comment) => comment.id === added.id),
    'a comment older than every other cursor is found: post 4 had no cursor yet',
  );
  assert.ok(got.length < now.comments.length / 2, 'most comments are not read again');

  const post2 = api.requestsTo('/posts/2/comments')[0]!;
  assert.equal(new URL(post2.url, api.url).searchParams.get('updatedAt_gte'), cursorOf.get(2));
  assert.equal(new URL(api.requestsTo('/posts/4/comments')[0]!.url, api.url).searchParams.get('updatedAt_gte'), null);
});

test('read (incremental) from start_date on a first sync', async () => {
  const since = at(12);
  const catalog = incremental(configuredCatalog(await discovered(), ['posts']));
  const args = ['read', '--config', await configFile({ start_date: since }), '--catalog', await dir.json('catalog.json', catalog)];
  const result = await run(args);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(byId(dataOf<Post>(result, 'posts')), byId(api.db().posts.filter((post) => post.updatedAt >= since)));
});

test('a bad base URL fails the read as a config_error', async () => {
  const args = [
    'read',
    '--config',
    await configFile({ base_url: 'not a url' }),
    '--catalog',
    await dir.json('catalog.json', configuredCatalog(await discovered(), ['users'])),
  ];
  assertFailedWith(await run(args), 'config_error');
});

test('an API that redirects to another host: the read and the check are refused, and that host never sees the key', async () => {
  // 127.0.0.2 plays another host, which would gladly answer.
  const other = await FaultServer.start('127.0.0.2');
  try {
    other.on('/users', reply.json([{ id: 1, name: 'stolen', username: 'x', email: 'x@example.com', address: null }]));
    other.on('/posts', reply.json([]));
    for (const status of [302, 307]) {
      api.requests.length = 0;
      api.redirect = (url) =>
        url.startsWith('/users') || url.startsWith('/posts') ? { status, location: `${other.url}${url}` } : undefined;
      const args = [
        'read',
        '--config',
        await configFile(),
        '--catalog',
        await dir.json('catalog.json', configuredCatalog(await discovered(), ['users'])),
      ];
      const result = await run(args);
      assert.notEqual(result.code, 0);
      const error = errorTraces(result.messages).find((trace) => trace.stream_descriptor?.name === 'users');
      assert.ok(error !== undefined, result.stdout);
      assert.equal(error.failure_type, 'system_error');
      assert.match(error.message, /^Refused to send credentials to another origin/);
      assert.ok(
        error.message.includes(`GET ${api.url}/users?`) &&
          error.message.includes(`answered HTTP ${status}, a redirect to ${other.url} (GET ${other.url}/users?`),
        error.message,
      );
      assert.ok(error.message.includes(`but the credentials belong to ${api.url} only`), error.message);
      assert.equal(error.message.includes(API_KEY), false);
      assert.deepEqual(dataOf(result, 'users'), []);
      assert.equal(result.stdout.includes(API_KEY), false);
      assert.equal(api.requestsTo('/users').length, 1, `HTTP ${status}: not retried`);

      const check = await run(['check', '--config', await configFile()]);
      const checked = messagesOfType(check.messages, 'CONNECTION_STATUS')[0]?.connectionStatus;
      assert.equal(checked?.status, 'FAILED');
      assert.match(checked?.message ?? '', /Refused to send credentials to another origin/);
      assert.equal(other.requests.length, 0, `HTTP ${status}: ${JSON.stringify(other.requests.map((request) => request.headers))}`);
    }
  } finally {
    await other.close();
  }
});
