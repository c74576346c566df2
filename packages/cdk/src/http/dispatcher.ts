import type { Agent, Dispatcher, Response } from 'undici';
import type { OutgoingRequest } from './credential-scope.js';

interface UndiciParts {
  Agent: typeof Agent;
  fetch: typeof import('undici').fetch;
}

let undiciModule: Promise<UndiciParts> | undefined;
let sharedAgent: Agent | undefined;
let defaultDispatcher: Dispatcher | undefined;

/** undici is loaded on the first request, so connectors start fast and `spec` never pays for it. */
function loadUndici(): Promise<UndiciParts> {
  undiciModule ??= import('undici').then(({ Agent, fetch }) => ({ Agent, fetch }));
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

/**
 * Sends one hop as it is, through the client's own dispatcher, else the process default, else
 * the shared pool. Redirects are answers here: the client follows them itself.
 */
export async function fetchHop(request: OutgoingRequest, signal: AbortSignal, own: Dispatcher | undefined): Promise<Response> {
  const { fetch } = await loadUndici();
  const dispatcher = own ?? defaultDispatcher ?? (await sharedDispatcher());
  return fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body ?? undefined,
    signal,
    redirect: 'manual',
    dispatcher,
  });
}
