/**
 * A real third-party REST server for the tests: json-server 0.17 (the classic API with `_page`,
 * `_limit`, `_start`, `_sort`, `<field>_gte`, `Link` and `X-Total-Count`), run in the test
 * process on 127.0.0.1 with an OS-chosen port, serving a generated db.json from a temp folder.
 * A small middleware in front of it records every request and demands the API key (json-server
 * itself accepts any header).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Comment } from '../src/streams/comments.js';
import type { Post } from '../src/streams/posts.js';
import type { Todo } from '../src/streams/todos.js';
import type { User } from '../src/streams/users.js';

/** The part of json-server's (untyped, CommonJS) API the tests use. */
type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
interface JsonServer {
  create(): { use(handler: Middleware | Middleware[]): void; listen(port: number, host: string, ready: () => void): Server };
  defaults(options: { logger?: boolean; static?: string; noCors?: boolean }): Middleware[];
  router(source: string): Middleware & { db: { getState(): Db } };
}

// The records the API serves are the ones the connector declares.
export type { Comment, Post, Todo, User };
export interface Db {
  users: User[];
  todos: Todo[];
  posts: Post[];
  comments: Comment[];
}

const HOUR_MS = 3_600_000;
const BASE_MS = Date.UTC(2024, 2, 1);

export function at(hours: number): string {
  return new Date(BASE_MS + hours * HOUR_MS).toISOString();
}

/** A deterministic data set: post ids and `updatedAt` are in different orders, some posts have many comments. */
export function makeDb(): Db {
  const cities = ['Lisbon', 'Oslo', 'Nairobi', 'Lima'];
  const users = Array.from({ length: 12 }, (_, index) => {
    const id = index + 1;
    return {
      id,
      name: `User ${id}`,
      username: `user${id}`,
      email: `user${id}@example.com`,
      address:
        id % 4 === 0 ? null : { street: `${id} Main Street`, city: cities[id % cities.length] as string, zipcode: String(10000 + id) },
    };
  });
  const todos = Array.from({ length: 33 }, (_, index) => ({
    id: index + 1,
    userId: (index % 12) + 1,
    title: `todo ${index + 1}`,
    completed: index % 3 === 0,
  }));
  const posts = Array.from({ length: 23 }, (_, index) => {
    const id = index + 1;
    return { id, userId: (id % 12) + 1, title: `post ${id}`, body: `body of post ${id}`, updatedAt: at((id * 7) % 23) };
  });
  const comments: Comment[] = [];
  for (const post of posts) {
    const count = (post.id % 4) + (post.id % 6 === 0 ? 6 : 0);
    for (let n = 0; n < count; n++) {
      comments.push({
        id: comments.length + 1,
        postId: post.id,
        name: `comment ${n} on post ${post.id}`,
        email: `reader${n}@example.com`,
        body: `text ${n}`,
        updatedAt: at(30 + post.id + n),
      });
    }
  }
  return { users, todos, posts, comments };
}

/** A redirect the API answers with instead of the data: status and Location. */
export interface Redirect {
  status: number;
  location: string;
}

export interface SeenRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  apiKey: string | undefined;
}

export class JsonServerApi {
  /** When set, requests it returns a redirect for get that redirect (after the key check). */
  redirect: ((url: string) => Redirect | undefined) | undefined;

  private constructor(
    /** Every request received, in order. */
    readonly requests: SeenRequest[],
    private readonly server: Server,
    private readonly router: { db: { getState(): Db } },
    private readonly dir: string,
    readonly url: string,
    private readonly apiKey: string,
  ) {}

  static async start(db: Db, apiKey: string): Promise<JsonServerApi> {
    const jsonServer = createRequire(import.meta.url)('json-server') as JsonServer;
    const dir = mkdtempSync(join(tmpdir(), 'rest-example-db-'));
    const dbFile = join(dir, 'db.json');
    writeFileSync(dbFile, JSON.stringify(db, null, 2));
    const app = jsonServer.create();
    const router = jsonServer.router(dbFile);
    const requests: SeenRequest[] = [];
    let api: JsonServerApi | undefined;
    app.use((req, res, next) => {
      const key = req.headers['x-api-key'];
      requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', apiKey: typeof key === 'string' ? key : undefined });
      if (key !== apiKey) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'missing or invalid API key' }));
        return;
      }
      const redirect = api?.redirect?.(req.url ?? '/');
      if (redirect !== undefined) {
        res.writeHead(redirect.status, { location: redirect.location, 'content-length': 0 });
        res.end();
        return;
      }
      next();
    });
    app.use(jsonServer.defaults({ logger: false, static: dir, noCors: true }));
    app.use(router);
    const server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const { port } = server.address() as AddressInfo;
    api = new JsonServerApi(requests, server, router, dir, `http://127.0.0.1:${port}`, apiKey);
    return api;
  }

  /** The data as the server holds it now. */
  db(): Db {
    return structuredClone(this.router.db.getState());
  }

  /** Requests whose path (without the query) is `path`. */
  requestsTo(path: string): SeenRequest[] {
    return this.requests.filter((request) => request.url.split('?')[0] === path);
  }

  /** Changes data through the API itself (`PATCH`, `POST`), as another client would. */
  async send(method: 'PATCH' | 'POST', path: string, body: object): Promise<unknown> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-api-key': this.apiKey },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status}`);
    return response.json();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
