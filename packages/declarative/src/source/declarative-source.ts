import { type ConnectorSpecification, type Logger, Source, type Stream } from '@tributary/cdk';
import type { AsyncJobTiming } from '../async-jobs/async-job-timing.js';
import { runCheck } from '../check/check-stream.js';
import type { JsonMapping } from '../manifest/json-values.js';
import { type LoadedManifest, type LoadManifestOptions, loadManifestFile, loadManifestObject } from '../manifest/load-manifest.js';
import { manifestSpec } from '../spec/manifest-spec.js';
import { buildStreams } from '../streams/stream-factory.js';
import { concurrencyOf } from './concurrency.js';

/** A manifest: a file path, a manifest object, one already loaded, or a function giving one (loaded on first use). */
export type ManifestInput = string | JsonMapping | LoadedManifest | (() => LoadedManifest);

export interface DeclarativeSourceOptions extends LoadManifestOptions {
  /** How AsyncRetriever jobs are waited for (default: polled every 5 s on the wall clock, as in the CDK). */
  asyncJobTiming?: Partial<AsyncJobTiming>;
}

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
    private readonly options: DeclarativeSourceOptions = {},
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

  private lastConfig: Record<string, unknown> | undefined;

  /**
   * Slices read at the same time: the manifest's `concurrency_level` (its `default_concurrency`,
   * capped by `max_concurrency`); without one, 1, so that streams are read one after another in
   * catalog order, as the Python CDK reads them with one worker.
   */
  get concurrency(): number {
    return concurrencyOf(this.manifest.resolved.concurrency_level, this.lastConfig ?? {});
  }

  streams(config: Record<string, unknown>): Stream<object>[] {
    this.lastConfig = config;
    return buildStreams(this.manifest, config, this.options.asyncJobTiming);
  }

  /** The manifest's `check` (CheckStream): the first record of each stream it names must be readable. */
  async checkConnection(config: Record<string, unknown>, logger: Logger): Promise<void> {
    await runCheck(this.manifest.resolved.check, buildStreams(this.manifest, config, this.options.asyncJobTiming), config, logger);
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
