import { ConnectorError, type ConnectorSpecification, type JsonSchema } from '@tributary/cdk';
import type { DeclarativeSource, Spec } from '../components/component-types.js';
import { isMapping, type JsonMapping } from '../manifest/json-values.js';

/**
 * The SPEC of a manifest, as the Python CDK's `Spec.generate_spec` builds it: the connection
 * specification as written, `documentationUrl` when the manifest has a non-empty
 * `documentation_url`, and `advanced_auth` (OAuth flow) without its empty (null) fields; the
 * protocol's `supportsNormalization` and `supportsDBT` are false. `config_normalization_rules`
 * steer how the config is migrated and checked; they are not part of the SPEC.
 */
export function manifestSpec(manifest: DeclarativeSource): ConnectorSpecification {
  const spec = manifest.spec as Spec | undefined;
  if (!isMapping(spec)) {
    throw ConnectorError.config(
      'The manifest has no `spec` section, so the connector has no configuration to describe; add `spec: {type: Spec, connection_specification: {...}}`',
    );
  }
  const result: ConnectorSpecification = { connectionSpecification: spec.connection_specification as JsonSchema };
  if (typeof spec.documentation_url === 'string' && spec.documentation_url !== '') result.documentationUrl = spec.documentation_url;
  if (isMapping(spec.advanced_auth) && Object.keys(spec.advanced_auth).length > 0) {
    const advancedAuth = withoutNulls(spec.advanced_auth);
    if (isMapping(advancedAuth.oauth_config_specification)) {
      advancedAuth.oauth_config_specification = withoutNulls(advancedAuth.oauth_config_specification);
    }
    result.advanced_auth = advancedAuth;
  }
  result.supportsNormalization = false;
  result.supportsDBT = false;
  return result;
}

/** Python's serializer omits fields whose value is None (`omit_none`). */
function withoutNulls(mapping: JsonMapping): JsonMapping {
  return Object.fromEntries(Object.entries(mapping).filter(([, value]) => value !== null && value !== undefined));
}
