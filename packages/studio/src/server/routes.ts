/** The API's routes: method and path onto a session action. Bodies are JSON; answers are JSON unless said otherwise. */
import type {
  InterpolateRequest,
  JsonObject,
  ManifestTextRequest,
  ReadRequest,
  SaveConfigRequest,
  WriteSchemaRequest,
} from '../api/types.js';
import type { StudioSession } from '../session/studio-session.js';
import { HttpProblem } from './http-io.js';

export interface RouteContext {
  session: StudioSession;
  params: string[];
  query: URLSearchParams;
  body: () => Promise<unknown>;
}

/** A JSON answer, or text (`{ text }`, sent as text/plain). */
export type RouteAnswer = unknown;

interface Route {
  method: 'GET' | 'POST' | 'PUT';
  pattern: RegExp;
  handle(context: RouteContext): Promise<RouteAnswer> | RouteAnswer;
}

export class TextAnswer {
  constructor(readonly text: string) {}
}

const ROUTES: readonly Route[] = [
  { method: 'GET', pattern: /^\/api\/project$/, handle: ({ session }) => session.projectView() },
  { method: 'GET', pattern: /^\/api\/spec$/, handle: ({ session }) => session.spec() },
  { method: 'GET', pattern: /^\/api\/config$/, handle: ({ session }) => session.configView() },
  { method: 'PUT', pattern: /^\/api\/config$/, handle: async ({ session, body }) => session.saveConfig(configOf(await body())) },
  {
    method: 'POST',
    pattern: /^\/api\/config\/validate$/,
    handle: async ({ session, body }) => ({ problems: await session.validateConfig(configOf(await body())) }),
  },
  { method: 'POST', pattern: /^\/api\/check$/, handle: ({ session }) => session.check() },
  { method: 'POST', pattern: /^\/api\/discover$/, handle: ({ session }) => session.discover() },
  { method: 'POST', pattern: /^\/api\/read$/, handle: async ({ session, body }) => session.read(objectOf<ReadRequest>(await body())) },
  { method: 'POST', pattern: /^\/api\/read\/cancel$/, handle: ({ session }) => ({ cancelled: session.cancelRead() }) },
  { method: 'GET', pattern: /^\/api\/runs\/([\w-]+)$/, handle: ({ session, params }) => session.run(params[0]!) },
  {
    method: 'GET',
    pattern: /^\/api\/runs\/([\w-]+)\/bodies\/([\w-]+)$/,
    handle: ({ session, params }) => new TextAnswer(session.body(params[0]!, params[1]!)),
  },
  {
    method: 'PUT',
    pattern: /^\/api\/schemas\/([^/]+)$/,
    handle: async ({ session, params, body }) =>
      session.writeSchema(decodeURIComponent(params[0]!), objectOf<WriteSchemaRequest>(await body()).schema),
  },
  { method: 'GET', pattern: /^\/api\/files$/, handle: ({ session, query }) => session.file(query.get('path') ?? '') },
  { method: 'GET', pattern: /^\/api\/manifest$/, handle: ({ session }) => session.manifest() },
  {
    method: 'POST',
    pattern: /^\/api\/manifest\/validate$/,
    handle: async ({ session, body }) => session.validateManifest(textOf(await body())),
  },
  { method: 'PUT', pattern: /^\/api\/manifest$/, handle: async ({ session, body }) => session.saveManifest(textOf(await body())) },
  {
    method: 'POST',
    pattern: /^\/api\/interpolate$/,
    handle: async ({ session, body }) => session.interpolate(objectOf<InterpolateRequest>(await body())),
  },
];

/** The route for a method and path, with the path's parameters; undefined when there is none. */
export function findRoute(method: string, path: string): { route: Route; params: string[] } | undefined {
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (match !== null && route.method === method) return { route, params: match.slice(1) };
  }
  if (ROUTES.some((route) => route.pattern.test(path))) throw new HttpProblem(405, `${method} is not allowed on ${path}`);
  return undefined;
}

function objectOf<T>(body: unknown): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpProblem(400, 'the body must be a JSON object');
  return body as T;
}

function configOf(body: unknown): JsonObject {
  const config = objectOf<SaveConfigRequest>(body).config;
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new HttpProblem(400, 'config must be a JSON object');
  return config;
}

function textOf(body: unknown): string {
  const text = objectOf<ManifestTextRequest>(body).text;
  if (typeof text !== 'string') throw new HttpProblem(400, 'text must be a string');
  return text;
}
