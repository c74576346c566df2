// The template lexer and parser: delimiters, whitespace control, comments, raw blocks, string and
// number literals, Jinja's operator precedence, and its syntax errors.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { tokenize } from '../../src/interpolation/template/lexer.js';
import { parseTemplate } from '../../src/interpolation/template/parser.js';
import { assertRaises, assertRepr, evaluate } from './helpers.js';

describe('lexer', () => {
  test('splits text, print tags, statement tags and comments', () => {
    const tokens = tokenize("a{{ x.y | f(1, 'z') }}b{% if c %}{# note #}d{% endif %}", 100);
    assert.deepEqual(
      tokens.map((t) => `${t.type}:${String(t.value)}`),
      [
        'data:a',
        'variable_begin:',
        'name:x',
        'operator:.',
        'name:y',
        'operator:|',
        'name:f',
        'operator:(',
        'integer:1',
        'operator:,',
        'string:z',
        'operator:)',
        'variable_end:',
        'data:b',
        'block_begin:',
        'name:if',
        'name:c',
        'block_end:',
        'data:d',
        'block_begin:',
        'name:endif',
        'block_end:',
        'eof:',
      ],
    );
  });

  test('number literals follow Jinja: underscores, bases, floats need digits after the point', () => {
    const values = (source: string) =>
      tokenize(`{{ ${source} }}`, 100)
        .filter((t) => t.type === 'integer' || t.type === 'float')
        .map((t) => t.value);
    assert.deepEqual(values('1_000 0x1F 0o17 0b101 1.5 1e3 2.5E-2'), [1000, 31, 15, 5, 1.5, 1000, 0.025]);
    assert.deepEqual(values('12345678901234567890'), [12345678901234567890n]);
    assertRaises('{{ 007 }}', 'TemplateSyntaxError', /expected token 'end of print statement', got 'integer'/);
  });

  test('string literals decode Python escapes and concatenate when adjacent', () => {
    assertRepr("{{ '\\x41\\u0042\\U00000043\\101\\n' }}", "'ABCA\\n'");
    assertRepr("{{ 'a\\qb' }}", "'a\\\\qb'");
    assertRepr(`{{ 'a' "b" 'c' }}`, "'abc'");
    assertRaises('{{ "\\x4" }}', 'TemplateSyntaxError', /truncated \\xXX escape/);
  });

  test('whitespace control strips around tags; a final newline is dropped', () => {
    assertRepr('a  {%- if true -%}  b  {%- endif -%}  c', "'abc'");
    assertRepr('{{- 1 -}}  {{- 2 }}', '12');
    assertRepr('a {#- comment -#} b', "'ab'");
    assertRepr('{{ "x" }}\n', "'x'");
    assertRepr('{{ "x" }}\n\n', "'x\\n'");
    assertRepr('x\r\ny', "'x\\ny'");
  });

  test('raw blocks are not interpreted', () => {
    assertRepr('{% raw %}{{ not rendered }}{% endraw %}', "'{{ not rendered }}'");
  });

  test('brackets inside a print tag may contain }}', () => {
    assertRepr("{{ {'a': {'b': 1}}['a'] }}", "{'b': 1}");
  });

  test('lexer errors name the character and its position', () => {
    assertRaises("{{ 'unterminated }}", 'TemplateSyntaxError', /^unexpected char "'" at 3$/);
    assertRaises('{{ $ }}', 'TemplateSyntaxError', /^unexpected char '\$' at 3$/);
    assertRaises('{{ (1 }}', 'TemplateSyntaxError', /^unexpected '}', expected '\)'$/);
    assertRaises('{{ 1 ]}}', 'TemplateSyntaxError', /^unexpected '\]'$/);
    assertRaises('{# never closed', 'TemplateSyntaxError', /Missing end of comment tag/);
  });
});

describe('parser', () => {
  test('Jinja precedence: ** is left-associative, filters bind tighter than unary minus and ~', () => {
    assertRepr('{{ 2 ** 3 ** 2 }}', '64');
    assertRepr('{{ -3 | abs }}', '3');
    assertRepr("{{ 'a' ~ 'b' | upper }}", "'aB'");
    assertRepr('{{ not 0 | string }}', 'False');
    assertRepr('{{ 1 + 2 * 3 - 4 / 2 }}', '5.0');
    assertRepr('{{ 1 if false else 2 if false else 3 }}', '3');
  });

  test('tuples, trailing commas, slices and call arguments', () => {
    assertRepr('{{ 1, 2 }}', '(1, 2)');
    assertRepr('{{ (1,) }}', '(1,)');
    assertRepr('{{ [1, 2,] }}', '[1, 2]');
    assertRepr("{{ 'abcdef'[1:5:2] }}", "'bd'");
    assertRepr("{{ '{a}-{b}'.format(*['x'], **{'a': 1, 'b': 2}) }}", "'1-2'");
    assertRaises('{{ f(a=1, 2) }}', 'TemplateSyntaxError', /invalid syntax for function call expression/);
  });

  test('tests take one bare argument or parenthesized ones', () => {
    assertRepr('{{ 9 is divisibleby 3 }}', 'True');
    assertRepr('{{ 9 is divisibleby(4) }}', 'False');
    assertRepr('{{ 1 is not none }}', 'True');
  });

  test('syntax errors read as Jinja words them', () => {
    assertRaises('{{ }}', 'TemplateSyntaxError', /^Expected an expression, got 'end of print statement'$/);
    assertRaises('{% if %}', 'TemplateSyntaxError', /^Expected an expression, got 'end of statement block'$/);
    assertRaises('{{ 1 2 }}', 'TemplateSyntaxError', /^expected token 'end of print statement', got 'integer'$/);
    assertRaises('{{ x. }}', 'TemplateSyntaxError', /^expected name or number$/);
    assertRaises('{% foo %}', 'TemplateSyntaxError', /^Encountered unknown tag 'foo'\.$/);
    assertRaises(
      '{% if x %}',
      'TemplateSyntaxError',
      /^Unexpected end of template\. Jinja was looking for the following tags: 'elif' or 'else' or 'endif'\. The innermost block that needs to be closed is 'if'\.$/,
    );
    assertRaises('{{ {1, 2} }}', 'TemplateSyntaxError', /^expected token ':', got ','$/);
  });

  test('unknown filters and tests fail at compile time, or when reached inside a condition', () => {
    assertRaises('{{ 1 | nope }}', 'TemplateAssertionError', /No filter named 'nope'\./);
    assertRaises('{{ 1 is nope }}', 'TemplateAssertionError', /No test named 'nope'\./);
    assert.equal(evaluate('{% if false %}{{ 1 | nope }}{% endif %}x'), 'x');
    assertRaises('{% if true %}{{ 1 | nope }}{% endif %}', 'TemplateRuntimeError', /No filter named 'nope' found\./);
  });

  test('the parse tree of a typical manifest template', () => {
    assert.deepEqual(parseTemplate("{{ response.get('next') }}", 100), [
      {
        kind: 'output',
        nodes: [
          {
            kind: 'call',
            node: { kind: 'getattr', node: { kind: 'name', name: 'response' }, attr: 'get' },
            args: [{ kind: 'const', value: 'next' }],
            kwargs: [],
            dynArgs: null,
            dynKwargs: null,
          },
        ],
      },
    ]);
  });
});
