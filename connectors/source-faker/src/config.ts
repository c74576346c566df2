/** The faker's config, as its spec describes it. */
export interface FakerConfig {
  count?: number;
  seed?: number;
  records_per_slice?: number;
}

export interface ResolvedFakerConfig {
  count: number;
  seed: number;
  recordsPerSlice: number;
}

export function resolveConfig(config: FakerConfig): ResolvedFakerConfig {
  return {
    count: config.count ?? 1000,
    seed: config.seed ?? 42,
    recordsPerSlice: config.records_per_slice ?? 1000,
  };
}

/** All generated timestamps are offsets from this fixed instant, so output is reproducible. */
export const EPOCH_MS = Date.UTC(2024, 0, 1);
