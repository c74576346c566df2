// A CDK response (or the error that prevented one) as the declarative error handlers and
// backoff strategies judge it. The body is parsed only if a filter asks for it.
import type { HttpResponse } from '@tributary/cdk';
import type { ErrorOutcome, ResponseOutcome } from '../errors/http-outcome.js';

const UTF8 = new TextDecoder('utf-8');

/** What a handler sees of a response: status, reason, URL, headers as received, body (text and, lazily, JSON). */
export function responseOutcome(response: HttpResponse, body: Uint8Array): ResponseOutcome {
  let text: string | undefined;
  let json: { value: unknown } | undefined;
  const textOf = () => {
    text ??= UTF8.decode(body);
    return text;
  };
  return {
    kind: 'response',
    status: response.status,
    reason: response.statusText,
    url: response.url,
    headers: response.rawHeaders,
    get text() {
      return textOf();
    },
    get json() {
      json ??= { value: parsedOrUndefined(textOf()) };
      return json.value;
    },
  };
}

function parsedOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A request that got no response, named as Python's `requests` would name its exception. */
export function errorOutcome(error: unknown): ErrorOutcome {
  const code = typeof error === 'object' && error !== null ? String((error as { code?: unknown }).code ?? '') : '';
  const message = error instanceof Error ? error.message : String(error);
  if (/TIMEOUT|Timeout/.test(code) || (error instanceof Error && /timed? ?out/i.test(error.message))) {
    return { kind: 'error', errorClass: 'ReadTimeout', message };
  }
  if (/^(ECONNREFUSED|ECONNRESET|EPIPE|ENOTFOUND|EAI_AGAIN|UND_ERR_SOCKET|UND_ERR_CLOSED)$/.test(code)) {
    return { kind: 'error', errorClass: 'ConnectionError', message };
  }
  return { kind: 'error', errorClass: 'RequestException', message };
}
