/** Server-sent events to the open pages: code or manifest changes, a read's progress. */
import type { ServerResponse } from 'node:http';
import type { StudioEvent } from '../api/types.js';
import { COMMON_HEADERS } from './http-io.js';

const KEEP_ALIVE_MS = 15_000;

export class EventStream {
  private readonly clients = new Set<ServerResponse>();
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.timer = setInterval(() => {
      for (const client of this.clients) client.write(': keep-alive\n\n');
    }, KEEP_ALIVE_MS);
    this.timer.unref();
  }

  /** Keeps `response` open and sends it every event from now on. */
  attach(response: ServerResponse): void {
    response.writeHead(200, { ...COMMON_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' });
    response.write(': connected\n\n');
    this.clients.add(response);
    response.on('close', () => this.clients.delete(response));
  }

  send(event: StudioEvent): void {
    const text = `data: ${JSON.stringify(event)}\n\n`;
    for (const client of this.clients) client.write(text);
  }

  close(): void {
    clearInterval(this.timer);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }
}
