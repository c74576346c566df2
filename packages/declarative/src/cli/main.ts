// `source-declarative-manifest`: Airbyte's generic declarative connector, on Tributary. The
// manifest comes from `--manifest-path`, from `source_declarative_manifest/manifest.yaml` in the
// package's folder (a manifest-only image, as Airbyte lays it out), or (as on the Airbyte
// platform) from the config's `__injected_declarative_manifest`; `spec` without a manifest prints
// the generic spec.
import { ConnectorError, launch } from '@tributary/cdk';
import { type LoadedManifest, loadManifestFile } from '../manifest/load-manifest.js';
import { DeclarativeSource } from '../source/declarative-source.js';
import { GenericManifestSource } from './generic-manifest-source.js';
import { loadInjectedManifest } from './injected-manifest.js';
import { findLocalManifest, packageRootOf } from './local-manifest.js';
import { configPathOf, extractManifestArgs } from './manifest-args.js';

const args = extractManifestArgs(process.argv.slice(2));
const { argv } = args;
const manifestPath = args.manifestPath ?? findLocalManifest(packageRootOf(import.meta.url));

/**
 * The manifest is loaded before `launch()` tunes the heap for streaming (a large manifest is a
 * burst of long-lived objects, which that tuning would collect again and again); a failure is
 * kept and thrown when the command first needs the manifest, so `launch()` reports it as a TRACE.
 */
function preload(load: () => LoadedManifest): () => LoadedManifest {
  try {
    const manifest = load();
    return () => manifest;
  } catch (error) {
    return () => {
      throw error;
    };
  }
}

function manifestSource(): DeclarativeSource | GenericManifestSource {
  if (manifestPath !== undefined) {
    return new DeclarativeSource(
      preload(() => {
        if (manifestPath === '') throw ConnectorError.config('--manifest-path needs the path of a manifest file');
        return loadManifestFile(manifestPath);
      }),
    );
  }
  if (argv[0] === 'spec') return new GenericManifestSource();
  return new DeclarativeSource(preload(() => loadInjectedManifest(configPathOf(argv))));
}

await launch(manifestSource(), argv);
