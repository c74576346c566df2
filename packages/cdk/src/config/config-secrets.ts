import { isTooShortToMask, MIN_SECRET_LENGTH, type SecretMasker } from '../output/secret-masker.js';
import type { JsonSchema } from '../protocol/json-schema.js';
import { secretFields } from './secret-paths.js';

/**
 * Adds a config's secrets (its values at spec paths marked `airbyte_secret`) to `masker`, before
 * anything can print them. Each secret too short to be masked is reported to `warn` by its field,
 * never by its value. Used by connectors and by the `tributary` runner alike.
 */
export function maskConfigSecrets(spec: JsonSchema, config: unknown, masker: SecretMasker, warn: (message: string) => void): void {
  const tooShort = new Set<string>();
  for (const { path, value } of secretFields(spec, config)) {
    if (!masker.add(value) && isTooShortToMask(value)) tooShort.add(path);
  }
  for (const path of tooShort) {
    warn(
      `The secret config field '${path}' is shorter than ${MIN_SECRET_LENGTH} characters, too short to be masked: ` +
        'it is not hidden in logs and errors (masking so short a value would garble them)',
    );
  }
}
