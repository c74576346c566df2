// The token refresh request as the CDK builds it: a POST of a form with the grant type, the client
// credentials (left out when the configured headers carry an `Authorization`), the refresh token,
// the scopes and the configured extra fields (which never override those); in the URL's query
// instead with `send_refresh_request_as_query_params`; or, for the profile assertion flow, the
// grant type and a signed JWT `assertion`.
import type { HttpRequest } from '@tributary/cdk';
import type { PyValue } from '../../interpolation/values/object.js';
import { pyStr } from '../../interpolation/values/repr.js';
import { formEncode, formPairs, withQuery } from '../form-encoding.js';

/** What a refresh request is made of; each is read when a refresh is made. */
export interface RefreshFields {
  readonly endpoint: () => string;
  readonly grantTypeName: () => string;
  readonly grantType: () => string;
  readonly clientIdName: () => string;
  readonly clientId: () => PyValue;
  readonly clientSecretName: () => string;
  readonly clientSecret: () => PyValue;
  readonly refreshTokenName: () => string;
  /** null: no refresh token (a client-credentials grant), left out of the form. */
  readonly refreshToken: () => PyValue;
  readonly scopes: readonly string[];
  /** `refresh_request_body`, evaluated. */
  readonly extraBody: () => Record<string, PyValue>;
  /** `refresh_request_headers`, evaluated. */
  readonly headers: () => Record<string, PyValue>;
  readonly asQuery: boolean;
  /** The profile assertion flow: the JWT to send as `assertion`. */
  readonly assertion: (() => Promise<string>) | null;
}

const ASSERTION_NAME = 'assertion';

/** The CDK's `_build_standard_refresh_args`. */
export function standardRefreshArgs(fields: RefreshFields, headers: Record<string, PyValue>): Record<string, PyValue> {
  const args = new Map<string, PyValue>([[fields.grantTypeName(), fields.grantType()]]);
  if (!Object.hasOwn(headers, 'Authorization')) {
    args.set(fields.clientIdName(), fields.clientId());
    args.set(fields.clientSecretName(), fields.clientSecret());
  }
  args.set(fields.refreshTokenName(), fields.refreshToken());
  if (fields.scopes.length > 0) args.set('scopes', [...fields.scopes]);
  for (const [key, value] of Object.entries(fields.extraBody())) if (!args.has(key)) args.set(key, value);
  return Object.fromEntries(args);
}

/** The request to send (its body form-encoded, its headers as given, a form content type otherwise). */
export async function buildRefreshRequest(fields: RefreshFields): Promise<HttpRequest> {
  const headers = fields.headers();
  let body: Record<string, PyValue> = {};
  let query: Record<string, PyValue> = {};
  if (fields.assertion !== null) {
    body = { [fields.grantTypeName()]: fields.grantType(), [ASSERTION_NAME]: await fields.assertion() };
    if (fields.asQuery) query = standardRefreshArgs(fields, headers);
  } else if (fields.asQuery) {
    query = standardRefreshArgs(fields, headers);
  } else {
    body = standardRefreshArgs(fields, headers);
  }
  const pairs = formPairs(body);
  const outgoing: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) outgoing[name] = typeof value === 'string' ? value : pyStr(value);
  const request: HttpRequest = { method: 'POST', url: withQuery(fields.endpoint(), formPairs(query)), headers: outgoing };
  // As `requests`: a non-empty mapping is a form body (even when all its values are None).
  if (Object.keys(body).length > 0) {
    if (!Object.keys(outgoing).some((name) => name.toLowerCase() === 'content-type')) {
      outgoing['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    request.body = formEncode(pairs);
  }
  return request;
}
