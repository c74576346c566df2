/**
 * `tributary build <connector>`: the connector's Docker image, following the Airbyte platform's
 * contract (see docker/dockerfile.ts), built offline from a production bundle prepared on this
 * machine (see docker/production-bundle.ts). `--declarative` builds the generic
 * source-declarative-manifest image and `--manifest <yaml>` a manifest-only connector's (see
 * docker/declarative-image.ts). `tributary metadata <connector>`: its metadata.yaml (see
 * docker/metadata.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { type BuildSubject, buildSubject } from '../docker/build-subject.js';
import { type ConnectorPackage, checkCompiled, loadConnectorPackage } from '../docker/connector-package.js';
import { addManifestToBundle, type ImageManifest } from '../docker/declarative-image.js';
import { dockerBuild, dockerServerVersion, formatBytes, imageExists, imageSize } from '../docker/docker-cli.js';
import {
  APP_DIR,
  BUNDLE_FOLDER,
  CHECK_SCRIPT,
  CHECK_SCRIPT_SOURCE,
  CONNECTOR_UID,
  DEFAULT_BASE_IMAGE,
  EXPECTED_SPEC_FILE,
  entrypointOf,
  renderDockerfile,
  WORK_DIR,
} from '../docker/dockerfile.js';
import { checkConfigFile, type GeneratedMetadata, generateMetadata, writeMetadata } from '../docker/metadata.js';
import { type ProductionBundle, prepareProductionBundle } from '../docker/production-bundle.js';
import { UsageError } from '../exit-codes.js';

export interface BuildImageOptions {
  /** A connector folder, or a name looked up under connectors/ of the enclosing workspace. */
  connector?: string;
  /** A declarative manifest: build a manifest-only connector image instead. */
  manifest?: string;
  /** Build the generic source-declarative-manifest image instead (the manifest comes in the config). */
  declarative?: boolean;
  /**
   * `name:version` (or just `name`, tagged with the default version); default
   * `tributary/<package>:<version>`, `tributary/<manifest name>:<metadata.yaml's dockerImageTag, or dev>`
   * or `tributary/source-declarative-manifest:<@tributary/declarative's version>`.
   */
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
  /** The package whose bundle is the image's code (@tributary/declarative for declarative images). */
  connector: ConnectorPackage;
  /** The manifest built in, for a manifest-only connector image. */
  manifest?: ImageManifest;
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

/**
 * Writes the build context: the production bundle (with the manifest of a manifest-only
 * connector, whose spec the first stage then checks), the Dockerfile and the check script.
 */
export function prepareBuildContext(
  connector: ConnectorPackage,
  contextDir: string,
  image: { repository: string; version: string },
  options: { manifest?: ImageManifest; title?: { name: string; version: string } } = {},
): { bundle: ProductionBundle; dockerfile: string } {
  mkdirSync(contextDir, { recursive: true });
  const bundle = prepareProductionBundle(connector, join(contextDir, BUNDLE_FOLDER));
  const { manifest, title = { name: connector.name, version: connector.version } } = options;
  if (manifest) {
    addManifestToBundle(bundle.dir, manifest);
    writeFileSync(join(contextDir, EXPECTED_SPEC_FILE), `${JSON.stringify(manifest.spec, null, 2)}\n`);
  }
  const dockerfile = renderDockerfile({
    imageName: image.repository,
    imageVersion: image.version,
    entry: bundle.entry,
    packageName: title.name,
    packageVersion: title.version,
    expectedSpec: manifest !== undefined,
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
  const subject = await buildSubject(options, cwd);
  if (options.metadata && options.connector === undefined) {
    throw new UsageError(
      "--metadata writes a connector package's metadata.yaml; a manifest-only connector keeps Airbyte's own beside its manifest",
    );
  }
  for (const warning of subject.warnings) log(`warning: ${warning}`);
  if (options.configFile) checkConfigFile(resolve(cwd, options.configFile));
  const { repository, version } = parseImageTag(options.tag ?? subject.repository, subject.version);
  const keepContext = options.contextDir !== undefined;
  const contextDir = keepContext ? resolve(cwd, options.contextDir!) : mkdtempSync(join(tmpdir(), 'tributary-build-'));
  try {
    const result = writeContext(subject, contextDir, { repository, version, baseImage: options.baseImage ?? DEFAULT_BASE_IMAGE }, log);
    if (options.prepareOnly) {
      log(
        `Build context written to ${contextDir}; build it with: docker build --build-arg BASE_IMAGE=${result.baseImage} -t ${result.image} ${contextDir}`,
      );
      return result;
    }
    await runDockerBuild(result, options.verbose === true, log);
    if (options.metadata) {
      result.metadata = writeMetadata(result.connector, {
        configFile: options.configFile ? resolve(cwd, options.configFile) : undefined,
        dockerRepository: repository,
        dockerImageTag: version,
        baseImage: result.baseImage,
      });
      log(`Wrote ${result.metadata.file}`);
    }
    return result;
  } finally {
    if (!keepContext) rmSync(contextDir, { recursive: true, force: true });
  }
}

/** The build context of `subject`, and the result so far. */
function writeContext(
  subject: BuildSubject,
  contextDir: string,
  image: { repository: string; version: string; baseImage: string },
  log: (line: string) => void,
): BuildImageResult {
  const { connector, manifest, title } = subject;
  const { repository, version, baseImage } = image;
  const { bundle, dockerfile } = prepareBuildContext(connector, contextDir, { repository, version }, { manifest, title });
  for (const warning of bundle.warnings) log(`warning: ${warning}`);
  log(
    `Bundle: ${connector.name} ${connector.version}${manifest ? ` with ${manifest.file}` : ''} and ${bundle.packages.length} production dependencies, ` +
      `${bundle.files} files, ${formatBytes(bundle.bytes)}`,
  );
  const result: BuildImageResult = {
    connector,
    image: `${repository}:${version}`,
    repository,
    version,
    baseImage,
    contextDir,
    dockerfile,
    bundle,
  };
  if (manifest) result.manifest = manifest;
  return result;
}

/** `docker build` of the context, then the image's size. */
async function runDockerBuild(result: BuildImageResult, verbose: boolean, log: (line: string) => void): Promise<void> {
  const { image, baseImage, contextDir } = result;
  const server = await dockerServerVersion();
  if (server === undefined) {
    throw new Error('No Docker engine answers (start dockerd or Docker Desktop); --prepare-only writes the build context without building');
  }
  const baseIsLocal = await imageExists(baseImage);
  log(
    `Building ${image} from ${baseImage}${baseIsLocal ? '' : ' (not present locally: docker pulls it)'} (Docker ${server}, RUN without network)`,
  );
  try {
    await dockerBuild({ contextDir, tag: image, buildArgs: { BASE_IMAGE: baseImage }, echo: verbose });
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

const BUILD_HELP = `
Examples:
  tributary build connectors/source-faker                  # tributary/source-faker:<package version>
  tributary build --manifest source-pokeapi/manifest.yaml  # tributary/source-pokeapi:<metadata.yaml's dockerImageTag, or dev>
  tributary build --declarative                            # tributary/source-declarative-manifest:<@tributary/declarative's version>

Declarative images run source-declarative-manifest as Airbyte's images of that name do: the
manifest of a manifest-only connector is in ${APP_DIR}/source_declarative_manifest/manifest.yaml
(its schemas/ folder beside it), and the generic image takes the manifest from the config's
__injected_declarative_manifest, as the Airbyte platform passes Connector Builder connectors.`;

/** Registers `tributary build` and `tributary metadata`. */
export function register(program: Command): void {
  program
    .command('build')
    .description(
      `Build a connector's Docker image for the Airbyte platform: ENTRYPOINT and AIRBYTE_ENTRYPOINT run the connector, ` +
        `labels io.airbyte.name/version, non-root user ${CONNECTOR_UID} in ${WORK_DIR}, code in ${APP_DIR}`,
    )
    .argument('[connector]', 'connector folder, or its name under connectors/')
    .option('--manifest <yaml>', "build a manifest-only connector: Airbyte's source-declarative-manifest with this manifest")
    .option(
      '--declarative',
      "build the generic source-declarative-manifest image (the manifest comes in the config's __injected_declarative_manifest)",
    )
    .option('-t, --tag <name:version>', 'image name and tag (default: tributary/<package>:<package version>; see below)')
    .option('--base-image <image>', 'base image with node (the BASE_IMAGE build argument)', DEFAULT_BASE_IMAGE)
    .option('--metadata', 'also write <connector>/metadata.yaml for the image')
    .option('--config <file>', 'config file for the discover run behind --metadata (default: the spec defaults)')
    .option('--context-dir <dir>', 'keep the build context (bundle, Dockerfile) in this folder')
    .option('--prepare-only', 'write the build context, do not run docker build')
    .option('--verbose', "show docker build's output")
    .addHelpText('after', BUILD_HELP)
    .action(
      async (
        connector: string | undefined,
        options: {
          manifest?: string;
          declarative?: boolean;
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
          manifest: options.manifest,
          declarative: options.declarative,
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
