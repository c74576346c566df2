// Jinja's filters where they work on the value itself rather than its str() (truncate, indent,
// wordwrap, dictsort, xmlattr, filesizeformat), generators that skip falsy input (map, select),
// and the optimizer's compile-time folding of constant expressions. Expected values are
// Jinja 3.1.6's; vectors/filters-and-tests.json covers every filter's ordinary use.
import { describe, test } from 'node:test';
import { assertRaises, assertRepr, context } from './helpers.js';

const ctx = context('{"config": {}}');

describe('Jinja filters on values of other types', () => {
  test('truncate measures and slices the value itself', () => {
    assertRepr('{{ [] | truncate(5) }}', '[]', ctx);
    assertRepr('{{ [1,2,3,4,5,6,7,8,9,10] | truncate(5, true) }}', '[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]', ctx);
    assertRepr('{{ true | truncate(5) }}', "'{{ true | truncate(5) }}'", ctx);
    assertRepr("{{ 'The quick brown fox jumps' | truncate(12) }}", "'The...'", ctx);
  });

  test('indent, wordwrap, dictsort and xmlattr call str or mapping methods on the value', () => {
    assertRepr('{{ 5 | indent }}', "'{{ 5 | indent }}'", ctx);
    assertRaises('{{ [1] | indent }}', 'AttributeError', /^'list' object has no attribute 'splitlines'$/, ctx);
    assertRaises('{{ 5 | wordwrap }}', 'AttributeError', /^'int' object has no attribute 'splitlines'$/, ctx);
    assertRaises('{{ 5 | dictsort }}', 'AttributeError', /^'int' object has no attribute 'items'$/, ctx);
    assertRaises('{{ 5 | xmlattr }}', 'AttributeError', /^'int' object has no attribute 'items'$/, ctx);
  });

  test('filesizeformat converts with float()', () => {
    assertRepr("{{ '1500' | filesizeformat }}", "'1.5 kB'", ctx);
    assertRaises("{{ 'abc' | filesizeformat }}", 'ValueError', /^could not convert string to float: 'abc'$/, ctx);
    assertRepr('{{ [1] | filesizeformat }}', "'{{ [1] | filesizeformat }}'", ctx);
  });

  test('urlencode unpacks each item of a sequence into a key and a value', () => {
    assertRepr("{{ ['ab', 'cd'] | urlencode }}", "'a=b&c=d'", ctx);
    assertRepr('{{ [1, 2] | urlencode }}', "'{{ [1, 2] | urlencode }}'", ctx);
    assertRaises("{{ ['abc'] | urlencode }}", 'ValueError', /^too many values to unpack \(expected 2\)$/, ctx);
    assertRaises("{{ ['a'] | urlencode }}", 'ValueError', /^not enough values to unpack \(expected 2, got 1\)$/, ctx);
  });

  test('map and select yield nothing for falsy input (and fail only when iterated)', () => {
    assertRepr("{{ 0 | map('upper') | list }}", '[]', ctx);
    assertRepr('{{ none | select | list }}', '[]', ctx);
    assertRepr("{{ 5 | map('upper') | list }}", `"{{ 5 | map('upper') | list }}"`, ctx);
    assertRepr("{{ [1] | map('nope') | length is defined }}", `"{{ [1] | map('nope') | length is defined }}"`, ctx);
  });

  test('sorting with an Undefined item is an UndefinedError (the CDK falls back to the default)', () => {
    assertRepr("{{ [config.missing, 'a'] | sort }}", 'None', ctx);
  });

  test("'%' with a list or dict argument does not complain about unused arguments", () => {
    assertRepr("{{ '' % [] }}x", "'x'", ctx);
    assertRepr("{{ 'a' % [1] }}", "'a'", ctx);
    assertRepr("{{ 'x' % 'y' }}", `"{{ 'x' % 'y' }}"`, ctx);
  });

  test('constant expressions are folded at compile time, where slicing goes through getitem', () => {
    assertRepr('{{ (2)[1:] }}', 'None', ctx);
    assertRepr('{{ [(3.5)[1:]] }}', "'[Undefined]'", ctx);
    assertRepr("{{ ((2)[1:]) ~ 'x' }}", "'x'", ctx);
    assertRepr("{{ ((({'k': 1})[1:] % ([] is eq 1)) | int) }}", `"{{ ((({'k': 1})[1:] % ([] is eq 1)) | int) }}"`, ctx);
    assertRepr('{{ config.x[1:] }}', 'None', ctx);
  });
});
