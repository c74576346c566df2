/**
 * Deterministic randomness: every value is a pure function of (seed, stream, record index,
 * field), so a record does not depend on which records were generated before it.
 */
export class SeededValues {
  private readonly base: number;

  constructor(seed: number, stream: string) {
    let h = mix(seed | 0);
    for (let i = 0; i < stream.length; i++) h = mix(h ^ stream.charCodeAt(i));
    this.base = h;
  }

  /** A float in [0, 1) for field number `field` of record `index`. */
  unit(index: number, field: number): number {
    return mix(mix(this.base ^ index) ^ (field * 0x9e3779b1)) / 4294967296;
  }

  int(index: number, field: number, min: number, max: number): number {
    return min + Math.floor(this.unit(index, field) * (max - min + 1));
  }

  pick<T>(index: number, field: number, items: readonly T[]): T {
    return items[Math.floor(this.unit(index, field) * items.length)] as T;
  }
}

/** A 32-bit integer hash (from the murmur3 finalizer), returned as an unsigned integer. */
function mix(value: number): number {
  let h = value | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
