/**
 * metadata.yaml for a connector, in the shape of Airbyte's connector registry
 * (ConnectorMetadataDefinitionV0: `metadataSpecVersion` and a `data` block whose keys are fixed;
 * Airbyte's validator rejects unknown keys), generated from the connector's own package data:
 *
 * - definitionId: derived from the npm package name (definition-id.ts); set
 *   `airbyte.definitionId` in package.json to keep an existing id after a rename.
 * - dockerRepository: `tributary/<name without npm scope>`; dockerImageTag: the package version.
 * - documentationUrl: the spec's documentationUrl, else the package's homepage.
 * - name: the package name without `source-`, in title case; githubIssueLabel: the package name.
 * - license: the package's license ("UNLICENSED" when it declares none).
 * - Sync modes, from `discover` (connector-discovery.ts): Airbyte's schema has no field for them, so they are tags
 *   (`sync-mode:incremental`), next to `language:typescript` and `cdk:tributary`, and listed per
 *   stream in the file's header comment.
 * - releaseStage alpha, supportLevel community, connectorSubtype api unless package.json says
 *   otherwise: any key of its `airbyte` object that Airbyte's schema allows replaces the
 *   generated value (`tags` are added to the generated ones).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { readJsonInput } from '../inputs/json-input.js';
import { discoverSyncModes, type StreamSyncModes } from './connector-discovery.js';
import type { ConnectorPackage } from './connector-package.js';
import { definitionIdOf, TRIBUTARY_DEFINITION_NAMESPACE } from './definition-id.js';
import { DEFAULT_BASE_IMAGE } from './dockerfile.js';

/** The default image repository of a connector: `tributary/<name without npm scope>`, or package.json's airbyte.dockerRepository. */
export function defaultDockerRepository(connector: ConnectorPackage): string {
  const configured = connector.pkg.airbyte?.dockerRepository;
  return typeof configured === 'string' && configured !== '' ? configured : `tributary/${connector.unscopedName}`;
}

/** The keys of Airbyte's metadata `data` block that package.json's `airbyte` object may set. */
const OVERRIDABLE_KEYS = new Set([
  'name',
  'icon',
  'definitionId',
  'connectorBuildOptions',
  'connectorTestSuitesOptions',
  'dockerRepository',
  'supportsDbt',
  'supportsNormalization',
  'license',
  'documentationUrl',
  'externalDocumentationUrls',
  'githubIssueLabel',
  'maxSecondsBetweenMessages',
  'releaseDate',
  'protocolVersion',
  'erdUrl',
  'connectorSubtype',
  'releaseStage',
  'supportLevel',
  'tags',
  'registryOverrides',
  'allowedHosts',
  'releases',
  'suggestedStreams',
  'resourceRequirements',
  'supportsRefreshes',
  'supportsFileTransfer',
  'supportsDataActivation',
]);
const ENUMS: Record<string, readonly string[]> = {
  releaseStage: ['alpha', 'beta', 'generally_available', 'custom'],
  supportLevel: ['community', 'certified', 'archived'],
  connectorSubtype: ['api', 'database', 'datalake', 'file', 'custom', 'message_queue', 'unknown', 'vectorstore'],
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ConnectorMetadata {
  metadataSpecVersion: string;
  data: Record<string, unknown>;
}

export interface MetadataOptions {
  /** A config file for `discover`; default: the defaults of the spec's properties. */
  configFile?: string;
  /** Override the image repository and tag (e.g. those of `tributary build --tag`). */
  dockerRepository?: string;
  dockerImageTag?: string;
  /** connectorBuildOptions.baseImage; default: the default base image of `tributary build`. */
  baseImage?: string;
}

export interface GeneratedMetadata {
  metadata: ConnectorMetadata;
  streams: StreamSyncModes[];
  yaml: string;
}

function titleCase(packageName: string): string {
  const base = packageName.replace(/^@[^/]+\//, '').replace(/^source-/, '');
  return base
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ');
}

function checkOverrides(connector: ConnectorPackage): Record<string, unknown> {
  const overrides = connector.pkg.airbyte ?? {};
  if (typeof overrides !== 'object' || Array.isArray(overrides))
    throw new Error(`${connector.name}: package.json "airbyte" must be an object`);
  for (const [key, value] of Object.entries(overrides)) {
    if (!OVERRIDABLE_KEYS.has(key)) {
      throw new Error(
        `${connector.name}: package.json airbyte.${key} is not a key of Airbyte's metadata (allowed: ${[...OVERRIDABLE_KEYS].join(', ')})`,
      );
    }
    const allowed = ENUMS[key];
    if (allowed && !allowed.includes(value as string)) {
      throw new Error(`${connector.name}: package.json airbyte.${key} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`);
    }
    if (key === 'definitionId' && !(typeof value === 'string' && UUID.test(value))) {
      throw new Error(`${connector.name}: package.json airbyte.definitionId must be a UUID, not ${JSON.stringify(value)}`);
    }
    if (key === 'tags' && !(Array.isArray(value) && value.every((tag) => typeof tag === 'string'))) {
      throw new Error(`${connector.name}: package.json airbyte.tags must be an array of strings`);
    }
  }
  return overrides;
}

/** The metadata of a connector, from its package.json, its spec and its discovered streams. */
export function buildMetadata(
  connector: ConnectorPackage,
  spec: Record<string, unknown>,
  streams: StreamSyncModes[],
  options: Omit<MetadataOptions, 'configFile'> = {},
): ConnectorMetadata {
  const overrides = checkOverrides(connector);
  const documentationUrl = overrides.documentationUrl ?? spec.documentationUrl ?? connector.pkg.homepage;
  if (typeof documentationUrl !== 'string' || !/^https?:\/\//.test(documentationUrl)) {
    throw new Error(
      `${connector.name}: Airbyte's metadata needs a documentationUrl: set documentationUrl in the spec, "homepage" or airbyte.documentationUrl in package.json`,
    );
  }
  const syncModes = ['full_refresh', 'incremental'].filter((mode) => streams.some((stream) => stream.modes.includes(mode)));
  const extraTags = (overrides.tags as string[] | undefined) ?? [];
  const tags = [...new Set(['language:typescript', 'cdk:tributary', ...syncModes.map((mode) => `sync-mode:${mode}`), ...extraTags])];
  const generated: Record<string, unknown> = {
    connectorType: 'source',
    connectorSubtype: 'api',
    definitionId: definitionIdOf(connector.name),
    dockerRepository: options.dockerRepository ?? defaultDockerRepository(connector),
    dockerImageTag: options.dockerImageTag ?? connector.version,
    documentationUrl,
    githubIssueLabel: connector.unscopedName,
    license: connector.pkg.license ?? 'UNLICENSED',
    name: titleCase(connector.name),
    releaseStage: 'alpha',
    supportLevel: 'community',
    tags,
    connectorBuildOptions: { baseImage: options.baseImage ?? DEFAULT_BASE_IMAGE },
  };
  const data: Record<string, unknown> = { ...generated };
  for (const [key, value] of Object.entries(overrides)) {
    if (key === 'tags' || key === 'documentationUrl') continue;
    if (key === 'dockerRepository' && options.dockerRepository !== undefined) continue;
    data[key] = value;
  }
  return { metadataSpecVersion: '1.0', data };
}

/** Generates (does not write) the metadata of a compiled connector, running its spec and discover. */
export function generateMetadata(connector: ConnectorPackage, options: MetadataOptions = {}): GeneratedMetadata {
  const { spec, streams } = discoverSyncModes(connector, options.configFile);
  const metadata = buildMetadata(connector, spec, streams, options);
  return { metadata, streams, yaml: renderMetadataYaml(metadata, connector, streams) };
}

/** Generates the metadata and writes it to `<connector>/metadata.yaml`; returns the file's path. */
export function writeMetadata(connector: ConnectorPackage, options: MetadataOptions = {}): { file: string } & GeneratedMetadata {
  const generated = generateMetadata(connector, options);
  const file = join(connector.dir, 'metadata.yaml');
  writeFileSync(file, generated.yaml);
  return { file, ...generated };
}

/**
 * YAML of a metadata object, without comments. Written for YAML 1.1 readers, as Airbyte's
 * tooling (PyYAML) is one: a string such as `yes`, `on` or `1.0` is quoted, or it would be read
 * as a boolean or a number. No line is folded.
 */
export function toYaml(value: Record<string, unknown>): string {
  return stringify(value, { version: '1.1', lineWidth: 0 });
}

export function renderMetadataYaml(metadata: ConnectorMetadata, connector: ConnectorPackage, streams: StreamSyncModes[]): string {
  const width = Math.max(0, ...streams.map((stream) => (stream.namespace ? `${stream.namespace}.` : '').length + stream.stream.length));
  const streamLines = streams.map(
    (stream) => `#   ${`${stream.namespace ? `${stream.namespace}.` : ''}${stream.stream}`.padEnd(width)}  ${stream.modes.join(', ')}`,
  );
  const header = [
    `# Airbyte connector metadata for ${connector.name} ${connector.version}, generated by \`tributary metadata\``,
    '# from its package.json, spec and discover. Do not edit: set overrides in package.json under',
    '# "airbyte" (any key of Airbyte\'s metadata data block) and generate it again.',
    `# definitionId = UUIDv5(name: "${connector.name}", namespace: ${TRIBUTARY_DEFINITION_NAMESPACE})`,
    '# Supported sync modes (discover):',
    ...streamLines,
  ];
  return `${header.join('\n')}\n${toYaml({ data: metadata.data, metadataSpecVersion: metadata.metadataSpecVersion })}`;
}

/** Reads the discover config given on the command line, so a bad path fails before anything runs. */
export function checkConfigFile(path: string): void {
  readJsonInput(path, { what: 'discover config', shape: 'object' });
}
