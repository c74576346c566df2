import { Source } from '@tributary/cdk';
import { BenchRecords } from './bench-records.mjs';

/** The benchmark source; its spec and schema are spec.json and schemas/ in this folder. */
export class BenchSource extends Source {
  streams(config) {
    return [new BenchRecords(config)];
  }
}
