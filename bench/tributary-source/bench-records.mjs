import { Stream } from '@tributary/cdk';
import { makeRecord, STREAM_NAME } from '../records.mjs';

/** One full-refresh stream: records 0 … count-1 from the shared generator, from a sync generator. */
export class BenchRecords extends Stream {
  name = STREAM_NAME;
  primaryKey = 'id';

  constructor({ count, normalize }) {
    super();
    this.count = count;
    // Schema normalisation (issue 3); a CDK without the property ignores it.
    if (normalize === true) this.schemaNormalization = 'default';
  }

  *readRecords() {
    const count = this.count;
    for (let i = 0; i < count; i++) yield makeRecord(i);
  }
}
