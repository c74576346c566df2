/**
 * metadata.yaml for a connector, in the shape of Airbyte's connector registry
 * (ConnectorMetadataDefinitionV0: `metadataSpecVersion` and a `data` block whose keys are fixed;
 * Airbyte's validator rejects unknown keys), generated from the connector's own package data:
 *
 * - definitionId: a UUID version 5 (RFC 9562, SHA-1 name-based) of the npm package name, in the
 *   namespace TRIBUTARY_DEFINITION_NAMESPACE = UUIDv5(the RFC's URL namespace,
 *   "tributary:airbyte-connector-definition"). The same package name always gives the same id;
 *   set `airbyte.definitionId` in package.json to keep an existing id after a rename.
 * - dockerRepository: `tributary/<name without npm scope>`; dockerImageTag: the package version.
 * - documentationUrl: the spec's documentationUrl, else the package's homepage.
 * - name: the package name without `source-`, in title case; githubIssueLabel: the package name.
 * - license: the package's license ("UNLICENSED" when it declares none).
 * - Sync modes, from `discover` (run with `--config`, or with the defaults of the spec's
 *   properties): Airbyte's schema has no field for them, so they are tags
 *   (`sync-mode:incremental`), next to `language:typescript` and `cdk:tributary`, and listed per
 *   stream in the file's header comment.
 * - releaseStage alpha, supportLevel community, connectorSubtype api unless package.json says
 *   otherwise: any key of its `airbyte` object that Airbyte's schema allows replaces the
 *   generated value (`tags` are added to the generated ones).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeJsonSyntaxError } from '@tributary/cdk/runtime';
import type { ConnectorPackage } from './connector-package.js';
import { DEFAULT_BASE_IMAGE } from './dockerfile.js';

/** RFC 9562's namespace for URLs. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** A name-based UUID, version 5 (SHA-1), as in RFC 9562 section 5.5. */
export function uuidV5(name: string, namespace: string): string {
  const namespaceBytes = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (namespaceBytes.length !== 16) throw new Error(`Not a UUID: ${namespace}`);
  const bytes = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const TRIBUTARY_DEFINITION_NAMESPACE = uuidV5('tributary:airbyte-connector-definition', URL_NAMESPACE);

/** The stable definition id of a connector package. */
export function definitionIdOf(packageName: string): string {
  return uuidV5(packageName, TRIBUTARY_DEFINITION_NAMESPACE);
}

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

export interface StreamSyncModes {
  stream: string;
  namespace?: string;
  modes: string[];
}

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

type Message = { type?: string; [key: string]: unknown };

/** Runs one command of the compiled connector on this machine and returns its protocol messages. */
function runConnector(connector: ConnectorPackage, args: string[]): { code: number | null; messages: Message[]; stderr: string } {
  const run = spawnSync(process.execPath, [join(connector.dir, connector.entry), ...args], {
    cwd: connector.dir,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  const messages: Message[] = [];
  for (const line of run.stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      messages.push(JSON.parse(line) as Message);
    } catch {
      // Not a protocol message.
    }
  }
  return { code: run.status, messages, stderr: run.stderr };
}

function traceError(messages: Message[]): string | undefined {
  for (const message of messages) {
    const trace = message.trace as { type?: string; error?: { message?: string } } | undefined;
    if (message.type === 'TRACE' && trace?.type === 'ERROR') return trace.error?.message;
  }
  return undefined;
}

/** A config made of the `default`s of the spec's properties (nested objects included). */
export function defaultConfig(schema: unknown): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  const properties = (schema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
  for (const [key, property] of Object.entries(properties)) {
    const value = property as { default?: unknown; type?: unknown; properties?: unknown };
    if (value.default !== undefined) config[key] = value.default;
    else if (value.type === 'object' && value.properties) {
      const nested = defaultConfig(value);
      if (Object.keys(nested).length > 0) config[key] = nested;
    }
  }
  return config;
}

/** The connector's spec and, from `discover`, each stream's supported sync modes. */
export function discoverSyncModes(
  connector: ConnectorPackage,
  configFile?: string,
): { spec: Record<string, unknown>; streams: StreamSyncModes[] } {
  const specRun = runConnector(connector, ['spec']);
  const spec = specRun.messages.find((message) => message.type === 'SPEC')?.spec as Record<string, unknown> | undefined;
  if (specRun.code !== 0 || spec === undefined) {
    throw new Error(
      `${connector.name} spec failed: ${traceError(specRun.messages) ?? (specRun.stderr.trim() || `exit code ${specRun.code}`)}`,
    );
  }
  const tempDir = mkdtempSync(join(tmpdir(), 'tributary-metadata-'));
  try {
    let config = configFile;
    if (config === undefined) {
      config = join(tempDir, 'config.json');
      writeFileSync(config, JSON.stringify(defaultConfig(spec.connectionSpecification)), { mode: 0o600 });
    }
    const discoverRun = runConnector(connector, ['discover', '--config', config]);
    const catalog = discoverRun.messages.find((message) => message.type === 'CATALOG')?.catalog as
      | { streams?: { name: string; namespace?: string | null; supported_sync_modes?: string[] }[] }
      | undefined;
    if (discoverRun.code !== 0 || catalog === undefined) {
      const reason = traceError(discoverRun.messages) ?? (discoverRun.stderr.trim() || `exit code ${discoverRun.code}`);
      const hint = configFile === undefined ? ' (it ran with the defaults of the spec; pass a config file with --config)' : '';
      throw new Error(`${connector.name} discover failed${hint}: ${reason}`);
    }
    const streams = (catalog.streams ?? []).map((stream) => ({
      stream: stream.name,
      ...(stream.namespace ? { namespace: stream.namespace } : {}),
      modes: stream.supported_sync_modes ?? ['full_refresh'],
    }));
    return { spec, streams };
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
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

// --- A small YAML writer for the plain data above (maps, lists, strings, numbers, booleans) ---

const PLAIN = /^[A-Za-z0-9/_][A-Za-z0-9_./:@+-]*$/;
const AMBIGUOUS =
  /^(?:[-+]?(?:\d[\d_]*)?(?:\.\d*)?(?:[eE][-+]?\d+)?|0x[0-9a-f]+|0o[0-7]+|true|false|yes|no|on|off|y|n|null|~|\.inf|\.nan)$/i;

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = String(value);
  return PLAIN.test(text) && !AMBIGUOUS.test(text) && !text.endsWith(':') ? text : JSON.stringify(text);
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function yamlLines(value: unknown, indent: string): string[] {
  const lines: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isMap(item) && Object.keys(item).length > 0) {
        const [first, ...rest] = yamlLines(item, `${indent}  `);
        lines.push(`${indent}- ${first!.trimStart()}`, ...rest);
      } else if (Array.isArray(item) && item.length > 0) {
        lines.push(`${indent}-`, ...yamlLines(item, `${indent}  `));
      } else lines.push(`${indent}- ${inline(item)}`);
    }
    return lines;
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const name = scalar(key);
    if ((isMap(item) && Object.keys(item).length > 0) || (Array.isArray(item) && item.length > 0)) {
      lines.push(`${indent}${name}:`, ...yamlLines(item, `${indent}  `));
    } else lines.push(`${indent}${name}: ${inline(item)}`);
  }
  return lines;
}

function inline(value: unknown): string {
  if (Array.isArray(value)) return '[]';
  if (isMap(value)) return '{}';
  return scalar(value);
}

/** YAML of a metadata object, without comments. */
export function toYaml(value: Record<string, unknown>): string {
  return `${yamlLines(value, '').join('\n')}\n`;
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

/** Reads a config file given on the command line, so a bad path fails before anything runs. */
export function checkConfigFile(path: string): void {
  try {
    JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? `not valid JSON (${describeJsonSyntaxError(error)})` : (error as Error).message;
    throw new Error(`Cannot use ${path} as the discover config: ${reason}`);
  }
}
