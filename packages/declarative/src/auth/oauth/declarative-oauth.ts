// The declarative OAuthAuthenticator's fields (the CDK's DeclarativeOauth2Authenticator): every
// name and value a template over the config, evaluated at each refresh; the checks its
// constructor makes; its first access token and expiry (`access_token_value`, `token_expiry_date`).
import { ConnectorError, registerSecret } from '@tributary/cdk';
import type { OAuthAuthenticator as OAuthModel } from '../../components/component-types.js';
import { parametersOf } from '../../interpolated/evaluation-context.js';
import { InterpolatedString } from '../../interpolated/interpolated-string.js';
import type { PyDateTime } from '../../interpolation/datetime/model.js';
import type { PyValue } from '../../interpolation/values/object.js';
import { pyStr } from '../../interpolation/values/repr.js';
import type { AuthenticatorEnvironment } from '../authenticator-environment.js';
import { InterpolatedMapping } from '../interpolated-mapping.js';
import { abDatetimeNow, abDatetimeParse, addSeconds } from './airbyte-datetime.js';
import { type AssertionSource, requiredClientId, secretValue, template, textTemplate } from './oauth-model.js';
import type { RefreshFields } from './refresh-request.js';

const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export function declarativeRefreshFields(
  model: OAuthModel,
  env: AuthenticatorEnvironment,
  assertion: AssertionSource | null,
): RefreshFields {
  const useAssertion = model.use_profile_assertion === true;
  checkModel(model, useAssertion, assertion !== null);
  const parameters = parametersOf(model);
  const extraBody = new InterpolatedMapping(model.refresh_request_body ?? {}, parameters);
  const headers = new InterpolatedMapping(model.refresh_request_headers ?? {}, parameters);
  const grantType = textTemplate(useAssertion ? JWT_BEARER_GRANT : (model.grant_type ?? 'refresh_token'), model, env);
  if (grantType() === 'refresh_token' && model.refresh_token === undefined) {
    throw new ConnectorError(
      "OAuth configuration is missing a required field. A 'refresh_token' is required when 'grant_type' is set to 'refresh_token'.",
    );
  }
  return {
    endpoint: endpointOf(model, env),
    grantTypeName: textTemplate(model.grant_type_name ?? 'grant_type', model, env),
    grantType,
    clientIdName: textTemplate(model.client_id_name ?? 'client_id', model, env),
    clientId: secretValue(requiredClientId(optional(model.client_id, model, env))),
    clientSecretName: textTemplate(model.client_secret_name ?? 'client_secret', model, env),
    clientSecret: secretValue(warnWhenEmpty(optional(model.client_secret, model, env), env)),
    refreshTokenName: textTemplate(model.refresh_token_name ?? 'refresh_token', model, env),
    refreshToken: secretValue(refreshTokenOf(model, env)),
    scopes: model.scopes ?? [],
    extraBody: () => extraBody.eval(env),
    headers: () => headers.eval(env),
    asQuery: model.send_refresh_request_as_query_params === true,
    assertion: useAssertion && assertion !== null ? () => assertion.token() : null,
  };
}

function checkModel(model: OAuthModel, useAssertion: boolean, hasAssertion: boolean): void {
  if (!useAssertion && (model.client_id === undefined || model.client_secret === undefined)) {
    throw new ConnectorError(
      "OAuth configuration is missing required credentials. Both 'client_id' and 'client_secret' are required for the standard OAuth flow.",
    );
  }
  if (useAssertion && !hasAssertion) {
    throw new ConnectorError("OAuth configuration is incomplete. A 'profile_assertion' is required for the profile assertion flow.");
  }
}

function endpointOf(model: OAuthModel, env: AuthenticatorEnvironment): () => string {
  const endpoint = textTemplate(model.token_refresh_endpoint ?? '', model, env);
  return () => {
    const url = endpoint();
    if (!url) {
      throw ConnectorError.config(
        "OAuth token refresh endpoint resolved to an empty value. Verify the 'token_refresh_endpoint' in your connector configuration.",
      );
    }
    return url;
  };
}

/** A template that may be absent (None) or empty (the CDK keeps an empty template as it is). */
function optional(text: string | undefined, model: OAuthModel, env: AuthenticatorEnvironment): () => PyValue {
  return text ? template(text, model, env) : () => (text === undefined ? null : text);
}

function warnWhenEmpty(read: () => PyValue, env: AuthenticatorEnvironment): () => PyValue {
  return () => {
    const value = read();
    if (!value) {
      env.logger?.warn(
        "OAuth client_secret resolved to an empty value. If this is unexpected, verify the 'client_secret' in your connector configuration.",
      );
    }
    return value;
  };
}

function refreshTokenOf(model: OAuthModel, env: AuthenticatorEnvironment): () => PyValue {
  if (model.refresh_token === undefined) return () => null;
  const token = new InterpolatedString(model.refresh_token, parametersOf(model));
  return () => token.evalString(env);
}

/** The access token and expiry the authenticator starts with. */
export function initialTokens(model: OAuthModel, env: AuthenticatorEnvironment): { accessToken: string | null; expiry: PyDateTime } {
  let accessToken: string | null = null;
  if (model.access_token_value !== undefined) {
    const value = textTemplate(model.access_token_value, model, env)();
    registerSecret(value);
    if (model.access_token_value) accessToken = value;
  }
  return { accessToken, expiry: initialExpiry(model, env) };
}

function initialExpiry(model: OAuthModel, env: AuthenticatorEnvironment): PyDateTime {
  const raw: unknown = model.token_expiry_date;
  try {
    if (typeof raw === 'number' || (typeof raw === 'string' && /^\d+$/.test(raw))) return abDatetimeParse(raw);
    if (!raw) return addSeconds(abDatetimeNow(env.clock), -86_400);
    const value = new InterpolatedString(String(raw), parametersOf(model)).eval(env);
    return abDatetimeParse(typeof value === 'string' || typeof value === 'number' ? value : pyStr(value));
  } catch (error) {
    throw ConnectorError.config(`Invalid token expiry date format: ${(error as Error).message}`);
  }
}
