import { readFileSync } from 'node:fs';
import { ConnectorError } from '@tributary/cdk';
import { isMapping } from '../manifest/json-values.js';
import { type LoadedManifest, loadManifestObject } from '../manifest/load-manifest.js';
import { INJECTED_MANIFEST_KEY } from '../spec/generic-spec.js';

/**
 * The manifest the Airbyte platform injects into the config of a Builder connector
 * (`__injected_declarative_manifest`), loaded from the `--config` file.
 */
export function loadInjectedManifest(configPath: string | undefined): LoadedManifest {
  if (configPath === undefined) {
    throw ConnectorError.config(
      'No manifest: pass --manifest-path <manifest.yaml>, or a --config whose __injected_declarative_manifest holds the manifest',
    );
  }
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(configPath, 'utf8'));
  } catch {
    throw ConnectorError.config(`Cannot read the manifest from the config file '${configPath}': it is missing or not JSON`);
  }
  if (!isMapping(config) || !Object.hasOwn(config, INJECTED_MANIFEST_KEY)) {
    const keys = isMapping(config) ? Object.keys(config) : [];
    throw ConnectorError.config(
      `Invalid config: \`${INJECTED_MANIFEST_KEY}\` should be provided at the root of the config (or pass --manifest-path), but the config only has the keys ${JSON.stringify(keys)}`,
    );
  }
  return loadManifestObject(config[INJECTED_MANIFEST_KEY], { label: `the config's ${INJECTED_MANIFEST_KEY}` });
}
