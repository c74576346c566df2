/**
 * A small mock of Beamer's NPS API, for the corpus manifest source-beamer (copied with its harness
 * plan into fixtures/): records shaped by the plan's templates, filtered by `dateFrom`/`dateTo`
 * and paged by `page` (from 0) and `maxResults` as the manifest asks, behind its Bearer token. It
 * listens on a port of its own (the declarative harness's 18777 is not used).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/source-beamer');
const HARNESS_URL = 'http://127.0.0.1:18777/source-beamer/api.getbeamer.com/v0/';
const PATH = '/source-beamer/api.getbeamer.com/v0/nps';
const START_MS = Date.UTC(2024, 5, 1);
const HOUR_MS = 3_600_000;

type Json = Record<string, unknown>;

export class BeamerApi {
  /** Every request, as `page=…&maxResults=…&dateFrom=…` (its query), in order. */
  readonly requests: string[] = [];

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(token: string, count = 250): Promise<BeamerApi> {
    const records = makeRecords(count);
    let api: BeamerApi | undefined;
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      api?.requests.push(url.search.slice(1));
      if (request.headers.authorization !== `Bearer ${token}`) return send(response, 401, { error: 'invalid API key' });
      if (url.pathname !== PATH) return send(response, 404, { error: 'no such endpoint' });
      const from = url.searchParams.get('dateFrom') ?? '';
      const to = url.searchParams.get('dateTo') ?? '9999';
      const size = Number(url.searchParams.get('maxResults') ?? 10);
      const page = Number(url.searchParams.get('page') ?? 0);
      const matching = records.filter((record) => String(record.date) >= from && String(record.date) <= to);
      send(response, 200, matching.slice(page * size, (page + 1) * size));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = new BeamerApi(server, (server.address() as AddressInfo).port);
    return api;
  }

  /** The corpus manifest with its API at this server: written to `dir/manifest.yaml`. */
  writeManifest(dir: string): string {
    const text = readFileSync(join(FIXTURES, 'manifest.yaml'), 'utf8').replace(
      HARNESS_URL,
      `http://127.0.0.1:${this.port}/source-beamer/api.getbeamer.com/v0/`,
    );
    const file = join(dir, 'manifest.yaml');
    writeFileSync(file, text);
    return file;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** `count` NPS answers an hour apart from 2024-06-01, each from one of the plan's record templates. */
function makeRecords(count: number): Json[] {
  const plan = JSON.parse(readFileSync(join(FIXTURES, 'plan.json'), 'utf8')) as { routes: { body: Json[] }[] };
  const templates = plan.routes[0]!.body;
  return Array.from({ length: count }, (_, index) => {
    const record = materialize(templates[index % templates.length], index) as Json;
    record.id = `nps-${index + 1}`;
    record.date = new Date(START_MS + index * HOUR_MS).toISOString().replace('.000Z', 'Z');
    return record;
  });
}

/** The plan's placeholders filled: `§V§` the variant, `§F§n` a float. */
function materialize(node: unknown, variant: number): unknown {
  if (typeof node === 'string') {
    const float = /^§F§(\d+)$/.exec(node);
    if (float !== null) return (variant % 10) + Number(float[1]) / 10;
    return node.replaceAll('§V§', String(variant));
  }
  if (Array.isArray(node)) return node.map((item) => materialize(item, variant));
  if (typeof node === 'object' && node !== null)
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, materialize(value, variant)]));
  return node;
}

function send(response: import('node:http').ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
