/** `--config`: a JSON file, or JSON given inline (anything starting with `{`). */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseBoundedJson } from '../json-depth.js';

export interface ConfigInput {
  config: Record<string, unknown>;
  /** The file it came from; undefined for inline JSON or no config. */
  file: string | undefined;
}

export function readConfig(value: string | undefined): ConfigInput {
  if (value === undefined) return { config: {}, file: undefined };
  const inline = value.trimStart().startsWith('{');
  let text: string;
  if (inline) text = value;
  else {
    try {
      text = readFileSync(value, 'utf8');
    } catch (error) {
      throw new Error(`cannot read config file ${value}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  const parsed = parseBoundedJson(text, inline ? 'the --config JSON' : `config file ${value}`);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${inline ? 'the --config JSON' : `config file ${value}`} must be a JSON object`);
  }
  return { config: parsed as Record<string, unknown>, file: inline ? undefined : value };
}

/** Saves a config the connector changed (a CONTROL message), as the Airbyte platform does. */
export function saveConfig(file: string, config: Record<string, unknown>): void {
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
}
