import type { Readable } from 'node:stream';
import type { Agent, Dispatcher } from 'undici';
import type { BodyStream } from './bounded-body.js';
import type { OutgoingRequest, RequestBody } from './credential-scope.js';
import { decompressedBody } from './decompress.js';
import { onDemand } from './on-demand-modules.js';

interface UndiciParts {
  Agent: typeof Agent;
}

let undiciModule: Promise<UndiciParts> | undefined;
let sharedAgent: Agent | undefined;
let defaultDispatcher: Dispatcher | undefined;

/** undici is loaded on the first request, so connectors start fast and `spec` never pays for it. */
function loadUndici(): Promise<UndiciParts> {
  undiciModule ??= import('undici').then(({ Agent }) => ({ Agent }));
  return undiciModule;
}

/** The process-wide connection pool: keep-alive connections reused by every stream. */
async function sharedDispatcher(): Promise<Dispatcher> {
  if (sharedAgent === undefined) {
    const { Agent } = await loadUndici();
    sharedAgent ??= new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000, connections: 64 });
  }
  return sharedAgent;
}

/**
 * Sets the dispatcher that every `HttpClient` created without its own `dispatcher` uses, in the
 * whole process: a proxy agent, or the mock of a test (`@tributary/cdk/testing` installs its
 * `MockAgent` here). `undefined` restores the shared keep-alive pool.
 */
export function setDefaultDispatcher(dispatcher: Dispatcher | undefined): void {
  defaultDispatcher = dispatcher;
}

/** The answer to one hop: its status and headers, and its body (decompressed) as it arrives. */
export interface HopResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  /** The headers as received: original case, in order. */
  readonly rawHeaders: readonly (readonly [string, string])[];
  readonly body: BodyStream | null;
}

/**
 * undici reads `responseHeaders: 'raw'` (header names in their original case, as a flat list);
 * its type declarations spell the option `responseHeader`.
 */
interface RawHeadersOption {
  responseHeaders: 'raw';
}

/** Sent unless the request sets its own: what any HTTP client sends (Python's requests sends the same). */
const DEFAULT_HEADERS: Readonly<Record<string, string>> = { accept: '*/*', 'accept-encoding': 'gzip, deflate, br' };

/**
 * Sends one hop as it is, through the client's own dispatcher, else the process default, else
 * the shared pool. Redirects are answers here: the client follows them itself. The request goes
 * with exactly its own headers (plus `accept` and `accept-encoding` when it has none): no
 * browser headers (`accept-language`, `sec-fetch-mode`), which some APIs act upon, and no
 * `content-type` the request did not ask for, except `application/x-www-form-urlencoded` for a
 * form body.
 */
export async function sendHop(request: OutgoingRequest, signal: AbortSignal, own: Dispatcher | undefined): Promise<HopResponse> {
  const dispatcher = own ?? defaultDispatcher ?? (await sharedDispatcher());
  const headers: Record<string, string> = { ...DEFAULT_HEADERS, ...request.headers };
  const body = wireBody(request.body, headers);
  const options: Dispatcher.RequestOptions & RawHeadersOption = {
    origin: request.url.origin,
    path: `${request.url.pathname}${request.url.search}`,
    method: request.method as Dispatcher.HttpMethod,
    headers,
    body,
    signal,
    responseHeaders: 'raw',
  };
  const answer = await dispatcher.request(options);
  // Errors reach the reader through iteration; destroying a body not read to its end (a redirect,
  // a body over the size limit) emits one too, which must not become an uncaught exception.
  answer.body.on('error', ignore);
  const rawHeaders = rawPairs(answer.headers as unknown as readonly string[]);
  const responseHeaders = headersOf(rawHeaders);
  const hasBody = answer.statusCode !== 204 && answer.statusCode !== 304 && request.method !== 'HEAD';
  return {
    status: answer.statusCode,
    statusText: onDemand.http().STATUS_CODES[answer.statusCode] ?? '',
    headers: responseHeaders,
    rawHeaders,
    body: hasBody ? decompressedBody(answer.body, responseHeaders.get('content-encoding')) : discard(answer.body),
  };
}

function wireBody(body: RequestBody | undefined, headers: Record<string, string>): string | Uint8Array | undefined {
  if (body instanceof URLSearchParams) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded;charset=UTF-8';
    return body.toString();
  }
  return body;
}

/** `[name, value, name, value, ...]` as undici gives raw headers, as pairs. */
function rawPairs(raw: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let index = 0; index + 1 < raw.length; index += 2) pairs.push([String(raw[index]), String(raw[index + 1])]);
  return pairs;
}

function headersOf(pairs: readonly (readonly [string, string])[]): Headers {
  const headers = new Headers();
  for (const [name, value] of pairs) headers.append(name, value);
  return headers;
}

/** A body that is not read (HEAD, 204, 304) still has to be consumed for the connection to be reused. */
function discard(body: Readable): null {
  body.resume();
  return null;
}

function ignore(): void {}
