/**
 * HttpSubStream: one slice per parent record, the parent read once and cached (in memory or a
 * temporary file), per-partition state (incremental cursors, resumable full refresh) in the
 * Python CDK's shape, with a cap on partitions. In process, then through the real CLI.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FaultServer, reply, sendJson, useFaultServer } from '@tributary/test-support/fault-server';
import { mergeStates, readKilledAfter, type StreamStateEntry, stateArgs } from '@tributary/test-support/interrupted-read';
import { catalogFor, messagesOfType, recordsOf } from '@tributary/test-support/run-cli';
import { TempDir } from '@tributary/test-support/temp-dir';
import type { ConfiguredAirbyteCatalog } from '../../src/protocol/types.js';
import type { StreamSlice, StreamState } from '../../src/state/stream-state.js';
import { HttpStream } from '../../src/streams/http/http-stream.js';
import { HttpSubStream } from '../../src/streams/http/http-sub-stream.js';
import { PageNumberPaginator } from '../../src/streams/http/paginators/page-number-paginator.js';
import { RecordCache } from '../../src/streams/http/record-cache.js';
import type { HttpRequestOptions } from '../../src/streams/http/request-options.js';
import { keepsOwnState } from '../../src/streams/own-state.js';
import type { ReadOptions, SliceOptions } from '../../src/streams/read-options.js';
import { FIXTURES_DIR, runFixture } from '../helpers/fixtures.js';
import { MemoryLogger, readAll, readOptions } from '../helpers/read-records.js';

let server: FaultServer;
useFaultServer((started) => {
  server = started;
});

interface Post {
  id: number;
  title: string;
}
interface Comment {
  id: number;
  post_id: number;
}

const POSTS: Post[] = Array.from({ length: 7 }, (_, index) => ({ id: index + 1, title: `post ${index + 1}` }));
/** Post n has n comments. */
const COMMENTS: Comment[] = POSTS.flatMap((post) =>
  Array.from({ length: post.id }, (_, index) => ({ id: post.id * 100 + index, post_id: post.id })),
);

function serveBlog(api: FaultServer): void {
  api.on(
    '/posts',
    reply.json(({ url }) => {
      const page = Number(url.searchParams.get('page'));
      return { data: POSTS.slice((page - 1) * 3, page * 3) };
    }),
  );
  for (const post of POSTS) {
    api.on(
      `/posts/${post.id}/comments`,
      reply.json(({ url }) => {
        const page = Number(url.searchParams.get('page'));
        return { data: COMMENTS.filter((comment) => comment.post_id === post.id).slice((page - 1) * 3, page * 3) };
      }),
    );
  }
}

class Posts extends HttpStream<Post> {
  primaryKey = 'id';
  urlBase = server.url;
  recordsPath = 'data';
  pageSize = 3;
  paginator = new PageNumberPaginator();
  path() {
    return 'posts';
  }
}

class Comments extends HttpSubStream<Comment, Post> {
  primaryKey = 'id';
  urlBase = server.url;
  recordsPath = 'data';
  pageSize = 3;
  paginator = new PageNumberPaginator();
  path(options: HttpRequestOptions) {
    return `posts/${this.parentOf(options).id}/comments`;
  }
}

/** Reads a stream the way the CDK does with one slice at a time: slices, then each slice's records. */
async function readSliced<R>(stream: HttpStream<R>, extra: Partial<ReadOptions> = {}): Promise<{ slices: StreamSlice[]; records: R[] }> {
  const logger = new MemoryLogger(false);
  const base: SliceOptions = { syncMode: extra.syncMode ?? 'full_refresh', logger, signal: new AbortController().signal };
  if (extra.state) base.state = extra.state;
  if (extra.cursorField) base.cursorField = extra.cursorField;
  const slices: StreamSlice[] = [];
  const records: R[] = [];
  for await (const slice of await stream.streamSlices!(base)) {
    slices.push(slice);
    records.push(...(await readAll(stream, readOptions({ ...base, ...extra, slice, logger }))));
  }
  return { slices, records };
}

test('slices are { parent: record }; the parent is read once, not once per child page', async () => {
  serveBlog(server);
  const comments = new Comments(new Posts());
  const { slices, records } = await readSliced(comments);
  assert.deepEqual(
    slices,
    POSTS.map((post) => ({ parent: post })),
  );
  assert.deepEqual(records, COMMENTS);
  assert.equal(server.requestsTo('/posts').length, 3, 'three pages of posts, each requested once');
  assert.equal(server.requestsTo('/posts/7/comments').length, 3, 'seven comments: three pages');
});

test('a rate limit met while reading the parent is reported for the sub-stream', async () => {
  serveBlog(server);
  let limited = false;
  const pages = reply.json(({ url }) => ({
    data: POSTS.slice((Number(url.searchParams.get('page')) - 1) * 3, Number(url.searchParams.get('page')) * 3),
  }));
  server.on('/posts', (context) => {
    if (!limited && context.url.searchParams.get('page') === '2') {
      limited = true;
      sendJson(context.res, { message: 'slow down' }, { status: 429, headers: { 'retry-after': '0' } });
      return;
    }
    return pages(context);
  });
  const reported: Array<{ quotaResetAt?: number }> = [];
  const options: SliceOptions = {
    syncMode: 'full_refresh',
    logger: new MemoryLogger(false),
    signal: new AbortController().signal,
    reportRateLimited: (event) => reported.push(event),
  };
  const slices: StreamSlice[] = [];
  for await (const slice of await new Comments(new Posts()).streamSlices(options)) slices.push(slice);
  assert.equal(slices.length, POSTS.length, 'every post, after the retry');
  assert.equal(reported.length, 1);
});

test('the parent may be given by the subclass instead of the constructor', async () => {
  serveBlog(server);
  class OwnParent extends Comments {
    readonly parent = new Posts();
  }
  class NoParent extends Comments {}
  assert.equal((await readSliced(new OwnParent())).records.length, COMMENTS.length);
  assert.throws(() => new NoParent().parent, /sub-stream without a parent/);
});

test('having a parent is a capability of any HttpStream: a sibling of Posts with a parent reads per partition', async () => {
  serveBlog(server);
  /** Shares its base with Posts, as an API's streams do; only the parent makes it a child. */
  abstract class BlogStream<R> extends HttpStream<R> {
    primaryKey = 'id';
    urlBase = server.url;
    recordsPath = 'data';
    pageSize = 3;
    paginator = new PageNumberPaginator();
  }
  class PostComments extends BlogStream<Comment> {
    readonly parent = new Posts();
    path(options: HttpRequestOptions) {
      const post: Post = this.parentOf(options);
      return `posts/${post.id}/comments`;
    }
  }
  const comments = new PostComments();
  assert.equal(keepsOwnState(comments), true, 'the per-partition state is a state member');
  assert.equal(comments.supportsResumableFullRefresh, true);
  const { slices, records } = await readSliced(comments);
  assert.deepEqual(
    slices,
    POSTS.map((post) => ({ parent: post })),
  );
  assert.deepEqual(records, COMMENTS);
  assert.deepEqual(comments.partition(POSTS[2]!), { parent_id: 3 });

  const incremental = new PostComments();
  incremental.state = { states: [{ partition: { parent_id: 1 }, cursor: { id: 100 } }] };
  assert.deepEqual(incremental.state, { states: [{ partition: { parent_id: 1 }, cursor: { id: 100 } }] });
});

test('without a parent, an HttpStream has none of what a parent brings', () => {
  const posts = new Posts();
  assert.equal(posts.parent, undefined);
  assert.equal(posts.streamSlices, undefined);
  assert.equal(posts.sliceState, undefined);
  assert.equal(posts.minCheckpointIntervalMs, undefined);
  assert.equal(keepsOwnState(posts), false, 'no state member: the CDK tracks its page token');
  class WithState extends Posts {
    state: StreamState = {};
  }
  assert.equal(keepsOwnState(new WithState()), true, "a subclass's own state member counts");
  assert.throws(() => posts.parentOf({ slice: {} }), /reads one slice per parent record/);
});

test('partition(): the parent primary key by default, overridable; clear errors without one', () => {
  const comments = new Comments(new Posts());
  assert.deepEqual(comments.partition({ id: 4, title: 'x' }), { parent_id: 4 });
  class Keyed extends Posts {
    primaryKey = [['meta', 'uuid'], ['id']] as unknown as string;
  }
  assert.deepEqual(new Comments(new Keyed()).partition({ id: 2, meta: { uuid: 'u' } } as unknown as Post), {
    parent_meta_uuid: 'u',
    parent_id: 2,
  });
  class Keyless extends Posts {
    primaryKey = undefined as unknown as string;
  }
  assert.throws(
    () => new Comments(new Keyless()).partition({ id: 1, title: '' }),
    /parent stream 'keyless' has no primary key.*define partition\(parent\)/,
  );
  assert.throws(() => comments.partition({ title: 'no id' } as Post), /has no 'id'/);
  class ByTitle extends Comments {
    partition(parent: Post) {
      return { title: parent.title };
    }
  }
  assert.deepEqual(new ByTitle(new Posts()).partition({ id: 1, title: 'x' }), { title: 'x' });
  assert.throws(() => comments.parentOf({}), /one slice per parent record/);
});

test('many parent records spill to a temporary file, read back in order and deleted at the end', async () => {
  const many = Array.from({ length: 500 }, (_, index) => ({ id: index + 1, title: `a fairly long title for post number ${index + 1}` }));
  server.on(
    '/posts',
    reply.json(({ url }) => {
      const page = Number(url.searchParams.get('page'));
      return { data: many.slice((page - 1) * 100, page * 100) };
    }),
  );
  class ManyPosts extends Posts {
    pageSize = 100;
  }
  class Titles extends Comments {
    parentCacheMemoryBytes = 2000;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'tributary-spill-test-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = scratch;
  try {
    const stream = new Titles(new ManyPosts());
    const logger = new MemoryLogger(false);
    const seen: unknown[] = [];
    let filesDuringRead: string[] = [];
    for await (const slice of await stream.streamSlices({ syncMode: 'full_refresh', logger, signal: new AbortController().signal })) {
      if (seen.length === 0) filesDuringRead = readdirSync(scratch).filter((name) => name.startsWith('tributary-'));
      seen.push(slice.parent);
    }
    assert.deepEqual(seen, many);
    assert.equal(filesDuringRead.length, 1, 'one cache folder while the slices are read');
    assert.match(filesDuringRead[0]!, /^tributary-cache-/);
    assert.deepEqual(
      readdirSync(scratch).filter((name) => name.startsWith('tributary-cache-')),
      [],
      'deleted when the slices are done',
    );
    assert.match(logger.text(), /500 parent records of 'many_posts', cached in a temporary file/);
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('RecordCache: records come back as JSON in order, from memory or a file, and can be read twice', async () => {
  for (const memory of [1_000_000, 10]) {
    const cache = new RecordCache(memory);
    const records = Array.from({ length: 50 }, (_, index) => ({ id: index, text: `line\nbreak \u2028 ${index}`, nested: { ok: true } }));
    for (const record of records) await cache.add(record);
    assert.equal(cache.spilled, memory === 10);
    const first: unknown[] = [];
    for await (const record of cache.records()) first.push(record);
    const second: unknown[] = [];
    for await (const record of cache.records()) second.push(record);
    assert.deepEqual(first, records);
    assert.deepEqual(second, records);
    await assert.rejects(cache.add({}), /after reading/);
    await cache.dispose();
  }
});

test('incremental: each partition keeps its own cursor; the hooks see the partition state as options.state', async () => {
  const dated = (post: number, n: number) => ({ id: post * 100 + n, post_id: post, updated_at: `2024-0${post}-0${n + 1}T00:00:00Z` });
  const data = new Map(POSTS.map((post) => [post.id, Array.from({ length: post.id % 3 }, (_, n) => dated(post.id, n))]));
  server.on(
    '/posts',
    reply.json(({ url }) => ({
      data: POSTS.slice((Number(url.searchParams.get('page')) - 1) * 3, Number(url.searchParams.get('page')) * 3),
    })),
  );
  for (const post of POSTS) {
    server.on(`/posts/${post.id}/comments`, (context) => {
      const since = context.url.searchParams.get('since');
      sendJson(context.res, { data: (data.get(post.id) ?? []).filter((row) => since === null || row.updated_at > since) });
    });
  }
  const seenStates: StreamState[] = [];
  class DatedComments extends Comments {
    cursorField = 'updated_at';
    paginator = undefined as unknown as PageNumberPaginator;
    requestParams(options: HttpRequestOptions) {
      seenStates.push(options.state ?? {});
      return typeof options.state?.updated_at === 'string' ? { since: options.state.updated_at } : {};
    }
  }
  const stream = new DatedComments(new Posts());
  const first = await readSliced(stream, { syncMode: 'incremental', cursorField: ['updated_at'] });
  assert.equal(first.records.length, [...data.values()].flat().length);
  const state = stream.state;
  assert.deepEqual(state, {
    states: POSTS.map((post) => ({
      partition: { parent_id: post.id },
      cursor: post.id % 3 === 0 ? {} : { updated_at: dated(post.id, (post.id % 3) - 1).updated_at },
    })),
  });
  assert.ok(
    seenStates.every((seen) => Object.keys(seen).length === 0),
    'a first sync: every partition starts empty',
  );

  // Post 4 gets a newer comment; the next read asks each partition only for what is newer.
  data.get(4)!.push({ id: 499, post_id: 4, updated_at: '2024-09-01T00:00:00Z' });
  server.requests.length = 0;
  seenStates.length = 0;
  const next = new DatedComments(new Posts());
  next.state = JSON.parse(JSON.stringify(state));
  const second = await readSliced(next, { syncMode: 'incremental', cursorField: ['updated_at'], state: next.state });
  assert.deepEqual(second.records, [{ id: 499, post_id: 4, updated_at: '2024-09-01T00:00:00Z' }]);
  assert.equal(server.requestsTo('/posts/4/comments')[0]!.url.searchParams.get('since'), '2024-04-01T00:00:00Z');
  assert.equal(server.requestsTo('/posts/3/comments')[0]!.url.searchParams.get('since'), null, 'post 3 has no comments: no cursor');
  assert.deepEqual((next.state.states as Array<{ cursor: StreamState }>)[3]!.cursor, { updated_at: '2024-09-01T00:00:00Z' });
});

test("incrementalDependency: the parent is read from its own state in the sub-stream's state; only changed parents are partitions", async () => {
  interface DatedPost extends Post {
    updated_at: string;
  }
  const posts: DatedPost[] = POSTS.map((post) => ({ ...post, updated_at: `2024-01-0${post.id}T00:00:00Z` }));
  const comments = new Map(posts.map((post) => [post.id, [{ id: post.id * 100, post_id: post.id, updated_at: post.updated_at }]]));
  let failing: number | undefined;
  server.on('/posts', (context) => {
    const since = context.url.searchParams.get('since');
    sendJson(context.res, { data: posts.filter((post) => since === null || post.updated_at > since) });
  });
  for (const post of posts) {
    server.on(`/posts/${post.id}/comments`, (context) => {
      if (failing === post.id) {
        sendJson(context.res, { message: 'gone' }, { status: 404 });
        return;
      }
      const since = context.url.searchParams.get('since');
      sendJson(context.res, { data: (comments.get(post.id) ?? []).filter((row) => since === null || row.updated_at > since) });
    });
  }
  class DatedPosts extends HttpStream<DatedPost> {
    primaryKey = 'id';
    cursorField = 'updated_at';
    urlBase = server.url;
    recordsPath = 'data';
    path() {
      return 'posts';
    }
    requestParams(options: HttpRequestOptions) {
      return typeof options.state?.updated_at === 'string' ? { since: options.state.updated_at } : {};
    }
  }
  class PostComments extends HttpSubStream<Comment & { updated_at: string }, DatedPost> {
    primaryKey = 'id';
    cursorField = 'updated_at';
    incrementalDependency = true;
    urlBase = server.url;
    recordsPath = 'data';
    path(options: HttpRequestOptions) {
      return `posts/${this.parentOf(options).id}/comments`;
    }
    requestParams(options: HttpRequestOptions) {
      return typeof options.state?.updated_at === 'string' ? { since: options.state.updated_at } : {};
    }
  }
  const incremental = { syncMode: 'incremental' as const, cursorField: ['updated_at'] };
  const first = new PostComments(new DatedPosts());
  assert.equal((await readSliced(first, incremental)).records.length, posts.length);
  const state = JSON.parse(JSON.stringify(first.state)) as StreamState;
  assert.deepEqual(state.parent_state, { dated_posts: { updated_at: '2024-01-07T00:00:00Z' } });
  assert.equal(server.requestsTo('/posts')[0]!.url.searchParams.get('since'), null);

  // A comment on post 3 moves the post's updated_at; the next sync asks the parent only for what
  // changed, and reads the comments of post 3 alone.
  posts[2]!.updated_at = '2024-02-01T00:00:00Z';
  comments.get(3)!.push({ id: 301, post_id: 3, updated_at: '2024-02-01T00:00:00Z' });
  server.requests.length = 0;
  const second = new PostComments(new DatedPosts());
  second.state = state;
  const read = await readSliced(second, { ...incremental, state });
  assert.deepEqual(read.slices, [{ parent: posts[2] }]);
  assert.deepEqual(read.records, [{ id: 301, post_id: 3, updated_at: '2024-02-01T00:00:00Z' }]);
  assert.equal(server.requestsTo('/posts')[0]!.url.searchParams.get('since'), '2024-01-07T00:00:00Z');
  assert.deepEqual(
    server.requests.map((request) => request.url.pathname),
    ['/posts', '/posts/3/comments'],
  );
  const after = second.state;
  assert.deepEqual(after.parent_state, { dated_posts: { updated_at: '2024-02-01T00:00:00Z' } });
  assert.equal((after.states as unknown[]).length, posts.length, 'the partitions of unchanged posts are kept');

  // A sync whose partitions do not all complete keeps the parent's previous state, so the next
  // one reads the same parents again.
  posts[4]!.updated_at = '2024-03-01T00:00:00Z';
  posts[5]!.updated_at = '2024-03-02T00:00:00Z';
  failing = 6;
  const third = new PostComments(new DatedPosts());
  third.state = JSON.parse(JSON.stringify(after));
  await assert.rejects(readSliced(third, { ...incremental, state: JSON.parse(JSON.stringify(after)) }), /404/);
  assert.deepEqual(third.state.parent_state, { dated_posts: { updated_at: '2024-02-01T00:00:00Z' } });
});

// ---- Through the real command line: customer_notes (incremental) and customer_files (resumable) ----

interface Note {
  id: number;
  customer_id: number;
  updated_at: string;
}

const API_KEY = 'sub-stream-key-0c4f';
const PAGE = 5;

/** The fixture API: customers, their notes (`?since=`, Link pagination) and files (page numbers). */
class BlogApi {
  customers = Array.from({ length: 23 }, (_, index) => ({ id: index + 1 }));
  notes = new Map<number, Note[]>();
  files = new Map<number, Array<{ id: number; customer_id: number }>>();

  constructor(readonly api: FaultServer) {
    for (const { id } of this.customers) this.addCustomerData(id);
    api.on(
      '/api/v1/customers',
      reply.json(({ url }) => {
        const page = Number(url.searchParams.get('page'));
        return { data: this.customers.slice((page - 1) * PAGE, page * PAGE) };
      }),
    );
  }

  addCustomer(): void {
    const id = this.customers.length + 1;
    this.customers.push({ id });
    this.addCustomerData(id);
  }

  allNotes(): Note[] {
    return [...this.notes.values()].flat();
  }

  allFiles(): Array<{ id: number; customer_id: number }> {
    return [...this.files.values()].flat();
  }

  private addCustomerData(id: number): void {
    // Customer k has k % 4 notes, and 6 more when k is a multiple of 5 (two pages).
    const count = (id % 4) + (id % 5 === 0 ? 6 : 0);
    this.notes.set(
      id,
      Array.from({ length: count }, (_, n) => ({ id: id * 100 + n, customer_id: id, updated_at: hour(id * 10 + n) })),
    );
    this.files.set(
      id,
      Array.from({ length: (id % 3) * 4 }, (_, n) => ({ id: id * 1000 + n, customer_id: id })),
    );
    this.api.on(`/api/v1/customers/${id}/notes`, (context) => {
      const since = context.url.searchParams.get('since');
      const afterId = Number(context.url.searchParams.get('after_id') ?? -1);
      const limit = Number(context.url.searchParams.get('limit'));
      const matching = (this.notes.get(id) ?? []).filter((note) => since === null || note.updated_at > since).sort((a, b) => a.id - b.id);
      const rows = matching.filter((note) => note.id > afterId).slice(0, limit);
      const last = rows[rows.length - 1];
      const more = last !== undefined && matching.some((note) => note.id > last.id);
      const query = `${since === null ? '' : `since=${encodeURIComponent(since)}&`}after_id=${last?.id}&limit=${limit}`;
      sendJson(context.res, rows, { headers: more ? { link: `</api/v1/customers/${id}/notes?${query}>; rel="next"` } : {} });
    });
    this.api.on(
      `/api/v1/customers/${id}/files`,
      reply.json(({ url }) => {
        const page = Number(url.searchParams.get('page'));
        const size = Number(url.searchParams.get('per_page'));
        return { data: (this.files.get(id) ?? []).slice((page - 1) * size, page * size) };
      }),
    );
  }
}

function hour(n: number): string {
  return new Date(Date.UTC(2024, 0, 1) + n * 3_600_000).toISOString();
}

function incrementalCatalog(name: string): ConfiguredAirbyteCatalog {
  return {
    streams: [
      {
        stream: {
          name,
          json_schema: { type: 'object' },
          supported_sync_modes: ['full_refresh', 'incremental'],
          source_defined_cursor: true,
          default_cursor_field: ['updated_at'],
        },
        sync_mode: 'incremental',
        destination_sync_mode: 'append',
      },
    ],
  };
}

async function withBlogApi(run: (blog: BlogApi, dir: TempDir) => Promise<void>): Promise<void> {
  const api = await FaultServer.start();
  const dir = await TempDir.create('tributary-sub-stream-');
  try {
    await run(new BlogApi(api), dir);
  } finally {
    await api.close();
    await dir.remove();
  }
}

async function readArgs(blog: BlogApi, dir: TempDir, catalog: ConfiguredAirbyteCatalog, config: Record<string, unknown> = {}) {
  const configFile = await dir.json(`config-${Math.random().toString(36).slice(2)}.json`, {
    base_url: `${blog.api.url}/api/v1`,
    api_key: API_KEY,
    page_size: PAGE,
    ...config,
  });
  return ['read', '--config', configFile, '--catalog', await dir.json('catalog.json', catalog)];
}

function lastState(messages: Parameters<typeof messagesOfType>[0], stream: string): StreamState | undefined {
  const states = messagesOfType(messages, 'STATE').filter((message) => message.state.stream?.stream_descriptor.name === stream);
  return states[states.length - 1]?.state.stream?.stream_state;
}

function byParent(state: StreamState | undefined): Array<{ partition: StreamSlice; cursor: StreamState }> {
  const states = (state?.states ?? []) as Array<{ partition: { parent_id: number }; cursor: StreamState }>;
  return [...states].sort((a, b) => a.partition.parent_id - b.partition.parent_id);
}

function noteIds(notes: readonly { id: number }[]): number[] {
  return notes.map((note) => note.id).sort((a, b) => a - b);
}

for (const concurrency of [1, 4]) {
  test(`CLI: an incremental sub-stream keeps a cursor per partition and the next read asks each only for what changed (_concurrency ${concurrency})`, async () => {
    await withBlogApi(async (blog, dir) => {
      const args = await readArgs(blog, dir, incrementalCatalog('customer_notes'), { _concurrency: concurrency });
      const first = await runFixture('http-source', args);
      assert.equal(first.code, 0, first.stderr);
      assert.deepEqual(
        noteIds(recordsOf(first.messages, 'customer_notes').map((r) => r.data as unknown as Note)),
        noteIds(blog.allNotes()),
      );
      assert.equal(blog.api.requestsTo('/api/v1/customers').length, 5, 'the parent is read once: 23 customers in 5 pages');
      assert.equal(blog.api.requestsTo('/api/v1/customers/5/notes').length, 2, 'customer 5 has 7 notes: two pages');

      const state = lastState(first.messages, 'customer_notes');
      assert.deepEqual(
        byParent(state),
        blog.customers.map(({ id }) => {
          const notes = blog.notes.get(id) ?? [];
          return { partition: { parent_id: id }, cursor: notes.length === 0 ? {} : { updated_at: notes[notes.length - 1]!.updated_at } };
        }),
      );
      for (const message of messagesOfType(first.messages, 'STATE')) {
        assert.ok(Array.isArray(message.state.stream?.stream_state?.states), 'every STATE has the per-partition shape');
      }

      // Changes: a note of customer 7 is edited, customer 12 gets a note, customer 24 appears.
      const edited = blog.notes.get(7)![0]!;
      edited.updated_at = hour(5000);
      blog.notes.get(12)!.push({ id: 1299, customer_id: 12, updated_at: hour(5001) });
      blog.addCustomer();
      blog.api.requests.length = 0;
      const entry: StreamStateEntry = { type: 'STREAM', stream: { stream_descriptor: { name: 'customer_notes' }, stream_state: state } };
      const second = await runFixture('http-source', [...args, ...(await stateArgs(dir, [entry]))]);
      assert.equal(second.code, 0, second.stderr);
      assert.deepEqual(
        noteIds(recordsOf(second.messages, 'customer_notes').map((r) => r.data as unknown as Note)),
        noteIds([edited, { id: 1299 }, ...(blog.notes.get(24) ?? [])]),
      );
      const since7 = blog.api.requestsTo('/api/v1/customers/7/notes')[0]!.url.searchParams.get('since');
      assert.equal(since7, hour(72), "customer 7 resumes from its own last note's updated_at");
      assert.equal(
        blog.api.requestsTo('/api/v1/customers/24/notes')[0]!.url.searchParams.get('since'),
        null,
        'a new partition starts empty',
      );
      const after = byParent(lastState(second.messages, 'customer_notes'));
      assert.equal(after.length, 24);
      assert.deepEqual(after[6]!.cursor, { updated_at: hour(5000) });
    });
  });
}

test('CLI: partitions beyond the cap are dropped oldest first and read again in full next time; nothing is lost', async () => {
  await withBlogApi(async (blog, dir) => {
    const args = await readArgs(blog, dir, incrementalCatalog('customer_notes'), { max_partitions: 5, _concurrency: 1 });
    const first = await runFixture('http-source', args);
    assert.equal(first.code, 0, first.stderr);
    const state = lastState(first.messages, 'customer_notes');
    for (const message of messagesOfType(first.messages, 'STATE')) {
      assert.ok(((message.state.stream?.stream_state?.states ?? []) as unknown[]).length <= 5, 'no STATE lists more than the cap');
    }
    assert.deepEqual(
      byParent(state).map((entry) => entry.partition.parent_id),
      [19, 20, 21, 22, 23],
      'the five most recently read',
    );

    const entry: StreamStateEntry = { type: 'STREAM', stream: { stream_descriptor: { name: 'customer_notes' }, stream_state: state } };
    const second = await runFixture('http-source', [...args, ...(await stateArgs(dir, [entry]))]);
    assert.equal(second.code, 0, second.stderr);
    const reread = noteIds(recordsOf(second.messages, 'customer_notes').map((r) => r.data as unknown as Note));
    assert.deepEqual(
      reread,
      noteIds(blog.allNotes().filter((note) => note.customer_id < 19)),
      'dropped partitions are read in full, kept ones not at all',
    );
  });
});

test('CLI: a state written before the stream was partitioned applies to every partition (global fallback)', async () => {
  await withBlogApi(async (blog, dir) => {
    const since = hour(150);
    const args = await readArgs(blog, dir, incrementalCatalog('customer_notes'));
    const entry: StreamStateEntry = {
      type: 'STREAM',
      stream: { stream_descriptor: { name: 'customer_notes' }, stream_state: { updated_at: since } },
    };
    const run = await runFixture('http-source', [...args, ...(await stateArgs(dir, [entry]))]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(
      noteIds(recordsOf(run.messages, 'customer_notes').map((r) => r.data as unknown as Note)),
      noteIds(blog.allNotes().filter((note) => note.updated_at > since)),
    );
    const firstRequests = blog.api.requests.filter((request) => /\/notes$/.test(request.path) && !request.url.searchParams.has('after_id'));
    assert.equal(firstRequests.length, 23);
    assert.ok(firstRequests.every((request) => request.url.searchParams.get('since') === since));
    const final = lastState(run.messages, 'customer_notes');
    assert.deepEqual(final?.state, { updated_at: since }, 'the global cursor is kept for partitions not listed');
    assert.equal(((final?.states ?? []) as unknown[]).length, 23);
  });
});

test('CLI: a parent too large for memory is cached in a temporary file that is deleted', async () => {
  await withBlogApi(async (blog, dir) => {
    const scratch = mkdtempSync(join(tmpdir(), 'tributary-sub-tmp-'));
    try {
      const args = await readArgs(blog, dir, catalogFor('customer_files'), { parent_cache_bytes: 40 });
      const run = await runFixture('http-source', args, { env: { TMPDIR: scratch } });
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(
        noteIds(recordsOf(run.messages, 'customer_files').map((record) => record.data as { id: number })),
        noteIds(blog.allFiles()),
      );
      assert.ok(
        messagesOfType(run.messages, 'LOG').some((message) =>
          /23 parent records of 'customers', cached in a temporary file/.test(message.log.message),
        ),
      );
      assert.deepEqual(
        readdirSync(scratch).filter((name) => name.startsWith('tributary-cache-')),
        [],
      );
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

test('CLI: a full refresh sub-stream killed mid-read resumes per partition: completed ones are skipped, the current one from its page', {
  timeout: 300_000,
}, async () => {
  await withBlogApi(async (blog, dir) => {
    const args = await readArgs(blog, dir, catalogFor('customer_files'));
    const complete = await runFixture('http-source', args);
    assert.equal(complete.code, 0, complete.stderr);
    assert.deepEqual(lastState(complete.messages, 'customer_files'), { __ab_full_refresh_sync_complete: true });
    const expected = new Set(blog.allFiles().map((file) => file.id));
    assert.deepEqual(recordsOf(complete.messages, 'customer_files').length, expected.size);

    const script = join(FIXTURES_DIR, 'http-source', 'main.ts');
    for (const killAfter of [3, 26, 61]) {
      const killed = await readKilledAfter(script, args, killAfter);
      assert.equal(killed.completed, false);
      const states = mergeStates([], killed);
      const saved = states[0]?.stream.stream_state;
      blog.api.requests.length = 0;
      const resumed = await readKilledAfter(script, [...args, ...(await stateArgs(dir, states))], Number.POSITIVE_INFINITY);
      assert.equal(resumed.completed, true, resumed.stderr);

      const seen = new Set<number>();
      for (const record of [...killed.records, ...resumed.records]) seen.add((record.data as { id: number }).id);
      assert.deepEqual(
        [...expected].filter((id) => !seen.has(id)),
        [],
        `kill after ${killAfter}: files never read`,
      );
      // What the saved state covers (completed partitions, pages before a partition's token) is
      // never read again; anything else the killed run wrote may be.
      const partitions = new Map(byParent(saved).map((entry) => [entry.partition.parent_id as number, entry.cursor]));
      const covered = (file: { id: number; customer_id: number }) => {
        const cursor = partitions.get(file.customer_id);
        if (cursor?.__ab_full_refresh_sync_complete === true) return true;
        const page = Math.floor((file.id % 1000) / PAGE) + 1;
        return typeof cursor?.next_page_token === 'number' && page < cursor.next_page_token;
      };
      const again = resumed.records.map((record) => record.data as unknown as { id: number; customer_id: number }).filter(covered);
      assert.deepEqual(again, [], `kill after ${killAfter}: files the state covered were read again`);
      // And the state only covers files the killed run had written before it.
      const killedIds = new Set(killed.records.map((record) => (record.data as { id: number }).id));
      assert.deepEqual(
        blog.allFiles().filter((file) => covered(file) && !killedIds.has(file.id)),
        [],
        `kill after ${killAfter}: the state covers files that were not written`,
      );

      for (const entry of byParent(saved)) {
        const requests = blog.api.requestsTo(`/api/v1/customers/${entry.partition.parent_id}/files`);
        if (entry.cursor.__ab_full_refresh_sync_complete === true) {
          assert.equal(requests.length, 0, `customer ${entry.partition.parent_id} was complete: not requested again`);
        } else if (entry.cursor.next_page_token !== undefined) {
          assert.equal(requests[0]?.url.searchParams.get('page'), String(entry.cursor.next_page_token));
        }
      }
    }
  });
});
