/**
 * The loopback API of the manifest in fixtures/manifests/source-loopback: `GET /items` (pages
 * through a cursor, every 5th item hidden) and `GET /events?since=` (events from that time on),
 * both behind an `X-Api-Key` header. Answers are a pure function of the request and of how many
 * events exist (`addEvents` plays time passing between syncs).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { repoRoot } from './cli.js';

export const LOOPBACK_MANIFEST_DIR = join(repoRoot, 'packages/cli/test/fixtures/manifests/source-loopback');
export const LOOPBACK_MANIFEST = join(LOOPBACK_MANIFEST_DIR, 'manifest.yaml');
export const LOOPBACK_API_KEY = 'lb-secret-key-8f2c1';
export const ITEM_COUNT = 120;
/** Items whose id is a multiple of this are `hidden`, which the manifest's RecordFilter drops. */
export const HIDDEN_EVERY = 5;
export const VISIBLE_ITEMS = ITEM_COUNT - Math.floor(ITEM_COUNT / HIDDEN_EVERY);
const FIRST_EVENT = Date.parse('2024-01-01T00:00:00Z');
const HOUR = 3_600_000;

export interface ManifestApi {
  url: string;
  /** The requests served: method and path with query. */
  readonly requests: string[];
  /** How many events exist (ids 1..n, one an hour from 2024-01-01T00:00:00Z). */
  events: number;
  close(): Promise<void>;
}

/** The config of the loopback manifest for `api`. */
export function loopbackConfig(api: ManifestApi, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { base_url: api.url, api_key: LOOPBACK_API_KEY, start_date: '2024-01-01T00:00:00Z', label: 'from-test', ...extra };
}

/** The `updated_at` of event `id`, as the API writes it. */
export function eventTime(id: number): string {
  return new Date(FIRST_EVENT + (id - 1) * HOUR).toISOString().replace('.000Z', 'Z');
}

export async function startManifestApi(events = 30): Promise<ManifestApi> {
  const requests: string[] = [];
  const api = { url: '', requests, events, close: async () => {} } satisfies ManifestApi;
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    answer(request, response, api.events);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api.close = () => new Promise((resolve) => server.close(() => resolve()));
  return api;
}

function answer(request: IncomingMessage, response: ServerResponse, events: number): void {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const send = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  if (request.headers['x-api-key'] !== LOOPBACK_API_KEY) send(401, { error: 'invalid API key' });
  else if (url.pathname === '/items') send(200, itemsPage(url.searchParams));
  else if (url.pathname === '/events') send(200, eventsSince(url.searchParams.get('since'), events));
  else send(404, { error: `no route ${url.pathname}` });
}

function itemsPage(query: URLSearchParams): { data: object[]; next_cursor: string | null } {
  const limit = Number(query.get('limit') ?? 10);
  const offset = Number((query.get('cursor') ?? 'c0').slice(1));
  const data = [];
  for (let id = offset + 1; id <= Math.min(offset + limit, ITEM_COUNT); id++) {
    data.push({ id, name: `item ${id}`, kind: id % HIDDEN_EVERY === 0 ? 'hidden' : 'visible' });
  }
  return { data, next_cursor: offset + limit < ITEM_COUNT ? `c${offset + limit}` : null };
}

function eventsSince(since: string | null, events: number): { data: object[] } {
  const from = since === null ? 0 : Date.parse(since);
  const data = [];
  for (let id = 1; id <= events; id++)
    if (Date.parse(eventTime(id)) >= from) data.push({ id, title: `event ${id}`, updated_at: eventTime(id) });
  return { data };
}
