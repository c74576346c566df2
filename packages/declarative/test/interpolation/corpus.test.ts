// Every interpolation case of the declarative corpus (cases.jsonl: each manifest template in three
// contexts; focused.jsonl: hand-picked topics), evaluated plainly and with the template as its own
// default as InterpolatedString does, must give the Python CDK's repr and type, or its error class.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describe as describeOutcome, type Outcome, runCases, runFocused } from './corpus-harness.js';

const REQUIRED_AGREEMENT = 0.995;

function check(name: string, outcomes: Outcome[]): void {
  const failing = outcomes.filter((outcome) => !outcome.agrees);
  const agreement = (outcomes.length - failing.length) / outcomes.length;
  const messageMismatches = outcomes.filter((outcome) => outcome.agrees && !outcome.messageAgrees);
  console.log(`${name}: ${outcomes.length - failing.length}/${outcomes.length} agree (${(agreement * 100).toFixed(2)}%)`);
  for (const outcome of failing) console.log(`  DIFFERS ${describeOutcome(outcome)}`);
  for (const outcome of messageMismatches) console.log(`  MESSAGE ${describeOutcome(outcome)}`);
  assert.ok(agreement >= REQUIRED_AGREEMENT, `${name}: ${(agreement * 100).toFixed(2)}% agreement, below ${REQUIRED_AGREEMENT * 100}%`);
}

describe('interpolation corpus', () => {
  test('cases.jsonl: every manifest template in the empty, typical and edge contexts', () => {
    const { plain, withDefault } = runCases();
    assert.equal(plain.length, 8238);
    check('cases (plain)', plain);
    check('cases (with default)', withDefault);
    check('cases (overall)', [...plain, ...withDefault]);
  });

  test('focused.jsonl: one topic per case', () => {
    const { plain, withDefault } = runFocused();
    assert.equal(plain.length, 403);
    check('focused (plain)', plain);
    check('focused (with default)', withDefault);
  });

  test('error messages match the Python CDK where Tributary prints the same text', () => {
    const { plain, withDefault } = runFocused();
    const cases = runCases();
    const mismatched = [...plain, ...withDefault, ...cases.plain, ...cases.withDefault].filter((o) => o.agrees && !o.messageAgrees);
    assert.deepEqual(mismatched.map(describeOutcome), []);
  });
});
