// The CDK's FlattenFields: nested objects (and lists, with `flatten_lists`, the default) become
// top-level keys. A key keeps its own name unless it is already taken, then it is prefixed with its
// parent's path ('parent.key'); once a list has been met, every later key gets its full path.
// The CDK walks with a stack, so siblings are visited last first; this follows that order.

import { replaceContent } from './rename-keys.js';
import type { MutableRecord, RecordTransformation } from './transformation.js';

export class FlattenFields implements RecordTransformation {
  constructor(private readonly flattenLists = true) {}

  transform(record: MutableRecord): void {
    replaceContent(record, this.flatten(record));
  }

  private flatten(record: MutableRecord): MutableRecord {
    const stack: [unknown, string][] = [[record, '_']];
    const out: MutableRecord = {};
    let withParentName = false;
    while (stack.length > 0) {
      const [current, parentKey] = stack.pop()!;
      if (typeof current === 'object' && current !== null && !Array.isArray(current)) {
        for (const key of Object.keys(current)) {
          const newKey = Object.hasOwn(out, key) || withParentName ? `${parentKey}.${key}` : key;
          stack.push([(current as MutableRecord)[key], newKey]);
        }
      } else if (Array.isArray(current) && this.flattenLists) {
        current.forEach((item, index) => {
          withParentName = true;
          stack.push([item, `${parentKey}.${index}`]);
        });
      } else {
        Object.defineProperty(out, parentKey, { value: current, writable: true, enumerable: true, configurable: true });
      }
    }
    return out;
  }
}
