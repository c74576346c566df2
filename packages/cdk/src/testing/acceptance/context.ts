import type { AirbyteState, AirbyteStream, ConfiguredAirbyteCatalog, Source } from '../../index.js';
import { configuredCatalog } from '../catalog-builder.js';
import type { CheckResult, CommandResult, DiscoverResult, ReadResult, SpecResult } from '../results.js';
import { streamKey } from '../results.js';
import { check, discover, read, spec, type TestConfig } from '../runners.js';
import type { AcceptanceOptions, ConnectorUnderTest } from './options.js';

/** A failure of a run other checks depend on: they fail with this message rather than a confusing one of their own. */
export class PrerequisiteFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrerequisiteFailed';
  }
}

/**
 * What the acceptance checks share: the connector, its options and every run, each made once
 * however many checks look at it (the spec, the discovered catalog, the reads).
 */
export class AcceptanceContext<Config> {
  /** Every command run so far, for the protocol check. */
  readonly runs: Array<{ label: string; result: CommandResult }> = [];
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(
    private readonly connector: ConnectorUnderTest<Config>,
    readonly options: AcceptanceOptions<Config>,
  ) {}

  /** The source for one run: the same instance, or a fresh one from the factory. */
  async source(): Promise<Source<Config>> {
    return typeof this.connector === 'function' ? await this.connector() : this.connector;
  }

  config(): Promise<TestConfig<Config>> {
    return this.once('config', async () => {
      const { config } = this.options;
      return typeof config === 'function' ? await (config as () => Promise<TestConfig<Config>>)() : config;
    });
  }

  invalidConfig(): Promise<Record<string, unknown> | undefined> {
    return this.once('invalid-config', async () => {
      const { invalidConfig } = this.options;
      return typeof invalidConfig === 'function' ? await invalidConfig() : invalidConfig;
    });
  }

  spec(): Promise<SpecResult> {
    return this.once('spec', async () => this.keep('spec', await spec(await this.source())));
  }

  check(): Promise<CheckResult> {
    return this.once('check', async () => this.keep('check', await check(await this.source(), { config: await this.config() })));
  }

  /** `check` with the invalid config, or undefined without one. */
  checkInvalid(): Promise<CheckResult | undefined> {
    return this.once('check-invalid', async () => {
      const config = await this.invalidConfig();
      if (config === undefined) return undefined;
      return this.keep('check with the invalid config', await check((await this.source()) as Source, { config }));
    });
  }

  discover(): Promise<DiscoverResult> {
    return this.once('discover', async () => this.keep('discover', await discover(await this.source(), { config: await this.config() })));
  }

  /** The discovered streams selected by `options.streams`; throws `PrerequisiteFailed` when discover failed. */
  streams(): Promise<AirbyteStream[]> {
    return this.once('streams', async () => {
      const result = await this.discover();
      let catalog: AirbyteStream[];
      try {
        if (result.exitCode !== 0) throw new Error(result.describeErrors());
        catalog = result.catalog.streams;
      } catch (error) {
        throw new PrerequisiteFailed(`discover failed, so nothing can be read: ${(error as Error).message}`);
      }
      const wanted = this.options.streams;
      if (wanted === undefined) return catalog;
      const missing = wanted.filter((name) => !catalog.some((stream) => streamKey(stream) === name));
      if (missing.length > 0) {
        throw new PrerequisiteFailed(
          `options.streams names streams the connector does not have: ${missing.join(', ')} (it has ${catalog.map(streamKey).join(', ')})`,
        );
      }
      return catalog.filter((stream) => wanted.includes(streamKey(stream)));
    });
  }

  fullRefreshCatalog(): Promise<ConfiguredAirbyteCatalog> {
    return this.once('full-refresh-catalog', async () => configuredCatalog({ streams: await this.streams() }));
  }

  /** The streams that support incremental reads. */
  async incrementalStreams(): Promise<AirbyteStream[]> {
    return (await this.streams()).filter((stream) => stream.supported_sync_modes.includes('incremental'));
  }

  /** The incremental catalog, or undefined when no stream supports incremental reads. */
  incrementalCatalog(): Promise<ConfiguredAirbyteCatalog | undefined> {
    return this.once('incremental-catalog', async () => {
      const streams = await this.incrementalStreams();
      if (streams.length === 0) return undefined;
      return configuredCatalog({ streams }, undefined, { syncMode: 'incremental' });
    });
  }

  /** A full refresh of every selected stream. */
  fullRefresh(): Promise<ReadResult> {
    return this.once('full-refresh', async () => this.read('full refresh', await this.fullRefreshCatalog()));
  }

  /** A second full refresh, for idempotence. */
  fullRefreshAgain(): Promise<ReadResult> {
    return this.once('full-refresh-again', async () => {
      await this.fullRefresh();
      return this.read('second full refresh', await this.fullRefreshCatalog());
    });
  }

  /** The first incremental read (from `options.state`), or undefined without incremental streams. */
  incremental(): Promise<ReadResult | undefined> {
    return this.once('incremental', async () => {
      const catalog = await this.incrementalCatalog();
      if (catalog === undefined) return undefined;
      return this.read('incremental read', catalog, this.options.state);
    });
  }

  /** The incremental read from the first one's final state. */
  incrementalFromFinalState(): Promise<ReadResult | undefined> {
    return this.once('incremental-again', async () => {
      const first = await this.successful(this.incremental(), 'the first incremental read');
      if (first === undefined) return undefined;
      return this.read('incremental read from the final state', (await this.incrementalCatalog())!, first.finalState);
    });
  }

  /** A read of `catalog` from `state`, kept for the protocol check. */
  async read(label: string, catalog: ConfiguredAirbyteCatalog, state?: readonly AirbyteState[]): Promise<ReadResult> {
    const input = { config: await this.config(), catalog, ...(state === undefined ? {} : { state }) };
    return this.keep(label, await read(await this.source(), input));
  }

  /** The read, or a `PrerequisiteFailed` when it failed. */
  async successful<T extends ReadResult | undefined>(pending: Promise<T>, label: string): Promise<T> {
    const result = await pending;
    if (result !== undefined && (result.exitCode !== 0 || result.errors.length > 0)) {
      throw new PrerequisiteFailed(`${label} failed (${result.describeErrors()})`);
    }
    return result;
  }

  private keep<T extends CommandResult>(label: string, result: T): T {
    this.runs.push({ label, result });
    return result;
  }

  private once<T>(key: string, make: () => Promise<T>): Promise<T> {
    let pending = this.memo.get(key) as Promise<T> | undefined;
    if (pending === undefined) {
      pending = make();
      this.memo.set(key, pending);
    }
    return pending;
  }
}
