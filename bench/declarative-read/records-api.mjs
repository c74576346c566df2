// The loopback API of case i: `GET /records?limit=L[&cursor=N]` answers records N+1..N+L (of
// `total`) as `{"data": [...], "next": "<cursor>" | null}`. Every 10th record is archived, which
// both connectors drop. Record `i` depends only on `i`, so every engine reads the same bytes.
import { createServer } from 'node:http';

export const PAGE_SIZE = 1000;
/** Records whose id is a multiple of this are archived: the RecordFilter (and the hand-written filter) drops them. */
export const ARCHIVED_EVERY = 10;
export const LABEL = 'bench';

const BASE_TIME = Date.parse('2024-01-01T00:00:00Z');

export function recordAt(id) {
  return {
    id,
    name: `record ${id}`,
    kind: id % ARCHIVED_EVERY === 0 ? 'archived' : 'active',
    amount: (id % 1000) + 0.25,
    created_at: new Date(BASE_TIME + id * 1000).toISOString(),
    owner: { id: id % 97, email: `owner${id % 97}@example.com` },
    tags: ['alpha', id % 2 ? 'odd' : 'even'],
  };
}

/** What both connectors emit for record `id`: the record and the field AddFields adds, or undefined when filtered out. */
export function emittedAt(id) {
  if (id % ARCHIVED_EVERY === 0) return undefined;
  return { ...recordAt(id), tag: `${LABEL}-${id}` };
}

export function emittedCount(total) {
  return total - Math.floor(total / ARCHIVED_EVERY);
}

/** Starts the API on 127.0.0.1 (a free port); `pages` counts the pages served, for checking every run. */
export function startRecordsApi(total) {
  const stats = { pages: 0, errors: 0 };
  const server = createServer((request, response) => {
    const url = new URL(request.url, 'http://localhost');
    if (url.pathname !== '/records') {
      stats.errors++;
      response.writeHead(404).end();
      return;
    }
    const limit = Number(url.searchParams.get('limit') ?? PAGE_SIZE);
    const offset = Number(url.searchParams.get('cursor') ?? 0);
    const data = [];
    for (let id = offset + 1; id <= Math.min(offset + limit, total); id++) data.push(recordAt(id));
    const next = offset + limit < total ? String(offset + limit) : null;
    stats.pages++;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ data, next }));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}`;
      resolve({ url, stats, close: () => new Promise((done) => server.close(done)) });
    }),
  );
}
