import { type ReadOptions, Stream } from '@tributary/cdk';
import { EPOCH_MS, type ResolvedFakerConfig } from '../config.js';
import { SeededValues } from '../random.js';

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

/** Users, with their schema in `schemas/users.json` (its address comes from `schemas/shared/`). */
export class Users extends Stream<User> {
  primaryKey = 'id';
  private readonly values: SeededValues;

  constructor(private readonly config: ResolvedFakerConfig) {
    super();
    this.values = new SeededValues(config.seed, 'users');
  }

  *readRecords(_options: ReadOptions): Generator<User> {
    for (let id = 1; id <= this.config.count; id++) yield this.user(id);
  }

  private user(id: number): User {
    const v = this.values;
    const first = v.pick(id, 0, FIRST);
    const last = v.pick(id, 1, LAST);
    const place = v.int(id, 2, 0, CITIES.length - 1);
    const created = EPOCH_MS + id * 60_000;
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
      created_at: new Date(created).toISOString(),
      updated_at: new Date(created + v.int(id, 9, 0, 86_400) * 1000).toISOString(),
    };
  }
}
