import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeJsonSyntaxError } from '../../src/errors/json-syntax-error.js';

function parseError(text: string): unknown {
  try {
    JSON.parse(text);
  } catch (error) {
    return error;
  }
  throw new Error(`${text} parsed`);
}

test('messages that quote the input are replaced: the quote may be a secret', () => {
  for (const text of ['sk_live_abcdef', '{"key": sk_live_abcdefghijklmnop}', 'sk_live_abcdefghijklmnopqrstuvwxyz and more', '<html>']) {
    const error = parseError(text);
    assert.match((error as Error).message, /is not valid JSON/, 'V8 quotes these');
    assert.equal(describeJsonSyntaxError(error), 'unexpected token');
  }
  assert.equal(describeJsonSyntaxError(new SyntaxError('Unexpected token s in JSON at position 0')), 'unexpected token', "Node 18's form");
});

test('messages that only name syntax and a position are kept', () => {
  const cases: Array<[string, string]> = [
    ['{"a":1} x', 'Unexpected non-whitespace character after JSON at position 8'],
    ['{"a":"sk_live', 'Unterminated string in JSON at position 13'],
    ['[1,', 'Unexpected end of JSON input'],
    ['{a:1}', "Expected property name or '}' in JSON at position 1"],
    ['[1 2]', "Expected ',' or ']' after array element in JSON at position 3"],
    ['"\\x"', 'Bad escaped character in JSON at position 2'],
  ];
  for (const [text, expected] of cases) assert.equal(describeJsonSyntaxError(parseError(text)), expected, text);
});

test('anything else is not trusted', () => {
  assert.equal(describeJsonSyntaxError(new Error('secret sk_live_abc')), 'unexpected token');
  assert.equal(describeJsonSyntaxError('"quoted"'), 'unexpected token');
});
