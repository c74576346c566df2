/**
 * `tributary build <connector>`: the connector's Docker image, following the Airbyte platform's
 * contract (see docker/dockerfile.ts), built offline from a production bundle prepared on this
 * machine (see docker/production-bundle.ts). `tributary metadata <connector>`: its metadata.yaml
 * (see docker/metadata.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { type ConnectorPackage, checkCompiled, loadConnectorPackage } from '../docker/connector-package.js';
import { dockerBuild, dockerServerVersion, formatBytes, imageExists, imageSize } from '../docker/docker-cli.js';
import {
  APP_DIR,
  BUNDLE_FOLDER,
  CHECK_SCRIPT,
  CHECK_SCRIPT_SOURCE,
  CONNECTOR_UID,
  DEFAULT_BASE_IMAGE,
  entrypointOf,
  renderDockerfile,
  WORK_DIR,
} from '../docker/dockerfile.js';
import { checkConfigFile, defaultDockerRepository, type GeneratedMetadata, generateMetadata, writeMetadata } from '../docker/metadata.js';
import { type ProductionBundle, prepareProductionBundle } from '../docker/production-bundle.js';
import { UsageError } from '../exit-codes.js';

export interface BuildImageOptions {
  /** A connector folder, or a name looked up under connectors/ of the enclosing workspace. */
  connector: string;
  /** `name:version` (or just `name`, tagged with the package version); default `tributary/<package>:<version>`. */
  tag?: string;
  /** The BASE_IMAGE build argument; default node:20-slim. */
  baseImage?: string;
  /** Keep the build context (bundle, Dockerfile) in this folder instead of a temporary one. */
  contextDir?: string;
  /** Write the build context only; do not run docker. */
  prepareOnly?: boolean;
  /** Also write <connector>/metadata.yaml for the built image. */
  metadata?: boolean;
  /** A config file for the discover run that metadata generation makes. */
  configFile?: string;
  /** Stream docker's build output to stderr. */
  verbose?: boolean;
  /** Where progress lines go; default stderr. */
  log?: (line: string) => void;
  cwd?: string;
}

export interface BuildImageResult {
  connector: ConnectorPackage;
  /** The full image reference, `repository:version`. */
  image: string;
  repository: string;
  version: string;
  baseImage: string;
  /** The build context (removed after the build unless `contextDir` was given). */
  contextDir: string;
  dockerfile: string;
  bundle: ProductionBundle;
  /** Bytes, from `docker image inspect` (absent with prepareOnly). */
  imageSize?: number;
  baseImageSize?: number;
  metadata?: { file: string } & GeneratedMetadata;
}

/** Splits `name[:version]`; a `:` before the last `/` belongs to a registry host:port. */
export function parseImageTag(tag: string, defaultVersion: string): { repository: string; version: string } {
  const slash = tag.lastIndexOf('/');
  const colon = tag.lastIndexOf(':');
  const [repository, version] = colon > slash ? [tag.slice(0, colon), tag.slice(colon + 1)] : [tag, defaultVersion];
  if (!/^[a-z0-9]+(?:[._-][a-z0-9]+|[/:][a-z0-9]+)*$/.test(repository.replace(/^[^/]*[.:][^/]*\//, '').replace(/:\d+\//, '/'))) {
    throw new UsageError(`'${tag}' is not a valid image name (lowercase letters, digits, '.', '_', '-' and '/')`);
  }
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(version)) throw new UsageError(`'${version}' is not a valid image tag`);
  return { repository, version };
}

/** Writes the build context: the production bundle, the Dockerfile and the check script. */
export function prepareBuildContext(
  connector: ConnectorPackage,
  contextDir: string,
  image: { repository: string; version: string },
): { bundle: ProductionBundle; dockerfile: string } {
  mkdirSync(contextDir, { recursive: true });
  const bundle = prepareProductionBundle(connector, join(contextDir, BUNDLE_FOLDER));
  const dockerfile = renderDockerfile({
    imageName: image.repository,
    imageVersion: image.version,
    entry: bundle.entry,
    packageName: connector.name,
    packageVersion: connector.version,
  });
  writeFileSync(join(contextDir, 'Dockerfile'), dockerfile);
  writeFileSync(join(contextDir, CHECK_SCRIPT), CHECK_SCRIPT_SOURCE);
  writeFileSync(join(contextDir, '.dockerignore'), '# The context holds only what tributary build wrote.\n');
  return { bundle, dockerfile };
}

/** Builds a connector's image; the plain function behind `tributary build`. */
export async function buildConnectorImage(options: BuildImageOptions): Promise<BuildImageResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const cwd = options.cwd ?? process.cwd();
  const connector = loadConnectorPackage(options.connector, cwd);
  const stale = checkCompiled(connector);
  if (stale) log(`warning: ${stale}`);
  if (options.configFile) checkConfigFile(resolve(cwd, options.configFile));
  const { repository, version } = parseImageTag(options.tag ?? defaultDockerRepository(connector), connector.version);
  const image = `${repository}:${version}`;
  const baseImage = options.baseImage ?? DEFAULT_BASE_IMAGE;

  const keepContext = options.contextDir !== undefined;
  const contextDir = keepContext ? resolve(cwd, options.contextDir!) : mkdtempSync(join(tmpdir(), 'tributary-build-'));
  try {
    const { bundle, dockerfile } = prepareBuildContext(connector, contextDir, { repository, version });
    for (const warning of bundle.warnings) log(`warning: ${warning}`);
    log(
      `Bundle: ${connector.name} ${connector.version} and ${bundle.packages.length} production dependencies, ` +
        `${bundle.files} files, ${formatBytes(bundle.bytes)}`,
    );
    const result: BuildImageResult = { connector, image, repository, version, baseImage, contextDir, dockerfile, bundle };
    if (options.prepareOnly) {
      log(
        `Build context written to ${contextDir}; build it with: docker build --build-arg BASE_IMAGE=${baseImage} -t ${image} ${contextDir}`,
      );
      return result;
    }
    const server = await dockerServerVersion();
    if (server === undefined) {
      throw new Error(
        'No Docker engine answers (start dockerd or Docker Desktop); --prepare-only writes the build context without building',
      );
    }
    const baseIsLocal = await imageExists(baseImage);
    log(
      `Building ${image} from ${baseImage}${baseIsLocal ? '' : ' (not present locally: docker pulls it)'} (Docker ${server}, RUN without network)`,
    );
    try {
      await dockerBuild({ contextDir, tag: image, buildArgs: { BASE_IMAGE: baseImage }, echo: options.verbose });
    } catch (error) {
      if (baseIsLocal || (await imageExists(baseImage))) throw error;
      throw new Error(
        `The base image ${baseImage} is not present locally and could not be pulled; pull or load it, or pass --base-image. ${(error as Error).message}`,
      );
    }
    result.imageSize = await imageSize(image);
    result.baseImageSize = await imageSize(baseImage);
    log(
      `Built ${image}: ${formatBytes(result.imageSize)} ` +
        `(base ${baseImage} ${formatBytes(result.baseImageSize)} + connector ${formatBytes(result.imageSize - result.baseImageSize)})`,
    );
    if (options.metadata) {
      result.metadata = writeMetadata(connector, {
        configFile: options.configFile ? resolve(cwd, options.configFile) : undefined,
        dockerRepository: repository,
        dockerImageTag: version,
        baseImage,
      });
      log(`Wrote ${result.metadata.file}`);
    }
    return result;
  } finally {
    if (!keepContext) rmSync(contextDir, { recursive: true, force: true });
  }
}

export interface MetadataCommandOptions {
  connector: string;
  configFile?: string;
  /** Print the YAML instead of writing <connector>/metadata.yaml. */
  stdout?: boolean;
  cwd?: string;
}

/** The plain function behind `tributary metadata`: returns the YAML and, unless `stdout`, writes it. */
export function connectorMetadata(options: MetadataCommandOptions): { file?: string } & GeneratedMetadata {
  const cwd = options.cwd ?? process.cwd();
  const connector = loadConnectorPackage(options.connector, cwd);
  checkCompiled(connector);
  const configFile = options.configFile ? resolve(cwd, options.configFile) : undefined;
  if (configFile) checkConfigFile(configFile);
  return options.stdout ? generateMetadata(connector, { configFile }) : writeMetadata(connector, { configFile });
}

/** Registers `tributary build` and `tributary metadata`. */
export function register(program: Command): void {
  program
    .command('build')
    .description(
      `Build a connector's Docker image for the Airbyte platform: ENTRYPOINT and AIRBYTE_ENTRYPOINT run the connector, ` +
        `labels io.airbyte.name/version, non-root user ${CONNECTOR_UID} in ${WORK_DIR}, code in ${APP_DIR}`,
    )
    .argument('<connector>', 'connector folder, or its name under connectors/')
    .option('-t, --tag <name:version>', 'image name and tag (default: tributary/<package>:<package version>)')
    .option('--base-image <image>', 'base image with node (the BASE_IMAGE build argument)', DEFAULT_BASE_IMAGE)
    .option('--metadata', 'also write <connector>/metadata.yaml for the image')
    .option('--config <file>', 'config file for the discover run behind --metadata (default: the spec defaults)')
    .option('--context-dir <dir>', 'keep the build context (bundle, Dockerfile) in this folder')
    .option('--prepare-only', 'write the build context, do not run docker build')
    .option('--verbose', "show docker build's output")
    .action(
      async (
        connector: string,
        options: {
          tag?: string;
          baseImage: string;
          metadata?: boolean;
          config?: string;
          contextDir?: string;
          prepareOnly?: boolean;
          verbose?: boolean;
        },
      ) => {
        const result = await buildConnectorImage({
          connector,
          tag: options.tag,
          baseImage: options.baseImage,
          metadata: options.metadata,
          configFile: options.config,
          contextDir: options.contextDir,
          prepareOnly: options.prepareOnly,
          verbose: options.verbose,
        });
        if (result.imageSize !== undefined) {
          process.stdout.write(`${result.image} ${formatBytes(result.imageSize)} (${result.imageSize} bytes)\n`);
          process.stdout.write(`entrypoint: ${entrypointOf(result.bundle.entry).join(' ')}\n`);
        }
      },
    );

  program
    .command('metadata')
    .description("Write a connector's metadata.yaml (Airbyte connector registry shape) from its package.json, spec and discover")
    .argument('<connector>', 'connector folder, or its name under connectors/')
    .option('--config <file>', 'config file for discover (default: the defaults of the spec properties)')
    .option('--stdout', 'print the YAML instead of writing <connector>/metadata.yaml')
    .action((connector: string, options: { config?: string; stdout?: boolean }) => {
      const result = connectorMetadata({ connector, configFile: options.config, stdout: options.stdout });
      if (options.stdout) process.stdout.write(result.yaml);
      else process.stderr.write(`Wrote ${result.file}\n`);
    });
}
