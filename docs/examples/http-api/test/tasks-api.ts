/**
 * The Tasks API the example reads, as a real HTTP server on 127.0.0.1 (an OS-chosen port): cursor
 * pagination, an API key, a 410 for an archived project's tasks, and one 429 with `Retry-After`.
 * It records every request, so tests can assert what the connector sent.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Project, Task } from '../src/index.js';

export const API_KEY = 'tasks-test-key-7d1f';

export interface SeenRequest {
  path: string;
  query: Record<string, string>;
  apiKey: string | undefined;
}

export const PROJECTS: Project[] = Array.from({ length: 5 }, (_, index) => ({
  id: index + 1,
  name: `Project ${index + 1}`,
  archived: index + 1 === 3,
}));

/** Project p has 3p tasks, updated an hour apart. */
export const TASKS: Task[] = PROJECTS.flatMap((project) =>
  Array.from({ length: project.id * 3 }, (_, index) => ({
    id: project.id * 100 + index,
    project_id: project.id,
    title: `Task ${index} of project ${project.id}`,
    done: index % 2 === 0,
    updated_at: new Date(Date.UTC(2024, 0, 1, index)).toISOString(),
  })),
);

export interface TasksApi {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** Starts the API (on `port`, default any free one); `rateLimitOnce` answers the first tasks request of project 2 with a 429. */
export async function startTasksApi(options: { rateLimitOnce?: boolean; port?: number } = {}): Promise<TasksApi> {
  const requests: SeenRequest[] = [];
  let rateLimited = !options.rateLimitOnce;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const seen = {
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      apiKey: request.headers['x-api-key'] as string | undefined,
    };
    requests.push(seen);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(body));
    };
    if (seen.apiKey !== API_KEY) return send(401, { error: 'invalid API key' });
    if (url.pathname === '/v1/me') return send(200, { name: 'Example user' });
    if (url.pathname === '/v1/projects') return send(200, page(PROJECTS, url));
    const tasksOf = /^\/v1\/projects\/(\d+)\/tasks$/.exec(url.pathname);
    if (tasksOf) {
      const projectId = Number(tasksOf[1]);
      if (PROJECTS.find((project) => project.id === projectId)?.archived) return send(410, { error: 'project archived' });
      if (projectId === 2 && !rateLimited) {
        rateLimited = true;
        return send(429, { error: 'slow down' }, { 'retry-after': '1' });
      }
      const since = url.searchParams.get('updated_since');
      const tasks = TASKS.filter((task) => task.project_id === projectId && (since === null || task.updated_at >= since));
      return send(200, page(tasks, url));
    }
    send(404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** One page of `items`: `limit` of them from the offset the cursor encodes. */
function page<T>(items: T[], url: URL): { data: T[]; meta: { next_cursor: string | null } } {
  const limit = Number(url.searchParams.get('limit') ?? 50);
  const offset = Number(Buffer.from(url.searchParams.get('cursor') ?? 'MA==', 'base64').toString('utf8'));
  const end = offset + limit;
  return { data: items.slice(offset, end), meta: { next_cursor: end < items.length ? Buffer.from(String(end)).toString('base64') : null } };
}
