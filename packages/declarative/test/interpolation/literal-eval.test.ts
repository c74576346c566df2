// literal_eval: the CDK's last step. Python's outcome for ~4,000 random texts made of literal
// fragments (vectors/literal-eval-random.json), the fast paths agreeing with the full parser, and
// the CDK's handling of complex results and valid_types.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cdkLiteralEval, literalEval, NOT_LITERAL, PythonError, type PyValue, pythonRepr } from '../../src/interpolation/index.js';

interface Vector {
  text: string;
  repr?: string;
  complex?: string;
  not_literal?: boolean;
  error?: string;
}

const here = new URL('.', import.meta.url).pathname;

function outcome(text: string): string {
  try {
    const value = literalEval(text);
    if (value === NOT_LITERAL) return 'not literal';
    const repr = pythonRepr(value);
    return (value as { pyType?: string } | null)?.pyType === 'complex' ? `complex ${repr}` : repr;
  } catch (error) {
    return error instanceof PythonError ? `error ${error.pyClass}` : `JavaScript ${String(error)}`;
  }
}

describe('literal_eval', () => {
  test("random texts give CPython's outcome", () => {
    const { cases } = JSON.parse(readFileSync(join(here, 'vectors', 'literal-eval-random.json'), 'utf8')) as { cases: Vector[] };
    assert.ok(cases.length >= 4000);
    const failures = cases
      .map((v) => {
        const want = v.not_literal ? 'not literal' : v.error ? `error ${v.error}` : v.complex ? `complex ${v.complex}` : v.repr;
        const got = outcome(v.text);
        return got === want ? null : `${JSON.stringify(v.text)}: expected ${want}, got ${got}`;
      })
      .filter((failure) => failure !== null);
    assert.deepEqual(failures, []);
  });

  test('the common rendered results take the fast paths with the same answers', () => {
    const cases: [string, string][] = [
      ['100', '100'],
      ['-7', '-7'],
      ['007', 'not literal'],
      ['True', 'True'],
      ['None', 'None'],
      ['False\t', 'False'],
      ['2024-01-01', 'not literal'],
      ['1.5e-07', '1.5e-07'],
      ['https://example.com/a?b=1', 'not literal'],
      ['1-eu-west-1', 'not literal'],
      ['set()', 'set()'],
      ['Nonesuch', 'not literal'],
      ['0xFalse', 'not literal'],
      ['[True, None]', '[True, None]'],
      ['3\n  ', 'not literal'],
      ['3\n  \n', '3'],
    ];
    for (const [text, want] of cases) assert.equal(outcome(text), want, JSON.stringify(text));
  });

  test('the CDK keeps the text for complex results and values outside valid_types', () => {
    const eval_ = (text: string, types?: Parameters<typeof cdkLiteralEval>[1]) => pythonRepr(cdkLiteralEval(text, types) as PyValue);
    assert.equal(eval_('1j'), "'1j'");
    assert.equal(eval_('0J'), "'0J'");
    assert.equal(eval_('[1j]'), '[1j]');
    assert.equal(eval_('5', ['str']), "'5'");
    assert.equal(eval_('5', ['int', 'float']), '5');
    assert.equal(eval_('True', ['int']), 'True');
    assert.throws(
      () => cdkLiteralEval('{[1]: 2}', undefined),
      (e: unknown) => e instanceof PythonError && e.pyClass === 'TypeError',
    );
  });
});
