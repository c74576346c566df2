// Builds an OAuthAuthenticator as the CDK's factory does: the single-use refresh token variant
// when `refresh_token_updater` is set (its fields evaluated once, its tokens in the config), else
// the declarative one (fields evaluated at every refresh, tokens in the authenticator).
import { ConnectorError } from '@tributary/cdk';
import type { OAuthAuthenticator as OAuthModel } from '../../components/component-types.js';
import { dpathGet } from '../../dpath/dpath.js';
import { parametersOf } from '../../interpolated/evaluation-context.js';
import type { PyValue } from '../../interpolation/values/object.js';
import { type AuthenticatorEnvironment, authHttpClient } from '../authenticator-environment.js';
import type { DeclarativeAuthenticator } from '../declarative-authenticator.js';
import { InterpolatedMapping } from '../interpolated-mapping.js';
import { declarativeRefreshFields, initialTokens } from './declarative-oauth.js';
import { OAuthAuthenticator } from './oauth-authenticator.js';
import { type AssertionSource, refreshTokenErrors, secretValue, template, textTemplate, updaterOf } from './oauth-model.js';
import type { RefreshFields } from './refresh-request.js';
import { ConfigTokenState, InstanceTokenState } from './token-state.js';

export function createOAuthAuthenticator(
  model: OAuthModel,
  env: AuthenticatorEnvironment,
  assertion: AssertionSource | null,
): DeclarativeAuthenticator {
  return updaterOf(model) === undefined ? declarativeOAuth(model, env, assertion) : singleUseOAuth(model, env);
}

function declarativeOAuth(model: OAuthModel, env: AuthenticatorEnvironment, assertion: AssertionSource | null): OAuthAuthenticator {
  const fields = declarativeRefreshFields(model, env, assertion);
  const { accessToken, expiry } = initialTokens(model, env);
  return new OAuthAuthenticator({
    fields,
    hasEndpoint: model.token_refresh_endpoint !== undefined,
    state: new InstanceTokenState(accessToken, expiry, fields.refreshToken),
    expiryRule: { timeOfExpiration: Boolean(model.token_expiry_date_format), format: model.token_expiry_date_format },
    accessTokenName: textTemplate(model.access_token_name ?? 'access_token', model, env),
    expiresInName: textTemplate(model.expires_in_name ?? 'expires_in', model, env),
    newRefreshTokenName: null,
    errors: refreshTokenErrors(model),
    client: authHttpClient(env),
    clock: env.clock,
  });
}

/** A value evaluated once, when the authenticator is built (the CDK's factory does so for this variant). */
function once(text: string | undefined, fallback: string, model: OAuthModel, env: AuthenticatorEnvironment): string {
  return textTemplate(text ?? fallback, model, env)();
}

function singleUseOAuth(model: OAuthModel, env: AuthenticatorEnvironment): OAuthAuthenticator {
  const updater = updaterOf(model) ?? {};
  if (model.token_refresh_endpoint === undefined) {
    throw new ConnectorError('An OAuthAuthenticator with a refresh_token_updater needs a token_refresh_endpoint');
  }
  const config = env.config as Record<string, unknown>;
  const state = new ConfigTokenState(
    config,
    {
      accessToken: updater.access_token_config_path ?? ['credentials', 'access_token'],
      refreshToken: updater.refresh_token_config_path ?? ['credentials', 'refresh_token'],
      tokenExpiryDate: updater.token_expiry_date_config_path ?? ['credentials', 'token_expiry_date'],
    },
    env.clock,
  );
  const credential = (field: string | undefined, configKey: string): PyValue =>
    field ? template(field, model, env)() : (dpathGet(config, ['credentials', configKey], '') as PyValue);
  const parameters = parametersOf(model);
  const extraBody = new InterpolatedMapping(model.refresh_request_body ?? {}, parameters).eval(env);
  const headers = new InterpolatedMapping(model.refresh_request_headers ?? {}, parameters).eval(env);
  const clientId = credential(model.client_id, 'client_id');
  const clientSecret = credential(model.client_secret, 'client_secret');
  const names = {
    grantType: once(model.grant_type_name, 'grant_type', model, env),
    clientId: once(model.client_id_name, 'client_id', model, env),
    clientSecret: once(model.client_secret_name, 'client_secret', model, env),
  };
  const fields: RefreshFields = {
    endpoint: constant(once(model.token_refresh_endpoint, '', model, env)),
    grantTypeName: constant(names.grantType),
    grantType: constant(once(model.grant_type, 'refresh_token', model, env)),
    clientIdName: constant(names.clientId),
    clientId: secretValue(() => clientId),
    clientSecretName: constant(names.clientSecret),
    clientSecret: secretValue(() => clientSecret),
    refreshTokenName: constant(updater.refresh_token_name ?? 'refresh_token'),
    refreshToken: secretValue(() => state.refreshToken() as PyValue),
    scopes: model.scopes ?? [],
    extraBody: () => extraBody,
    headers: () => headers,
    asQuery: model.send_refresh_request_as_query_params === true,
    assertion: null,
  };
  return singleUseAuthenticator(model, env, fields, state, updater.refresh_token_name ?? 'refresh_token');
}

function singleUseAuthenticator(
  model: OAuthModel,
  env: AuthenticatorEnvironment,
  fields: RefreshFields,
  state: ConfigTokenState,
  refreshTokenName: string,
): OAuthAuthenticator {
  return new OAuthAuthenticator({
    fields,
    hasEndpoint: true,
    state,
    expiryRule: { timeOfExpiration: Boolean(model.token_expiry_date_format), format: model.token_expiry_date_format },
    accessTokenName: constant(once(model.access_token_name, 'access_token', model, env)),
    expiresInName: constant(once(model.expires_in_name, 'expires_in', model, env)),
    newRefreshTokenName: refreshTokenName,
    errors: refreshTokenErrors(model),
    client: authHttpClient(env),
    clock: env.clock,
  });
}

function constant<T>(value: T): () => T {
  return () => value;
}
