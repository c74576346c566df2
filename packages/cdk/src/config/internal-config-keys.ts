import { setOwn } from '../json/own-property.js';

/**
 * Keys a user may add to any config to steer the CDK itself. They are taken out before the
 * config is validated against the spec, as the Python CDK does with `_limit` and `_page_size`.
 */
export interface InternalConfig {
  /** Stop each stream after this many records (for previews and tests). */
  limit?: number;
  /** Page size for HTTP streams. */
  pageSize?: number;
  /** How many streams or slices to read at once. */
  concurrency?: number;
}

/** A map, not an object: a config key like `constructor` must not find an inherited member. */
const INTERNAL_KEYS = new Map<string, keyof InternalConfig>([
  ['_limit', 'limit'],
  ['_page_size', 'pageSize'],
  ['_concurrency', 'concurrency'],
]);

export function splitInternalConfig(config: Record<string, unknown>): {
  config: Record<string, unknown>;
  internal: InternalConfig;
  problems: string[];
} {
  const rest: Record<string, unknown> = {};
  const internal: InternalConfig = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    const target = INTERNAL_KEYS.get(key);
    if (target === undefined) {
      setOwn(rest, key, value);
    } else if (typeof value === 'number' && Number.isInteger(value) && value > 0) {
      internal[target] = value;
    } else {
      problems.push(`'${key}' must be a positive integer, got ${JSON.stringify(value)}`);
    }
  }
  return { config: rest, internal, problems };
}
