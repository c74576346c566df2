// Builds a SessionTokenAuthenticator as the CDK's factory does: the login requester (with its own
// authenticator and the session decoder, JSON by default), the session token provider (its
// `expiration_duration` an ISO 8601 duration), then a Bearer or ApiKey authenticator around it.
import type { HttpRequester as HttpRequesterModel, SessionTokenAuthenticator as SessionModel } from '../../components/component-types.js';
import { createDecoder } from '../../decoders/create-decoder.js';
import { parseDuration } from '../../interpolation/datetime/iso-duration.js';
import { RequestOption } from '../../requests/request-option.js';
import { ApiKeyAuthenticator } from '../api-key-authenticator.js';
import type { AuthenticatorEnvironment, LoginRequesterFactory } from '../authenticator-environment.js';
import { BearerAuthenticator } from '../bearer-authenticator.js';
import type { DeclarativeAuthenticator } from '../declarative-authenticator.js';
import { HttpLoginRequester } from '../login/login-requester.js';
import { SessionTokenTemplate, type TokenProvider } from '../token-provider.js';
import { SessionTokenAuthenticator } from './session-token-authenticator.js';
import { SessionTokenProvider } from './session-token-provider.js';

type ComponentModel = { type: string; [field: string]: unknown };
type Build = (model: ComponentModel, env: AuthenticatorEnvironment) => DeclarativeAuthenticator;

/** The built-in login requester: an HttpLoginRequester with the login requester's own authenticator. */
export function defaultLoginRequester(build: Build): LoginRequesterFactory {
  return (model, env) => {
    const authenticator = build((model.authenticator as ComponentModel | undefined) ?? { type: 'NoAuth' }, {
      ...env,
      urlBase: model.url ?? model.url_base,
    });
    return new HttpLoginRequester(model, env, authenticator, env.httpClient);
  };
}

export function createSessionTokenAuthenticator(
  model: SessionModel,
  env: AuthenticatorEnvironment,
  build: Build,
): DeclarativeAuthenticator {
  const decoder = createDecoder((model.decoder as ComponentModel | undefined) ?? { type: 'JsonDecoder' });
  const loginModel: HttpRequesterModel = model.login_requester;
  const loginEnv: AuthenticatorEnvironment = { ...env, name: `${env.name ?? ''}_login_requester` };
  const login = (env.loginRequester ?? defaultLoginRequester(build))(loginModel, loginEnv);
  const lifetime = model.expiration_duration ? parseDuration(model.expiration_duration) : null;
  const session = new SessionTokenProvider(login, model.session_token_path, lifetime, decoder, env.clock);
  const auth = model.request_authentication;
  if (auth.type === 'Bearer') return new SessionTokenAuthenticator(new BearerAuthenticator(session), session, true);
  // As the CDK's factory, the ApiKey it builds has no $parameters of its own.
  const option = new RequestOption(auth.inject_into, {}, env);
  const provider: TokenProvider = auth.api_token ? new SessionTokenTemplate(auth.api_token, session, {}, env) : session;
  return new SessionTokenAuthenticator(new ApiKeyAuthenticator(option, provider), session, option.injectInto === 'header');
}
