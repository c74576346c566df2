/** A loopback API of server-side export jobs for the AsyncRetriever tests: create, poll, download, abort (cancel), delete. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export interface SeenCall {
  readonly method: string;
  readonly path: string;
  readonly body: string;
  /** The test clock's time when the call arrived (when the test has one). */
  readonly at?: number;
}

export interface JobsApiOptions {
  /** The statuses a job reports at each poll (the last one repeats). */
  readonly statuses: readonly string[];
  /** Statuses of one job instead of `statuses`. */
  readonly statusesOf?: (jobId: string) => readonly string[] | undefined;
  /** The export of a job, by the `report` its creation asked for. */
  readonly exportOf: (report: string) => { body: string | Buffer; contentType: string; gzip?: boolean };
  /** Called at each poll (a test's clock moves here). */
  readonly onPoll?: () => void;
  /** The test's clock, read when a call arrives. */
  readonly now?: () => number;
  /** HTTP statuses answered to the first job creations, in order (then 201). */
  readonly creationFailures?: readonly number[];
}

export class JobsApi {
  readonly calls: SeenCall[] = [];
  private readonly server: Server;
  private readonly polls = new Map<string, number>();
  private readonly reports = new Map<string, string>();
  private created = 0;
  private failedCreations = 0;

  constructor(private readonly options: JobsApiOptions) {
    this.server = createServer((request, response) => {
      void readBody(request).then((body) => {
        const path = request.url ?? '/';
        this.calls.push({ method: request.method ?? 'GET', path, body, at: this.options.now?.() });
        const answer = this.answer(request.method ?? 'GET', path, body);
        response.writeHead(answer.status, { 'content-type': answer.contentType });
        response.end(answer.body);
      });
    });
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** The calls as `METHOD path`, in order. */
  lines(): string[] {
    return this.calls.map((call) => `${call.method} ${call.path}`);
  }

  private answer(method: string, path: string, body: string): { status: number; body: string | Buffer; contentType: string } {
    const json = (status: number, value: unknown) => ({ status, body: JSON.stringify(value), contentType: 'application/json' });
    if (method === 'POST' && path === '/jobs') {
      const failure = this.options.creationFailures?.[this.failedCreations];
      if (failure !== undefined) {
        this.failedCreations++;
        return json(failure, { error: 'too many reports' });
      }
      const id = `job-${++this.created}`;
      this.reports.set(id, (JSON.parse(body || '{}') as { report?: string }).report ?? '');
      return json(201, { id });
    }
    const match = /^\/jobs\/([\w-]+)(\/cancel|\/delete)?$/.exec(path);
    if (match && method === 'GET') return json(200, this.poll(match[1]));
    if (match && method === 'POST' && match[2] === '/cancel') return json(200, { id: match[1], status: 'cancelled' });
    if (match && method === 'POST' && match[2] === '/delete') return { status: 204, body: '', contentType: 'text/plain' };
    const file = /^\/files\/([\w-]+)$/.exec(path);
    if (file && method === 'GET') {
      const exported = this.options.exportOf(this.reports.get(file[1]) ?? '');
      const content = exported.gzip ? gzipSync(exported.body) : exported.body;
      return { status: 200, body: content, contentType: exported.contentType };
    }
    return json(404, { error: `no route for ${method} ${path}` });
  }

  private poll(id: string): unknown {
    this.options.onPoll?.();
    const count = this.polls.get(id) ?? 0;
    this.polls.set(id, count + 1);
    const statuses = this.options.statusesOf?.(id) ?? this.options.statuses;
    const status = statuses[Math.min(count, statuses.length - 1)];
    return { id, status, urls: status === 'ready' ? [`${this.url}/files/${id}`] : [] };
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
