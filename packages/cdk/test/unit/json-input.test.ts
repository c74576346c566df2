import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConnectorError } from '../../src/errors/connector-error.js';
import { assertUsableJsonInput, findJsonInputProblem, MAX_INPUT_DEPTH, stripBom } from '../../src/json/json-input.js';

function nested(levels: number): unknown {
  return JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`);
}

test(`nesting up to ${MAX_INPUT_DEPTH} levels is accepted, one more is not`, () => {
  assert.equal(findJsonInputProblem(nested(MAX_INPUT_DEPTH)), undefined);
  assert.deepEqual(findJsonInputProblem(nested(MAX_INPUT_DEPTH + 1)), { kind: 'too-deep' });
  assert.deepEqual(findJsonInputProblem(nested(1_000_000)), { kind: 'too-deep' });
  assert.equal(findJsonInputProblem({ a: [{ b: {} }] }, 4), undefined);
  assert.deepEqual(findJsonInputProblem({ a: [{ b: {} }] }, 3), { kind: 'too-deep' });
});

test('a number that parsed to Infinity is found with a readable path', () => {
  assert.deepEqual(findJsonInputProblem(JSON.parse('{"count": 1e400}')), { kind: 'non-finite', path: 'count' });
  assert.deepEqual(findJsonInputProblem(JSON.parse('{"a": {"b c": [1, -1e999]}}')), { kind: 'non-finite', path: 'a["b c"][1]' });
  assert.deepEqual(findJsonInputProblem(JSON.parse('[{"x": 1e400}]')), { kind: 'non-finite', path: '[0].x' });
  assert.deepEqual(findJsonInputProblem(JSON.parse('1e400')), { kind: 'non-finite', path: '' });
  assert.equal(findJsonInputProblem(JSON.parse('{"small": 1e-400, "big": 1e308, "s": "1e400"}')), undefined);
});

test('the first problem in document order is reported', () => {
  assert.deepEqual(findJsonInputProblem(JSON.parse('{"a": 1e400, "b": 1e401}')), { kind: 'non-finite', path: 'a' });
});

test('assertUsableJsonInput throws a config_error naming the input', () => {
  assert.throws(
    () => assertUsableJsonInput(nested(MAX_INPUT_DEPTH + 5), "state file 's.json'"),
    (error: unknown) =>
      error instanceof ConnectorError &&
      error.failureType === 'config_error' &&
      error.message === "The state file 's.json' is nested too deeply: objects and arrays may be nested at most 1,000 levels deep",
  );
  assert.throws(
    () => assertUsableJsonInput({ limits: { max: Number.NEGATIVE_INFINITY } }, 'config'),
    /The config holds a number too large to represent at limits\.max/,
  );
});

test('stripBom removes one leading byte order mark only', () => {
  assert.equal(stripBom('\uFEFF{"a":1}'), '{"a":1}');
  assert.equal(stripBom('{"a":"\uFEFF"}'), '{"a":"\uFEFF"}');
  assert.equal(stripBom(''), '');
});
