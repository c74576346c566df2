import { ConnectorError, type ConnectorSpecification, Source, type Stream } from '@tributary/cdk';
import type { JsonMapping } from '../manifest/json-values.js';
import { type LoadedManifest, type LoadManifestOptions, loadManifestFile, loadManifestObject } from '../manifest/load-manifest.js';
import { manifestSpec } from '../spec/manifest-spec.js';
import { buildStreams } from '../streams/stream-factory.js';

/** A manifest: a file path, a manifest object, one already loaded, or a function giving one (loaded on first use). */
export type ManifestInput = string | JsonMapping | LoadedManifest | (() => LoadedManifest);

/**
 * A Tributary `Source` that runs an Airbyte declarative (low-code) manifest, unmodified: its
 * spec, config validation and catalog are those of the Python CDK. The manifest is loaded,
 * resolved and validated when the source is first used, so a broken manifest is reported as a
 * `config_error` TRACE by the command that runs it.
 */
export class DeclarativeSource extends Source<Record<string, unknown>> {
  /** The Python CDK validates configs with `jsonschema`, which checks no `format`. */
  readonly validateConfigFormats = false;
  private loaded: LoadedManifest | undefined;
  private readonly input: ManifestInput;

  constructor(
    manifest: ManifestInput,
    private readonly options: LoadManifestOptions = {},
  ) {
    super();
    this.input = manifest;
  }

  /** The loaded manifest (loading it on first use). */
  get manifest(): LoadedManifest {
    this.loaded ??= this.load();
    return this.loaded;
  }

  spec(): ConnectorSpecification {
    return manifestSpec(this.manifest.resolved);
  }

  streams(config: Record<string, unknown>): Stream<object>[] {
    return buildStreams(this.manifest, config);
  }

  checkConnection(): never {
    throw ConnectorError.config(
      'check is not supported yet for declarative manifests by Tributary (spec and discover are); it comes with the declarative read runtime',
    );
  }

  private load(): LoadedManifest {
    const input = this.input;
    if (typeof input === 'function') return input();
    if (typeof input === 'string') return loadManifestFile(input, this.options);
    if (isLoadedManifest(input)) return input;
    return loadManifestObject(input, this.options);
  }
}

function isLoadedManifest(value: object): value is LoadedManifest {
  return 'resolved' in value && 'raw' in value && 'source' in value;
}
