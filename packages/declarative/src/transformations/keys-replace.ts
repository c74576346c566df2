// The CDK's KeysReplace: `old` and `new` are templates (over `config`, `record`, `stream_slice`)
// evaluated per record as text; every occurrence of `old` in a key is replaced, at every level
// of nested objects.
import type { KeysReplace as KeysReplaceModel } from '../components/component-types.js';
import { type ComponentEnvironment, parametersOf } from '../interpolated/evaluation-context.js';
import { InterpolatedString } from '../interpolated/interpolated-string.js';
import type { PyValue } from '../interpolation/values/object.js';
import type { StreamSlice } from '../slices/stream-slice.js';
import { renameKeysDeep, replaceContent } from './rename-keys.js';
import type { MutableRecord, RecordTransformation } from './transformation.js';

export class KeysReplace implements RecordTransformation {
  /** Nested objects are rebuilt renamed, never changed in place. */
  readonly changesOwnKeysOnly = true;
  private readonly old: InterpolatedString;
  private readonly replacement: InterpolatedString;

  constructor(
    model: KeysReplaceModel,
    private readonly env: ComponentEnvironment,
  ) {
    const parameters = parametersOf(model);
    this.old = new InterpolatedString(String(model.old), parameters);
    this.replacement = new InterpolatedString(String(model.new), parameters);
  }

  transform(record: MutableRecord, slice: StreamSlice | null): void {
    const context = { record: record as PyValue, stream_slice: slice };
    const old = this.old.evalString(this.env, context);
    const replacement = this.replacement.evalString(this.env, context);
    replaceContent(
      record,
      renameKeysDeep(record, (key) => pythonReplace(key, old, replacement)),
    );
  }
}

/** Python's str.replace: an empty `old` inserts the replacement between every character and at both ends. */
export function pythonReplace(text: string, old: string, replacement: string): string {
  if (old !== '') return text.split(old).join(replacement);
  return `${replacement}${[...text].join(replacement)}${text === '' ? '' : replacement}`;
}
