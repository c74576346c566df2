/**
 * The runner masks a connector's secrets in everything it prints and stores, whatever the
 * connector does itself (a Python connector, an image, a careless one): it reads the spec, finds
 * the config values at `airbyte_secret` paths and adds them to the CLI's masker, the one that
 * masks the runner's stdout and stderr (see `program.ts`) and `_tributary_syncs`.
 */
import type { JsonSchema } from '@tributary/cdk';
import { maskConfigSecrets, secretMasker } from '@tributary/cdk/runtime';
import { type Connector, ConnectorFailure } from './connector.js';

export async function maskConnectorSecrets(
  connector: Pick<Connector, 'spec'>,
  configs: ReadonlyArray<Record<string, unknown>>,
  log: (level: string, message: string) => void,
): Promise<void> {
  let schema: unknown;
  try {
    schema = (await connector.spec()).connectionSpecification;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const trace = error instanceof ConnectorFailure ? error.trace : undefined;
    throw new ConnectorFailure(`${reason} (the runner reads the spec to know which config fields are secrets)`, trace);
  }
  if (typeof schema !== 'object' || schema === null) {
    throw new ConnectorFailure('spec failed: the SPEC message has no connectionSpecification object', undefined);
  }
  for (const config of configs) maskConfigSecrets(schema as JsonSchema, config, secretMasker, (message) => log('WARN', message));
}
