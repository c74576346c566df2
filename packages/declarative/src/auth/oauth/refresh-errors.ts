// What a failed token refresh becomes. The CDK wraps the answers its `refresh_token_error_*`
// settings describe (a rejected refresh token) in a config_error telling the user to
// re-authenticate, with the provider's own short diagnostic (RFC 6749's `error` and a leading
// code such as Entra's `AADSTS50173`), credentials masked; the full answer goes only to the
// internal message.
import { ConnectorError } from '@tributary/cdk';
import { secretMasker } from '@tributary/cdk/runtime';

/** When a refused refresh means the refresh token was rejected (`refresh_token_error_*`). */
export interface RefreshTokenErrors {
  readonly statusCodes: readonly number[];
  readonly key: string;
  readonly values: readonly string[];
}

export const NO_REFRESH_TOKEN_ERRORS: RefreshTokenErrors = { statusCodes: [], key: '', values: [] };

const REJECTED =
  "Refresh token was rejected by the OAuth provider (invalid, expired, or already used). Re-authenticate this source's credentials in its connection settings.";
const PROVIDER_CODE = /^[A-Za-z]{3,}\d{4,}\b/;
const DETAIL_MAX = 64;
const RESPONSE_MAX = 1000;

/** The body as a JSON object, or undefined (empty, not JSON, not an object). */
export function errorContent(text: string): Record<string, unknown> | undefined {
  try {
    const content: unknown = JSON.parse(text);
    return typeof content === 'object' && content !== null && !Array.isArray(content) ? (content as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The CDK's `_wrap_refresh_token_exception` condition. */
export function isRefreshTokenError(errors: RefreshTokenErrors, status: number, content: Record<string, unknown> | undefined): boolean {
  if (content === undefined || !errors.statusCodes.includes(status)) return false;
  const value = content[errors.key];
  return typeof value === 'string' && errors.values.includes(value);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}...`;
}

/** The short provider detail for the user-facing message, or undefined. */
export function providerDetail(content: Record<string, unknown> | undefined): string | undefined {
  if (content === undefined) return undefined;
  const parts: string[] = [];
  const { error, error_description: description } = content;
  if (typeof error === 'string' && error.trim() !== '') parts.push(error.trim().split(/\s+/).join(' '));
  if (typeof description === 'string') {
    const code = PROVIDER_CODE.exec(description.trim());
    if (code !== null) parts.push(code[0]);
  }
  return parts.length === 0 ? undefined : truncate(secretMasker.mask(parts.join(': ')), DETAIL_MAX);
}

/** The config_error for a rejected refresh token. */
export function rejectedRefreshToken(status: number, text: string, content: Record<string, unknown> | undefined): ConnectorError {
  const detail = providerDetail(content);
  const message = detail === undefined ? REJECTED : `${REJECTED} Provider error: ${detail}`;
  const body = truncate(secretMasker.mask(text), RESPONSE_MAX);
  return ConnectorError.config(message, {
    internalMessage: `Refresh token rejected by the OAuth token endpoint. HTTP ${status}: ${body}`,
  });
}
