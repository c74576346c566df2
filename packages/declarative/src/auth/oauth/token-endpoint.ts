// Sending a token refresh through the CDK's HttpClient: 429, 5xx and network errors retried with
// backoff (the CDK's refresh retries them for up to 5 minutes), any other 4xx not retried and
// reported as what it means; the answer read as JSON and its access token registered as a secret.
import {
  type AuthContext,
  ConnectorError,
  type ErrorRule,
  type HttpClient,
  HttpError,
  type HttpRequest,
  registerSecret,
} from '@tributary/cdk';
import { redactUrl } from '@tributary/cdk/runtime';
import { errorContent, isRefreshTokenError, type RefreshTokenErrors, rejectedRefreshToken } from './refresh-errors.js';
import { findValue } from './token-response.js';

/** Every 4xx but 429: an answer a retry will not change. */
const FINAL_4XX: readonly number[] = Array.from({ length: 100 }, (_, index) => 400 + index).filter((status) => status !== 429);
const NOT_RETRIED: readonly ErrorRule[] = [{ status: FINAL_4XX, action: 'fail', failureType: 'system_error' }];
const REFUSED = new Set([400, 401, 403]);

export interface TokenEndpointCall {
  readonly client: HttpClient;
  readonly request: HttpRequest;
  readonly errors: RefreshTokenErrors;
  /** The field of the answer holding the access token (registered as a secret as soon as it is read). */
  readonly accessTokenName: string;
}

/** The token endpoint's answer, parsed; throws a ConnectorError saying what went wrong. */
export async function callTokenEndpoint(call: TokenEndpointCall, context: AuthContext = {}): Promise<unknown> {
  let text: string;
  try {
    const response = await call.client.send(call.request, {
      signal: context.signal,
      logger: context.logger,
      errorRules: NOT_RETRIED,
      format: 'text',
    });
    text = await response.text();
  } catch (error) {
    throw await refreshFailure(error, call);
  }
  const body = parseBody(text, call.request);
  const accessToken = findValue(body, call.accessTokenName);
  if (accessToken) registerSecret(accessToken);
  return body;
}

function parseBody(text: string, request: HttpRequest): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ConnectorError(`OAuth access token refresh request failed: the answer of ${redactUrl(String(request.url))} is not JSON.`, {
      internalMessage: `Unexpected answer of the OAuth token endpoint: ${text.slice(0, 200)}`,
    });
  }
}

async function refreshFailure(error: unknown, call: TokenEndpointCall): Promise<unknown> {
  if (!(error instanceof HttpError) || error.response === undefined || error.status === undefined) return error;
  const { status } = error;
  if (status < 400 || status >= 500 || status === 429) return error;
  const text = await error.response.text();
  const content = errorContent(text);
  if (isRefreshTokenError(call.errors, status, content)) return rejectedRefreshToken(status, text, content);
  if (!REFUSED.has(status)) return error;
  return ConnectorError.config(
    `The OAuth token endpoint ${redactUrl(String(call.request.url))} refused the token refresh (HTTP ${status}): the client credentials or the refresh token may be wrong, expired or revoked. Check them, or authenticate the connection again.`,
    { internalMessage: error.message, cause: error },
  );
}
