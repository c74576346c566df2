import { ownValue } from '../json/own-property.js';
import type { JsonSchema } from '../schema/json-schema.js';

/**
 * Every value in `config` found at a spec path marked `airbyte_secret: true`. The walk follows
 * `properties`, array `items` and every `oneOf`/`anyOf`/`allOf` branch, so secrets inside an
 * authentication choice are found whichever branch the user picked.
 */
export function collectSecrets(spec: JsonSchema, config: unknown): unknown[] {
  const found: unknown[] = [];
  walk(spec, config, found);
  return found;
}

function walk(schema: JsonSchema | undefined, value: unknown, found: unknown[]): void {
  if (!schema || typeof schema !== 'object' || value === undefined || value === null) return;
  if (schema.airbyte_secret === true) {
    collectLeaves(value, found);
    return;
  }
  for (const branch of [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])]) {
    walk(branch, value, found);
  }
  if (Array.isArray(value)) {
    const items = schema.items;
    if (items && !Array.isArray(items)) for (const item of value) walk(items, item, found);
    return;
  }
  if (typeof value === 'object' && schema.properties) {
    const record = value as object;
    for (const [key, child] of Object.entries(schema.properties)) walk(child, ownValue(record, key), found);
  }
}

function collectLeaves(value: unknown, found: unknown[]): void {
  if (Array.isArray(value)) for (const item of value) collectLeaves(item, found);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) collectLeaves(item, found);
  else found.push(value);
}
