// A small Tasks API for guide 9's session: the shape the manifest reads (records under `data`, the
// next page's cursor in `meta.next_cursor`, the key in `X-Api-Key`, `updated_since` to read only
// what changed). It listens on 127.0.0.1 on a port the system picks and prints its URL.
// `node api.mjs later` serves the data as it is a day later: one task changed, one added.
import { createServer } from 'node:http';

const API_KEY = 'my-api-key';
const PAGE_SIZE = 2;
const projects = [
  { id: 1, name: 'Website' },
  { id: 2, name: 'Mobile app' },
];
const tasks = [
  { id: 1, title: 'Write the copy', done: true, updated_at: '2024-03-01T09:00:00Z' },
  { id: 2, title: 'Pick the colours', done: false, updated_at: '2024-03-02T10:30:00Z' },
  { id: 3, title: 'Sketch the screens', done: false, updated_at: '2024-03-03T14:00:00Z' },
];
if (process.argv[2] === 'later') {
  tasks[1] = { ...tasks[1], done: true, updated_at: '2024-03-04T08:00:00Z' };
  tasks.push({ id: 4, title: 'Test on phones', done: false, updated_at: '2024-03-04T11:15:00Z' });
}

function page(rows, url) {
  const start = Number(url.searchParams.get('cursor') ?? 0);
  const end = start + PAGE_SIZE;
  return { data: rows.slice(start, end), meta: { next_cursor: end < rows.length ? String(end) : null } };
}

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  console.error(`api: ${request.method} ${decodeURIComponent(request.url ?? '/')}`);
  const reply = (status, body) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  if (request.headers['x-api-key'] !== API_KEY) return reply(401, { error: 'bad API key' });
  if (url.pathname === '/projects') return reply(200, page(projects, url));
  if (url.pathname === '/tasks') {
    const since = url.searchParams.get('updated_since') ?? '';
    return reply(
      200,
      page(
        tasks.filter((task) => task.updated_at >= since),
        url,
      ),
    );
  }
  reply(404, { error: `no such path: ${url.pathname}` });
});
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`));
