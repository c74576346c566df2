// The parts of an OAuthAuthenticator component the two variants share: its names and values as
// templates over the config, its `refresh_token_updater`, its `refresh_token_error_*` settings.
import { ConnectorError, registerSecret } from '@tributary/cdk';
import type { OAuthAuthenticator as OAuthModel } from '../../components/component-types.js';
import { parametersOf } from '../../interpolated/evaluation-context.js';
import { InterpolatedString } from '../../interpolated/interpolated-string.js';
import type { PyValue } from '../../interpolation/values/object.js';
import type { AuthenticatorEnvironment } from '../authenticator-environment.js';
import { NO_REFRESH_TOKEN_ERRORS, type RefreshTokenErrors } from './refresh-errors.js';

/** The JWT of a profile assertion (`profile_assertion`), built by the factory. */
export type AssertionSource = { token(): Promise<string> };

/** `refresh_token_updater`: where a single-use refresh token and its access token live in the config. */
export interface RefreshTokenUpdaterModel {
  refresh_token_name?: string;
  access_token_config_path?: string[];
  refresh_token_config_path?: string[];
  token_expiry_date_config_path?: string[];
  refresh_token_error_status_codes?: number[];
  refresh_token_error_key?: string;
  refresh_token_error_values?: string[];
}

export function updaterOf(model: OAuthModel): RefreshTokenUpdaterModel | undefined {
  const updater = model.refresh_token_updater;
  return typeof updater === 'object' && updater !== null ? (updater as RefreshTokenUpdaterModel) : undefined;
}

/** A field that is a template over the config, evaluated when read. */
export function template(text: string, model: OAuthModel, env: AuthenticatorEnvironment): () => PyValue {
  const interpolated = new InterpolatedString(text, parametersOf(model));
  return () => interpolated.eval(env);
}

/** A template giving text (names: `client_id_name`, `access_token_name`, ...). */
export function textTemplate(text: string, model: OAuthModel, env: AuthenticatorEnvironment): () => string {
  const interpolated = new InterpolatedString(text, parametersOf(model));
  return () => interpolated.evalString(env);
}

/** The `refresh_token_error_*` settings: the component's own, else the updater's (deprecated there). */
export function refreshTokenErrors(model: OAuthModel): RefreshTokenErrors {
  const updater = updaterOf(model);
  const codes = model.refresh_token_error_status_codes?.length
    ? model.refresh_token_error_status_codes
    : updater?.refresh_token_error_status_codes;
  const key = model.refresh_token_error_key || updater?.refresh_token_error_key;
  const values = model.refresh_token_error_values?.length ? model.refresh_token_error_values : updater?.refresh_token_error_values;
  if (!codes?.length && !key && !values?.length) return NO_REFRESH_TOKEN_ERRORS;
  return { statusCodes: codes ?? [], key: key ?? '', values: values ?? [] };
}

/** A value that is sent as a credential: registered as a secret whenever it is read. */
export function secretValue(read: () => PyValue): () => PyValue {
  return () => {
    const value = read();
    registerSecret(value);
    return value;
  };
}

/** The CDK's check of a client id before it is sent. */
export function requiredClientId(read: () => PyValue): () => PyValue {
  return () => {
    const value = read();
    if (!value)
      throw ConnectorError.config("OAuth client_id resolved to an empty value. Verify the 'client_id' in your connector configuration.");
    return value;
  };
}
