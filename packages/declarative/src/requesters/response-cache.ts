// The Python CDK caches the responses of parent streams (requests-cache, in memory when
// REQUEST_CACHE_PATH is unset, one store for the whole process): a request a parent stream sent
// once, with the same method, URL, headers and body, is answered from the cache the next time
// (another child reading the same parent, the parent read as a stream of its own). As
// requests-cache's defaults: only GET and HEAD, only 200 responses. The store keeps at most
// `maxBytes` of bodies, dropping the oldest entries first.
import type { HttpRequest, HttpResponse } from '@tributary/cdk';

export const DEFAULT_CACHE_BYTES = 256 * 1024 * 1024;

const CACHEABLE_METHODS = new Set(['GET', 'HEAD']);

export class ResponseCache {
  private readonly entries = new Map<string, HttpResponse>();
  private bytes = 0;

  constructor(private readonly maxBytes = DEFAULT_CACHE_BYTES) {}

  /** The cached answer to `request`, if any. */
  get(request: HttpRequest): HttpResponse | undefined {
    const key = keyOf(request);
    if (key === undefined) return undefined;
    const found = this.entries.get(key);
    if (found !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, found);
    }
    return found;
  }

  /** Keeps `response` as the answer to `request` when it may be cached. */
  put(request: HttpRequest, response: HttpResponse): void {
    const key = keyOf(request);
    if (key === undefined || response.status !== 200 || response.size > this.maxBytes) return;
    const previous = this.entries.get(key);
    if (previous !== undefined) this.bytes -= previous.size;
    this.entries.delete(key);
    this.entries.set(key, response);
    this.bytes += response.size;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.size;
    }
  }
}

function keyOf(request: HttpRequest): string | undefined {
  const method = (request.method ?? 'GET').toUpperCase();
  if (!CACHEABLE_METHODS.has(method)) return undefined;
  const headers = Object.entries(request.headers ?? {})
    .map(([name, value]) => [name.toLowerCase(), value])
    .sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0));
  const body = typeof request.body === 'string' ? request.body : request.body === undefined ? '' : String(request.body);
  return JSON.stringify([method, String(request.url), headers, body]);
}
