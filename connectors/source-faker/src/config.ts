import { ConnectorError } from '@tributary/cdk';

/** The faker's config, as its spec describes it. */
export interface FakerConfig {
  count?: number;
  seed?: number;
  records_per_slice?: number;
  clock?: string;
}

export interface ResolvedFakerConfig {
  count: number;
  seed: number;
  recordsPerSlice: number;
  /** The simulated present, in epoch ms: nothing later has happened yet. */
  clockMs: number;
}

/** All generated timestamps are offsets from this fixed instant, so output is reproducible. */
export const EPOCH_MS = Date.UTC(2024, 0, 1);

/** Far enough in the future that every simulated change has happened. */
const END_OF_TIME_MS = Date.UTC(9999, 0, 1);

export function resolveConfig(config: FakerConfig): ResolvedFakerConfig {
  let clockMs = END_OF_TIME_MS;
  if (config.clock !== undefined) {
    clockMs = Date.parse(config.clock);
    if (Number.isNaN(clockMs)) throw ConnectorError.config(`'clock' must be an ISO-8601 date-time, got ${JSON.stringify(config.clock)}`);
  }
  return {
    count: config.count ?? 1000,
    seed: config.seed ?? 42,
    recordsPerSlice: config.records_per_slice ?? 1000,
    clockMs,
  };
}
