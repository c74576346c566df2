import type { ConnectorSpecification } from '@tributary/cdk';

/** The key of the config that carries the manifest when Airbyte runs a Builder connector. */
export const INJECTED_MANIFEST_KEY = '__injected_declarative_manifest';

/**
 * The SPEC of Airbyte's generic `source-declarative-manifest` connector, printed by `spec` when no
 * manifest is given: the only thing it knows about its config is that the manifest comes in it.
 */
export function genericDeclarativeSpec(): ConnectorSpecification {
  return {
    documentationUrl: 'https://docs.airbyte.com/integrations/sources/low-code',
    connectionSpecification: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: 'Low-code source spec',
      type: 'object',
      required: [INJECTED_MANIFEST_KEY],
      additionalProperties: true,
      properties: {
        [INJECTED_MANIFEST_KEY]: {
          title: 'Low-code manifest',
          type: 'object',
          description: 'The low-code manifest that defines the components of the source.',
        },
      },
    },
    supportsNormalization: false,
    supportsDBT: false,
  };
}
