// Templates of text and plain lookups are rendered without the interpreter when the values allow
// (src/interpolation/template/plain-lookups.ts). Whatever the values, the result (or the error)
// must be the interpreter's, which an evaluation with explicit limits keeps to.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  compileTemplate,
  DEFAULT_LIMITS,
  type PlainDict,
  PyFloat,
  type PyValue,
  pythonRepr,
  StreamSlice,
} from '../../src/interpolation/index.js';

const TEMPLATES = [
  "{{ config['label'] }}-{{ record['id'] }}",
  "id {{ record['id'] }}",
  "{{ record['owner']['email'] }}/{{ record['missing'] }}",
  "{{ record['id'] }}{{ record['flag'] }}",
  "{{ label }}:{{ stream_slice['id'] }}",
  "{{ record['nested']['deep']['key'] }}!",
];

/** The evaluation's repr, or the error it raised; `limits` given explicitly keeps to the interpreter. */
function outcome(template: string, context: PlainDict, interpreterOnly: boolean): string {
  try {
    return pythonRepr(compileTemplate(template).evaluate(context, interpreterOnly ? { limits: DEFAULT_LIMITS } : {}));
  } catch (error) {
    return `raised ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  }
}

const scalar: fc.Arbitrary<PyValue> = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.double({ noNaN: true }).map((x) => new PyFloat(x) as PyValue),
  fc.constantFrom('1', '0.5', 'True', "'quoted'", '[1, 2]', '{"a": 1}', ' 7'),
);
const value: fc.Arbitrary<PyValue> = fc.oneof(
  scalar,
  fc.dictionary(fc.constantFrom('email', 'deep', 'key'), scalar, { maxKeys: 3 }) as fc.Arbitrary<PyValue>,
  fc.array(scalar, { maxLength: 2 }) as fc.Arbitrary<PyValue>,
);
const record = fc.dictionary(fc.constantFrom('id', 'flag', 'owner', 'missing', 'nested'), value, { maxKeys: 5 });

test('a template of plain lookups evaluates as the interpreter renders it, whatever the values', () => {
  fc.assert(
    fc.property(fc.constantFrom(...TEMPLATES), record, scalar, value, (template, rec, label, sliceId) => {
      const context: PlainDict = {
        config: { label },
        record: rec as PlainDict,
        label,
        stream_slice: new StreamSlice({ id: sliceId }, {}),
      };
      assert.equal(
        outcome(template, context, false),
        outcome(template, context, true),
        `${template} with ${pythonRepr(context.record as PyValue)}`,
      );
    }),
    { numRuns: 3000 },
  );
});
