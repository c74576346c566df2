// The CDK's KeysToLower: top-level keys lower-cased (Python's str.lower); when two keys collide,
// the one processed last wins, in the order of Python's set of the keys (not reproducible; here
// the record's order).

import { renameKeys } from './rename-keys.js';
import type { MutableRecord, RecordTransformation } from './transformation.js';

export class KeysToLower implements RecordTransformation {
  readonly changesOwnKeysOnly = true;

  transform(record: MutableRecord): void {
    renameKeys(record, (key) => key.toLowerCase());
  }
}
