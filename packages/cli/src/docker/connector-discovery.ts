/**
 * What `tributary metadata` learns by running the compiled connector on this machine: its spec,
 * and from `discover` (with a config file, or with the defaults of the spec's properties) the
 * sync modes each stream supports.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectorPackage } from './connector-package.js';

export interface StreamSyncModes {
  stream: string;
  namespace?: string;
  modes: string[];
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
