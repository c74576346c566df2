import { ConnectorError } from '../errors/connector-error.js';
import { secretMasker } from '../output/secret-masker.js';
import type { FailureType } from '../protocol/types.js';
import type { HttpResponse } from './http-response.js';

/** How much of a response body goes into an error message. */
export const BODY_EXCERPT_LENGTH = 500;

/**
 * The start of a body for an error message, secrets masked; the rest counted, not shown.
 * Masked before whitespace is collapsed, which would change a secret with inner whitespace.
 */
export function bodyExcerpt(text: string, limit = BODY_EXCERPT_LENGTH): string {
  const masked = secretMasker.mask(text).replace(/\s+/g, ' ').trim();
  if (masked.length === 0) return '(empty body)';
  return masked.length <= limit ? masked : `${masked.slice(0, limit)}… (${masked.length - limit} more characters)`;
}

export interface HttpErrorDetails {
  method: string;
  url: string;
  status?: number;
  /** How many attempts were made. */
  attempts: number;
  /** The response that ended the request, if there was one. */
  response?: HttpResponse;
}

/**
 * A failed HTTP request: a `ConnectorError` whose message names the method, the URL (secrets
 * masked), the status and an excerpt of the body, so the TRACE error says what went wrong.
 */
export class HttpError extends ConnectorError {
  readonly method: string;
  readonly url: string;
  readonly status?: number;
  readonly attempts: number;
  readonly response?: HttpResponse;

  constructor(message: string, failureType: FailureType, details: HttpErrorDetails, internalMessage?: string, cause?: unknown) {
    super(message, { failureType, internalMessage, cause });
    this.name = 'HttpError';
    this.method = details.method;
    this.url = details.url;
    this.status = details.status;
    this.attempts = details.attempts;
    this.response = details.response;
  }
}

/** `HTTP 404 Not Found: <error from the body>. Response body: <excerpt>` */
export async function describeResponse(response: HttpResponse): Promise<string> {
  const text = await response.text();
  let apiMessage: string | undefined;
  try {
    const body: unknown = JSON.parse(text);
    // A body that is just a string is shown as the excerpt; no need to say it twice.
    apiMessage = typeof body === 'object' ? errorMessageFromBody(body) : undefined;
  } catch {
    apiMessage = undefined;
  }
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  const excerpt = bodyExcerpt(text);
  const said = apiMessage !== undefined ? `; the API said: ${bodyExcerpt(apiMessage, 200)}` : '';
  return `${status}${said}. Response body: ${excerpt}`;
}

const ERROR_KEYS = ['message', 'messages', 'error', 'errors', 'failures', 'failure', 'detail', 'error_description', 'title'];

/**
 * The error message an API put in its JSON body, if any: looks at the keys the Python CDK looks
 * at (`message`, `messages`, `error`, `errors`, `failures`, `failure`, `detail`), in nested
 * objects and lists too, and joins what it finds.
 */
export function errorMessageFromBody(body: unknown, depth = 0): string | undefined {
  if (depth > 4 || body === null || body === undefined) return undefined;
  if (typeof body === 'string') return body.trim().length > 0 ? body : undefined;
  if (typeof body === 'number' || typeof body === 'boolean') return String(body);
  if (Array.isArray(body)) {
    const parts = body.map((item) => errorMessageFromBody(item, depth + 1)).filter((part): part is string => part !== undefined);
    return parts.length > 0 ? parts.join(', ') : undefined;
  }
  if (typeof body === 'object') {
    for (const key of ERROR_KEYS) {
      if (!Object.hasOwn(body, key)) continue;
      const found = errorMessageFromBody((body as Record<string, unknown>)[key], depth + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
