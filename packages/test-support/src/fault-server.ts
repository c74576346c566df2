/**
 * A real HTTP server on 127.0.0.1 (or 127.0.0.2, to play a second host; an OS-chosen port)
 * whose routes answer the way real APIs fail: scripted sequences of answers per route, rate
 * limits, resets mid-body, truncated JSON, answers that never come. Every request is recorded
 * with its time, headers and body.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { after, before, beforeEach } from 'node:test';

export interface RecordedRequest {
  method: string;
  /** The path without the query. */
  path: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
  /** `Date.now()` when the request arrived. */
  at: number;
}

export interface HandlerContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  body: string;
  /** How many requests this route has received, this one included (1 for the first). */
  hit: number;
  server: FaultServer;
}

export type Handler = (context: HandlerContext) => void | Promise<void>;

export class FaultServer {
  readonly requests: RecordedRequest[] = [];
  /** How many TCP connections clients opened (keep-alive reuses them). */
  connections = 0;
  private readonly routes = new Map<string, { handlers: Handler[]; hits: number }>();
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    /** `http://127.0.0.1:<port>` */
    readonly url: string,
  ) {}

  /** Starts a server on `host` (default 127.0.0.1; 127.0.0.2 plays another host). */
  static async start(host = '127.0.0.1'): Promise<FaultServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    const { port } = server.address() as AddressInfo;
    const fault = new FaultServer(server, `http://${host}:${port}`);
    server.on('connection', (socket) => {
      fault.connections++;
      fault.sockets.add(socket);
      socket.on('close', () => fault.sockets.delete(socket));
    });
    server.on('request', (req, res) => void fault.handle(req, res));
    return fault;
  }

  /**
   * Answers requests to `path` (any method, any query). Given several handlers, the n-th request
   * gets the n-th handler and later requests the last one.
   */
  on(path: string, ...handlers: Handler[]): this {
    this.routes.set(path, { handlers, hits: 0 });
    return this;
  }

  /** The requests received on `path`. */
  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, url, headers: req.headers, body, at: Date.now() });
    const route = this.routes.get(url.pathname);
    if (route === undefined) {
      sendJson(res, { error: `no route for ${url.pathname}` }, { status: 404 });
      return;
    }
    route.hits++;
    const handler = route.handlers[Math.min(route.hits, route.handlers.length) - 1]!;
    try {
      await handler({ req, res, url, body, hit: route.hits, server: this });
    } catch (error) {
      if (!res.headersSent) sendJson(res, { error: String(error) }, { status: 500 });
      else res.destroy();
    }
  }
}

export interface JsonInit {
  status?: number;
  headers?: Record<string, string>;
}

export function sendJson(res: ServerResponse, body: unknown, init: JsonInit = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(init.status ?? 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...init.headers });
  res.end(text);
}

/** A JSON answer; the body may be computed from the request. */
function json(body: (context: HandlerContext) => unknown, init?: JsonInit): Handler;
function json(body: unknown, init?: JsonInit): Handler;
function json(body: unknown, init: JsonInit = {}): Handler {
  return (context) => sendJson(context.res, typeof body === 'function' ? body(context) : body, init);
}

/** Ready-made handlers. */
export const reply = {
  json,

  /** A status with a JSON body (default `{"error": "<status>"}`) and headers. */
  status(status: number, body: unknown = { error: `status ${status}` }, headers: Record<string, string> = {}): Handler {
    return ({ res }) => sendJson(res, body, { status, headers });
  },

  /** A raw body with the given content type. */
  text(body: string, contentType = 'text/plain', status = 200): Handler {
    return ({ res }) => {
      res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
  },

  /** Announces the full length of `full`, sends its first `sentBytes` bytes, then resets the connection. */
  resetMidBody(full: unknown, sentBytes?: number): Handler {
    return ({ res }) => {
      const text = typeof full === 'string' ? full : JSON.stringify(full);
      const cut = sentBytes ?? Math.floor(text.length / 2);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.write(text.slice(0, cut), () => setTimeout(() => res.socket?.resetAndDestroy(), 10));
    };
  },

  /**
   * A complete HTTP answer whose JSON body is cut off: no length is announced and the connection
   * closes after the partial body, so only the JSON parser can tell.
   */
  truncatedJson(full: unknown, keepChars?: number): Handler {
    return ({ res }) => {
      const text = typeof full === 'string' ? full : JSON.stringify(full);
      res.writeHead(200, { 'content-type': 'application/json', connection: 'close' });
      res.end(text.slice(0, keepChars ?? Math.floor(text.length / 2)));
    };
  },

  /** Never answers (the connection stays open until the client gives up or the server closes). */
  hang(): Handler {
    return () => undefined;
  },

  /** Sends the headers and part of the body, then stalls forever. */
  stallMidBody(full: unknown): Handler {
    return ({ res }) => {
      const text = typeof full === 'string' ? full : JSON.stringify(full);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.write(text.slice(0, Math.floor(text.length / 2)));
    };
  },

  /** Drops the connection without answering. */
  resetBeforeAnswer(): Handler {
    return ({ res }) => {
      res.socket?.resetAndDestroy();
    };
  },
};

/**
 * One fault server for a whole test file: started before its tests, closed after them, its
 * request log cleared before each test. `onStart` receives it (test files keep it in a variable).
 */
export function useFaultServer(onStart: (server: FaultServer) => void, host?: string): void {
  let server: FaultServer | undefined;
  before(async () => {
    server = await FaultServer.start(host);
    onStart(server);
  });
  after(() => server?.close());
  beforeEach(() => {
    if (server) server.requests.length = 0;
  });
}
