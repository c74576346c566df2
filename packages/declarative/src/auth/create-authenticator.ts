// Builds the authenticator of a requester from its manifest component, as the CDK's
// ModelToComponentFactory does, for every authenticator the component schema defines but the
// custom (Python) one and RateLimitedMultipleTokenAuthenticator.
import { ConnectorError } from '@tributary/cdk';
import type {
  ApiKeyAuthenticator as ApiKeyModel,
  BasicHttpAuthenticator as BasicModel,
  BearerAuthenticator as BearerModel,
  HttpRequester as HttpRequesterModel,
  JwtAuthenticator as JwtModel,
  LegacySessionTokenAuthenticator as LegacyModel,
  OAuthAuthenticator as OAuthModel,
  SelectiveAuthenticator as SelectiveModel,
  SessionTokenAuthenticator as SessionModel,
} from '../components/component-types.js';
import { parametersOf } from '../interpolated/evaluation-context.js';
import { RequestOption } from '../requests/request-option.js';
import { ApiKeyAuthenticator } from './api-key-authenticator.js';
import type { AuthenticatorEnvironment } from './authenticator-environment.js';
import { BasicHttpAuthenticator } from './basic-http-authenticator.js';
import { BearerAuthenticator } from './bearer-authenticator.js';
import type { DeclarativeAuthenticator } from './declarative-authenticator.js';
import { JwtAuthenticator } from './jwt/jwt-authenticator.js';
import { NoAuth } from './no-auth.js';
import { createOAuthAuthenticator } from './oauth/create-oauth-authenticator.js';
import { selectAuthenticator } from './selective-authenticator.js';
import { createSessionTokenAuthenticator } from './session/create-session-token-authenticator.js';
import { LegacySessionTokenAuthenticator } from './session/legacy-session-token-authenticator.js';
import { InterpolatedTokenProvider } from './token-provider.js';

/** Any authenticator component a requester may have. */
export type AuthenticatorModel = NonNullable<HttpRequesterModel['authenticator']>;

type ComponentModel = { type: string; [field: string]: unknown };

/**
 * The authenticator for `model` (NoAuth when there is none). A custom (Python) authenticator is a
 * `config_error` naming its class; so is a component this runtime does not implement.
 */
export function createAuthenticator(
  model: AuthenticatorModel | ComponentModel | undefined,
  env: AuthenticatorEnvironment,
): DeclarativeAuthenticator {
  if (model === undefined) return new NoAuth();
  switch (model.type) {
    case 'NoAuth':
      return new NoAuth();
    case 'ApiKeyAuthenticator':
      return createApiKeyAuthenticator(model as ApiKeyModel, env);
    case 'BearerAuthenticator':
      return new BearerAuthenticator(
        new InterpolatedTokenProvider((model as BearerModel).api_token ?? '', parametersOf(model as BearerModel), env),
      );
    case 'BasicHttpAuthenticator':
      return new BasicHttpAuthenticator(model as BasicModel, env);
    case 'OAuthAuthenticator':
      return oauth(model as OAuthModel, env);
    case 'JwtAuthenticator':
      return new JwtAuthenticator(model as JwtModel, env);
    case 'SessionTokenAuthenticator':
      return createSessionTokenAuthenticator(model as SessionModel, env, createAuthenticator);
    case 'LegacySessionTokenAuthenticator':
      return new LegacySessionTokenAuthenticator(model as LegacyModel, env);
    case 'SelectiveAuthenticator':
      return selectAuthenticator(model as SelectiveModel, env, createAuthenticator);
    case 'CustomAuthenticator':
      throw ConnectorError.config(
        `The authenticator is the custom Python component ${String((model as { class_name?: unknown }).class_name)}, which cannot run in Tributary (custom Python components are not supported)`,
      );
    default:
      throw ConnectorError.config(`The authenticator ${model.type} is not supported by Tributary yet`);
  }
}

function oauth(model: OAuthModel, env: AuthenticatorEnvironment): DeclarativeAuthenticator {
  const assertion = model.profile_assertion === undefined ? null : new JwtAuthenticator(model.profile_assertion, env);
  return createOAuthAuthenticator(model, env, assertion);
}

/** The CDK's create_api_key_authenticator: `inject_into`, or the deprecated `header`, not both. */
function createApiKeyAuthenticator(model: ApiKeyModel, env: AuthenticatorEnvironment): ApiKeyAuthenticator {
  if (model.inject_into === undefined && model.header === undefined) {
    throw new ConnectorError('Expected either inject_into or header to be set for ApiKeyAuthenticator');
  }
  if (model.inject_into !== undefined && model.header !== undefined) {
    throw new ConnectorError('inject_into and header cannot be set both for ApiKeyAuthenticator - remove the deprecated header option');
  }
  const parameters = parametersOf(model);
  const option = new RequestOption(
    model.inject_into ?? { type: 'RequestOption', inject_into: 'header', field_name: model.header ?? '' },
    parameters,
    env,
  );
  return new ApiKeyAuthenticator(option, new InterpolatedTokenProvider(model.api_token ?? '', parameters, env));
}
