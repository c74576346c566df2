import { join } from 'node:path';
import type { Logger } from '../output/logger.js';
import { callerPackageRoot } from '../package/caller-package.js';
import type { ConnectorSpecification } from '../protocol/types.js';
import type { Stream } from '../streams/stream.js';
import { loadSpecFile } from './spec-file.js';

const definingPackage = Symbol('tributary.definingPackage');

/** Members a subclass may override as a field, a getter or a method (see `Stream`). */
export interface Source<Config = Record<string, unknown>> {
  /** The folder holding `spec.json` or `spec.yaml` (default: the connector package root). */
  readonly packageDir?: string;
  /** The default schemas folder for this source's streams (default: `<package>/schemas`). */
  readonly schemasDir?: string;
  /**
   * How many slices (of one or several streams) are read at the same time; default 4. Users
   * override it with the `_concurrency` config key; 1 reads strictly one slice after another.
   */
  readonly concurrency?: number;
  /**
   * Whether config validation checks JSON Schema `format`s (`date`, `email`, ...); default true.
   * Sources that must accept what the Python CDK accepts (which checks no formats) set it false.
   */
  readonly validateConfigFormats?: boolean;
  /** Marker for `Config`; never set at run time. */
  readonly __configType?: Config;
}

/** A connector: its spec, a connection check and the streams it offers. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the merged interface is how subclasses may override these members as fields or getters
export abstract class Source<Config = Record<string, unknown>> {
  private readonly [definingPackage]: string | undefined;

  constructor() {
    this[definingPackage] = callerPackageRoot();
  }

  /** The connector specification; by default `spec.json` or `spec.yaml` at the package root. */
  spec(): ConnectorSpecification | Promise<ConnectorSpecification> {
    return loadSpecFile(this.resolvePackageDir());
  }

  /**
   * Checks that the config can reach the data. Returning (any value) means success; throwing
   * means failure, and the error's message is what the user sees.
   */
  checkConnection(_config: Config, _logger: Logger): unknown {
    return undefined;
  }

  /** The streams this source offers for a given config. */
  abstract streams(config: Config): Stream<object>[] | Promise<Stream<object>[]>;

  /** @internal The schemas folder streams fall back to when they cannot find their own. */
  defaultSchemasDir(): string | undefined {
    if (this.schemasDir) return this.schemasDir;
    const root = this.packageDir ?? this[definingPackage];
    return root === undefined ? undefined : join(root, 'schemas');
  }

  private resolvePackageDir(): string {
    const dir = this.packageDir ?? this[definingPackage];
    if (dir === undefined) {
      throw new Error(
        'Cannot find the connector package (no package.json above the code that created the source); set `packageDir` or override spec()',
      );
    }
    return dir;
  }
}
