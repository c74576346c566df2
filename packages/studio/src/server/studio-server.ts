/**
 * Studio's HTTP server: 127.0.0.1 only, every request checked by the `RequestGuard`, then the
 * page, an asset, the event stream or an API route.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StudioSession } from '../session/studio-session.js';
import type { EventStream } from './event-stream.js';
import { COMMON_HEADERS, HttpProblem, readJsonBody, sendError, sendJson } from './http-io.js';
import { RequestGuard, type RequestKind } from './request-guard.js';
import { findRoute, TextAnswer } from './routes.js';
import type { StaticAssets } from './static-assets.js';

/** The page may load only its own scripts and styles, and talk only to this server. */
const PAGE_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface ServerParts {
  session: StudioSession;
  events: EventStream;
  assets: StaticAssets;
  token: string;
}

/** Listens on 127.0.0.1:`port` (0: a free port); resolves once listening. */
export async function listen(parts: ServerParts, port: number): Promise<{ server: Server; port: number }> {
  let guard: RequestGuard | undefined;
  const server = createServer((request, response) => {
    void handle(parts, guard as RequestGuard, request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port }, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  guard = new RequestGuard(parts.token, bound);
  return { server, port: bound };
}

async function handle(parts: ServerParts, guard: RequestGuard, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const kind = kindOf(url.pathname);
  const decision = guard.check(request, url, kind);
  if (!decision.allowed) {
    sendError(response, decision.status, decision.reason);
    return;
  }
  try {
    if (kind === 'page') sendPage(parts, guard, response, decision.tokenInQuery, url);
    else if (kind === 'asset') sendAsset(parts, response, url.pathname);
    else if (kind === 'events') parts.events.attach(response);
    else await answerApi(parts, request, response, url);
  } catch (error) {
    if (error instanceof HttpProblem) sendError(response, error.status, error.message);
    else sendError(response, 500, `Studio failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function kindOf(path: string): RequestKind {
  if (path === '/api/events') return 'events';
  if (path.startsWith('/api/')) return 'api';
  if (path.startsWith('/assets/')) return 'asset';
  return 'page';
}

function sendPage(parts: ServerParts, guard: RequestGuard, response: ServerResponse, tokenInQuery: boolean, url: URL): void {
  if (url.pathname !== '/' && url.pathname !== '/index.html') {
    sendError(response, 404, `no page ${url.pathname}`);
    return;
  }
  // The token leaves the address bar (and the history) once the cookie holds it.
  if (tokenInQuery) {
    response.writeHead(303, { ...COMMON_HEADERS, location: '/', 'set-cookie': guard.cookieHeader });
    response.end();
    return;
  }
  const html = parts.assets.page(parts.token, parts.session.project.name);
  response.writeHead(200, { ...COMMON_HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PAGE_POLICY });
  response.end(html);
}

function sendAsset(parts: ServerParts, response: ServerResponse, path: string): void {
  const asset = parts.assets.asset(path);
  if (asset === undefined) {
    sendError(response, 404, `no asset ${path}`);
    return;
  }
  response.writeHead(200, { ...COMMON_HEADERS, 'content-type': asset.type, 'content-length': asset.body.length });
  response.end(asset.body);
}

async function answerApi(parts: ServerParts, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const found = findRoute(request.method ?? 'GET', url.pathname);
  if (found === undefined) {
    sendError(response, 404, `no API route ${url.pathname}`);
    return;
  }
  const answer = await found.route.handle({
    session: parts.session,
    params: found.params,
    query: url.searchParams,
    body: () => readJsonBody(request),
  });
  if (answer instanceof TextAnswer) {
    response.writeHead(200, { ...COMMON_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
    response.end(answer.text);
    return;
  }
  sendJson(response, 200, answer);
}
