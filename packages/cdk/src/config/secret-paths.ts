import { ownValue } from '../json/own-property.js';
import type { JsonSchema } from '../protocol/json-schema.js';

/** A value found at a spec path marked `airbyte_secret`, and where: `credentials.client_secret`, `tokens[1]`. */
export interface SecretField {
  path: string;
  /** The same place as keys and list indexes from the root (`['credentials', 'client_secret']`). */
  keys: (string | number)[];
  value: unknown;
}

/**
 * Every value in `config` found at a spec path marked `airbyte_secret: true`. The walk follows
 * `properties`, array `items` and every `oneOf`/`anyOf`/`allOf` branch, so secrets inside an
 * authentication choice are found whichever branch the user picked.
 */
export function collectSecrets(spec: JsonSchema, config: unknown): unknown[] {
  return secretFields(spec, config).map((field) => field.value);
}

/** Like `collectSecrets`, with the path of each value in the config. */
export function secretFields(spec: JsonSchema, config: unknown): SecretField[] {
  const found: SecretField[] = [];
  walk(spec, config, [], found);
  return found;
}

function walk(schema: JsonSchema | undefined, value: unknown, keys: (string | number)[], found: SecretField[]): void {
  if (!schema || typeof schema !== 'object' || value === undefined || value === null) return;
  if (schema.airbyte_secret === true) {
    collectLeaves(value, keys, found);
    return;
  }
  for (const branch of [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])]) {
    walk(branch, value, keys, found);
  }
  if (Array.isArray(value)) {
    const items = schema.items;
    if (items && !Array.isArray(items)) for (const [index, item] of value.entries()) walk(items, item, [...keys, index], found);
    return;
  }
  if (typeof value === 'object' && schema.properties) {
    const record = value as object;
    for (const [key, child] of Object.entries(schema.properties)) walk(child, ownValue(record, key), [...keys, key], found);
  }
}

function collectLeaves(value: unknown, keys: (string | number)[], found: SecretField[]): void {
  if (Array.isArray(value)) for (const [index, item] of value.entries()) collectLeaves(item, [...keys, index], found);
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) collectLeaves(item, [...keys, key], found);
  else found.push({ path: dotted(keys), keys, value });
}

/** `credentials.client_secret`, `tokens[1]`. */
function dotted(keys: readonly (string | number)[]): string {
  let path = '';
  for (const key of keys) path = typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
  return path;
}
