// Properties of the value model checked on random inputs: int arithmetic equals exact BigInt
// arithmetic with Python's floor semantics, float reprs round-trip, literal_eval(repr(v)) gives
// v back, and rendering agrees with str() and the literal_eval step.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  compileTemplate,
  literalEval,
  NOT_LITERAL,
  PyFloat,
  PyTuple,
  type PyValue,
  pythonRepr,
  pythonStr,
} from '../../src/interpolation/index.js';
import { Budget, DEFAULT_LIMITS } from '../../src/interpolation/limits.js';
import { binaryOp } from '../../src/interpolation/template/operations.js';
import { pyEquals } from '../../src/interpolation/values/compare.js';
import { PyComplex } from '../../src/interpolation/values/containers.js';
import { evaluate } from './helpers.js';

const budget = () => new Budget(DEFAULT_LIMITS);
const pyInt = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.maxSafeInteger(),
  fc
    .bigInt({ min: -(2n ** 200n), max: 2n ** 200n })
    .map((b) => (b >= BigInt(-Number.MAX_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b)),
);
const big = (v: number | bigint) => BigInt(v);

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

describe('properties', () => {
  test('int + - * // % are exact and use Python floor semantics', () => {
    fc.assert(
      fc.property(pyInt, pyInt, (a, b) => {
        const x = big(a);
        const y = big(b);
        const check = (op: '+' | '-' | '*' | '//' | '%', expected: bigint) => {
          const got = binaryOp(op, a, b, budget());
          assert.equal(big(got as number | bigint), expected, `${a} ${op} ${b}`);
          // Values within ±(2^53 - 1) are numbers, beyond are bigints (never an imprecise number).
          assert.equal(typeof got === 'bigint', expected > BigInt(Number.MAX_SAFE_INTEGER) || expected < BigInt(-Number.MAX_SAFE_INTEGER));
        };
        check('+', x + y);
        check('-', x - y);
        check('*', x * y);
        if (y !== 0n) {
          check('//', floorDiv(x, y));
          check('%', x - floorDiv(x, y) * y);
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('float reprs are the shortest text that reads back as the same double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = pythonRepr(new PyFloat(x));
        assert.ok(Object.is(Number(text), x) || (x === 0 && Number(text) === 0), `${x} -> ${text}`);
        assert.ok(/^-?(\d+\.\d+|\d(\.\d+)?e[+-]\d\d+)$/.test(text), text);
      }),
      { numRuns: 5000 },
    );
  });

  test('literal_eval(repr(v)) == v for nested literals', () => {
    const leaf = fc.oneof(
      pyInt,
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => new PyFloat(x) as PyValue),
      fc.string({ unit: 'binary' }),
      fc.constantFrom<PyValue>(true, false, null),
    );
    const { value } = fc.letrec<{ value: PyValue }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.array(tie('value'), { maxLength: 4 }),
        fc.array(tie('value'), { maxLength: 4 }).map((items) => new PyTuple(items) as PyValue),
        fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }) as fc.Arbitrary<PyValue>,
      ),
    }));
    fc.assert(
      fc.property(value, (v) => {
        const back = literalEval(pythonRepr(v));
        assert.notEqual(back, NOT_LITERAL, pythonRepr(v));
        assert.equal(pythonRepr(back as PyValue), pythonRepr(v));
        assert.ok(pyEquals(back as PyValue, v) || pythonRepr(v).includes('nan'));
      }),
      { numRuns: 1500 },
    );
  });

  test('{{ x }} renders str(x), and the CDK result is literal_eval of that text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          pyInt,
          fc.double({ noNaN: true }).map((x) => new PyFloat(x) as PyValue),
        ),
        (x) => {
          const text = pythonStr(x);
          // The CDK keeps the text when literal_eval gives a complex number ('0J' stays '0J').
          const parsed = literalEval(text);
          const expected = text === '' ? null : parsed === NOT_LITERAL || parsed instanceof PyComplex ? text : parsed;
          const got = evaluate('{{ x }}', { config: {}, x });
          assert.equal(pythonRepr(got), pythonRepr(expected as PyValue));
        },
      ),
      { numRuns: 2000, examples: [['0j'], ['1J'], ['-2.5j']] },
    );
  });

  test('sep.join(s.split(sep)) == s, and split() never yields empty words', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1, maxLength: 3 }), (s, sep) => {
        const ctx = { config: {}, s, sep };
        assert.equal(compileTemplate('{{ sep.join(s.split(sep)) }}').render(ctx), s);
        assert.equal(compileTemplate("{{ s.split() | select('equalto', '') | list | length }}").render(ctx), '0');
      }),
      { numRuns: 1000 },
    );
  });
});
