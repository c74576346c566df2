/** A connector's config on the command line: `--config <file|json>`, or the connector's conventional file. */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonInput } from './json-input.js';

export interface ConfigInput {
  config: Record<string, unknown>;
  /** The file it came from; undefined for inline JSON or no config. */
  file: string | undefined;
}

/** `--config`: a JSON object, inline (anything starting with `{`) or in a file; none gives `{}`. */
export function readConfig(argument: string | undefined): ConfigInput {
  if (argument === undefined) return { config: {}, file: undefined };
  const { value, file } = readJsonInput(argument, { what: 'config', inlineOption: '--config', shape: 'object' });
  return { config: value as Record<string, unknown>, file };
}

/**
 * `--config` when given, else the connector's own `<dir>/<conventional>` (Airbyte's convention is
 * `secrets/config.json`) when it exists, else undefined.
 */
export function configOrConventional(
  dir: string,
  argument: string | undefined,
  conventional = 'secrets/config.json',
): ConfigInput | undefined {
  if (argument !== undefined) return readConfig(argument);
  const file = join(dir, conventional);
  return existsSync(file) ? readConfig(file) : undefined;
}

/** Saves a config the connector changed (a CONTROL message), as the Airbyte platform does. */
export function saveConfig(file: string, config: Record<string, unknown>): void {
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
}
