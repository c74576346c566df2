import { isoTimestamp, type ReadOptions } from '@tributary/cdk';
import { EPOCH_MS, type ResolvedFakerConfig } from '../config.js';
import { IncrementalFakerStream } from './incremental-faker-stream.js';

export interface User {
  id: number;
  name: string;
  email: string;
  age: number | null;
  address: {
    street: string;
    city: string;
    postal_code: string;
    country: { code: string; name: string };
    geo: { lat: number; lon: number };
  };
  /** How many times the user changed since it was created. */
  version: number;
  created_at: string;
  updated_at: string;
}

const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Ken', 'Frances', 'Tim'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Hamilton', 'Thompson', 'Allen', 'Berners-Lee'];
const CITIES = ['Lisbon', 'Oslo', 'Nairobi', 'Lima', 'Osaka', 'Tallinn', 'Quebec', 'Perth'];
const COUNTRIES = [
  { code: 'PT', name: 'Portugal' },
  { code: 'NO', name: 'Norway' },
  { code: 'KE', name: 'Kenya' },
  { code: 'PE', name: 'Peru' },
  { code: 'JP', name: 'Japan' },
  { code: 'EE', name: 'Estonia' },
  { code: 'CA', name: 'Canada' },
  { code: 'AU', name: 'Australia' },
] as const;

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/**
 * When user `id` is created and how its versions follow: user `id` appears `id` minutes after
 * the epoch, then changes up to `id % 4` times, every 1 to 72 hours. At a given clock it shows
 * its latest version so far; it does not exist before it is created.
 */
export function userTimeline(id: number, clockMs: number): { createdMs: number; version: number; updatedMs: number } | undefined {
  const createdMs = EPOCH_MS + id * MINUTE_MS;
  if (createdMs > clockMs) return undefined;
  const periodMs = (1 + (id % 72)) * HOUR_MS;
  const version = Math.min(id % 4, Math.floor((clockMs - createdMs) / periodMs));
  return { createdMs, version, updatedMs: createdMs + version * periodMs };
}

/**
 * Users: a static schema in `schemas/users.json` (its address comes from `schemas/shared/`),
 * incremental on `updated_at`. Users change in place, so records do not come sorted by cursor:
 * the read is one slice and its state only advances when the slice is complete.
 */
export class Users extends IncrementalFakerStream<User> {
  primaryKey = 'id';

  constructor(config: ResolvedFakerConfig) {
    super(config, 'users', 'updated_at');
  }

  *readRecords(options: ReadOptions): Generator<User> {
    const since = options.syncMode === 'incremental' ? this.cursor.value : undefined;
    const sinceMs = typeof since === 'string' ? Date.parse(since) : Number.NEGATIVE_INFINITY;
    for (let id = 1; id <= this.config.count; id++) {
      const timeline = userTimeline(id, this.config.clockMs);
      if (timeline === undefined) break;
      if (timeline.updatedMs <= sinceMs) continue;
      const user = this.user(id, timeline);
      this.cursor.observe(user);
      yield user;
    }
  }

  private user(id: number, timeline: { createdMs: number; version: number; updatedMs: number }): User {
    const v = this.values;
    const first = v.pick(id, 0, FIRST);
    const last = LAST[(v.int(id, 1, 0, LAST.length - 1) + timeline.version) % LAST.length] as string;
    const place = v.int(id, 2, 0, CITIES.length - 1);
    return {
      id,
      name: `${first} ${last}`,
      email: `${first.toLowerCase()}.${last.toLowerCase()}${id}@example.com`,
      age: v.unit(id, 3) < 0.05 ? null : v.int(id, 4, 18, 90),
      address: {
        street: `${v.int(id, 5, 1, 999)} Main Street`,
        city: CITIES[place] as string,
        postal_code: String(v.int(id, 6, 10000, 99999)),
        country: COUNTRIES[place] as { code: string; name: string },
        geo: { lat: Math.round((v.unit(id, 7) * 180 - 90) * 1e4) / 1e4, lon: Math.round((v.unit(id, 8) * 360 - 180) * 1e4) / 1e4 },
      },
      version: timeline.version,
      created_at: isoTimestamp(timeline.createdMs),
      updated_at: isoTimestamp(timeline.updatedMs),
    };
  }
}
