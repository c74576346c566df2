// The CDK's SelectiveAuthenticator: the authenticator named by a config value. As in the CDK,
// every authenticator of the map is built (so a broken one fails even when not chosen), then the
// chosen one is the requester's authenticator itself.
import { ConnectorError } from '@tributary/cdk';
import type { SelectiveAuthenticator as SelectiveModel } from '../components/component-types.js';
import { dpathGet } from '../dpath/dpath.js';
import type { PyValue } from '../interpolation/values/object.js';
import { pyStr } from '../interpolation/values/repr.js';
import type { AuthenticatorEnvironment } from './authenticator-environment.js';
import type { DeclarativeAuthenticator } from './declarative-authenticator.js';

type ComponentModel = { type: string; [field: string]: unknown };

const NOT_FOUND = Symbol('not found');

export function selectAuthenticator(
  model: SelectiveModel,
  env: AuthenticatorEnvironment,
  build: (model: ComponentModel, env: AuthenticatorEnvironment) => DeclarativeAuthenticator,
): DeclarativeAuthenticator {
  const built = new Map<string, DeclarativeAuthenticator>();
  for (const [name, child] of Object.entries(model.authenticators)) built.set(name, build(child as ComponentModel, env));
  const selected = dpathGet(env.config, model.authenticator_selection_path, NOT_FOUND);
  if (selected === NOT_FOUND) {
    throw ConnectorError.config(
      `The path from \`authenticator_selection_path\` is not found in the config (${model.authenticator_selection_path.join('.')}).`,
    );
  }
  const key = typeof selected === 'string' ? selected : pyStr(selected as PyValue);
  const authenticator = built.get(key);
  if (authenticator === undefined) {
    const known = [...built.keys()].map((name) => `'${name}'`).join(', ');
    throw ConnectorError.config(`The authenticator \`${key}\` is not found (the manifest offers ${known}).`);
  }
  return authenticator;
}
