import { ConnectorError } from '../errors/connector-error.js';
import { secretMasker } from '../output/secret-masker.js';
import type { FailureType } from '../protocol/types.js';
import { errorMessageFromBody } from './error-mapping.js';
import type { HttpResponse } from './http-response.js';

/** How much of a response body goes into an error message. */
export const BODY_EXCERPT_LENGTH = 500;

/** Query parameters whose values are credentials even when nobody registered them as secrets. */
const SECRET_PARAM =
  /^(api[_-]?key|apikey|key|token|access[_-]?token|refresh[_-]?token|auth|password|passwd|secret|client[_-]?secret|signature|sig)$/i;

/**
 * A URL safe to print: registered secrets masked, and the values of query parameters that are
 * credentials by name (`api_key`, `token`, `client_secret`…) and a password in the URL replaced by `****`.
 */
export function redactUrl(url: string | URL): string {
  let text = typeof url === 'string' ? url : url.toString();
  try {
    const parsed = new URL(text);
    let changed = false;
    if (parsed.password) {
      parsed.password = '****';
      changed = true;
    }
    for (const name of new Set(parsed.searchParams.keys())) {
      if (SECRET_PARAM.test(name)) {
        parsed.searchParams.set(name, '****');
        changed = true;
      }
    }
    if (changed) text = parsed.toString().replaceAll('%2A%2A%2A%2A', '****');
  } catch {
    // Not a URL: mask what is registered, below.
  }
  return secretMasker.mask(text);
}

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
