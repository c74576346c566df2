// Python's operators where they are easy to get wrong: int vs float results, floor division and
// modulo signs, chained comparisons, str % with unusual right operands, complex powers, Undefined
// operands. Expected values are CPython 3.11's (more in vectors/arithmetic-and-strings.json).
import { describe, test } from 'node:test';
import { assertRaises, assertRepr, context } from './helpers.js';

const ctx = context('{"config": {"big": 12345678901234567890, "f": 2.5, "n": -7}}');

describe('operators', () => {
  test('int and float arithmetic', () => {
    assertRepr('{{ 7 / 2 }}', '3.5', ctx);
    assertRepr('{{ 10 / 2 }}', '5.0', ctx);
    assertRepr('{{ config.n // 2 }}', '-4', ctx);
    assertRepr('{{ config.n % 3 }}', '2', ctx);
    assertRepr('{{ 7 % -3 }}', '-2', ctx);
    assertRepr('{{ -7.5 % 2 }}', '0.5', ctx);
    assertRepr('{{ 2 ** -1 }}', '0.5', ctx);
    assertRepr('{{ config.big * 10 + 1 }}', '123456789012345678901', ctx);
    assertRepr('{{ config.big // 7 }}', '1763668414462081127', ctx);
    assertRepr('{{ True + True }}', '2', ctx);
    assertRaises('{{ 5 % 0 }}', 'ZeroDivisionError', /^integer modulo by zero$/, ctx);
    assertRaises('{{ 5 // 0 }}', 'ZeroDivisionError', /^integer division or modulo by zero$/, ctx);
    assertRaises('{{ 5.0 / 0 }}', 'ZeroDivisionError', /^float division by zero$/, ctx);
  });

  test('a negative number to a fractional power is complex, as in Python 3', () => {
    assertRepr('{{ (-3) ** 2.5 }}', "'(4.772588574262081e-15+15.588457268119896j)'", ctx);
    assertRepr('{{ (-8) ** (1/3) }}', "'(1.0000000000000002+1.7320508075688772j)'", ctx);
    assertRepr('{{ ((-3) ** 2.5) in [1] }}', 'False', ctx);
  });

  test('comparisons chain and compare ints and floats exactly', () => {
    assertRepr('{{ 1 < 2 < 3 }}', 'True', ctx);
    assertRepr('{{ 3 > 2 > 2 }}', 'False', ctx);
    assertRepr('{{ 2**53 + 1 > 2.0**53 }}', 'True', ctx);
    assertRepr("{{ 1 < 'a' }}", `"{{ 1 < 'a' }}"`, ctx);
    assertRepr("{{ 'b' in 'abc' and 'x' not in ['a'] }}", 'True', ctx);
  });

  test('str % takes any right operand first, Undefined included', () => {
    assertRepr("{{ '3.5' % config.missing }}", '3.5', ctx);
    assertRepr("{{ '%s|' % config.missing }}", "'|'", ctx);
    assertRepr("{{ '%d' % config.missing }}", 'None', ctx);
    assertRepr("{{ '%s-%05.1f' % ('a', 3.14159) }}", "'a-003.1'", ctx);
    assertRepr("{{ '%(x)s' % {'x': 1} }}", '1', ctx);
  });

  test('other operators with an Undefined operand raise UndefinedError (the CDK then uses the default)', () => {
    assertRepr('{{ config.missing + 1 }}', 'None', ctx);
    assertRepr("{{ 'a' + config.missing }}", 'None', ctx);
    assertRepr('{{ config.missing < 1 }}', 'None', ctx);
    assertRepr("{{ config.missing ~ 'x' }}", "'x'", ctx);
    assertRepr('{{ config.missing == none }}', 'False', ctx);
  });
});
