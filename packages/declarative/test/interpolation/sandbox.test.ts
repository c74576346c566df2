// The sandbox: templates cannot reach JavaScript globals, prototypes, constructors or the
// process, nor Python's introspection attributes, and cannot exhaust memory, CPU or the stack.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { interpolate, PythonError } from '../../src/interpolation/index.js';
import { assertRaises, assertRenderRaises, assertRepr, clock, context } from './helpers.js';

const ctx = () => context('{"config": {"a": 1, "s": "x", "l": [1, 2], "__proto__": {"as": "data"}}, "record": {"id": 1}}');

describe('sandbox: no way out to JavaScript', () => {
  test('JavaScript globals are not variables', () => {
    for (const name of ['process', 'globalThis', 'require', 'module', 'constructor', 'Function', 'eval', 'console', 'Buffer', 'import']) {
      assertRaises(`{{ ${name} }}`, 'ValueError', new RegExp(`undeclared variables: \\{'${name}'\\}`), ctx());
    }
  });

  test('prototypes and constructors of values are not attributes or items', () => {
    for (const path of [
      'config.constructor',
      "config['constructor']",
      'config.prototype',
      'config.toString',
      'config.hasOwnProperty',
      'config.valueOf',
      "''.constructor",
      "'x'.constructor",
      'config.l.constructor',
      'config.l.map',
      'config.l.length',
      'config.s.length',
      'config.a.constructor',
      'now_utc.constructor',
      'now_utc.call',
      'now_utc.apply',
      'record.__defineGetter__',
      'config.__lookupGetter__',
    ]) {
      assertRepr(`{{ ${path} }}`, 'None', ctx());
    }
    // Going further fails as Jinja does (the CDK then falls back to the default, None).
    assertRepr('{{ config.constructor.constructor("return process")() }}', 'None', ctx());
    assertRenderRaises(
      '{{ config.constructor.constructor("return process")() }}',
      'UndefinedError',
      /'dict object' has no attribute 'constructor'/,
      ctx(),
    );
    assertRenderRaises(
      "{{ ''.constructor.constructor('return process')() }}",
      'UndefinedError',
      /'str object' has no attribute 'constructor'/,
      ctx(),
    );
    assertRenderRaises(
      '{{ now_utc.constructor("return 1")() }}',
      'UndefinedError',
      /'function object' has no attribute 'constructor'/,
      ctx(),
    );
  });

  test('a key named __proto__ is plain data, and writing one cannot pollute Object.prototype', () => {
    assertRepr("{{ config['__proto__'] }}", "{'as': 'data'}", ctx());
    assertRepr("{% set _ = config.update({'__proto__': {'polluted': 1}}) %}{{ config['__proto__'] }}", "{'polluted': 1}", ctx());
    assertRepr("{{ record.setdefault('__proto__', {'polluted': 2}) }}", "{'polluted': 2}", ctx());
    assertRepr("{{ {'__proto__': 1} }}", "{'__proto__': 1}", ctx());
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf({}), Object.prototype);
  });

  test("Python's introspection attributes are refused as Jinja's sandbox refuses them", () => {
    assertRaises('{{ config.__class__.__mro__ }}', 'SecurityError', /access to attribute '__class__' of 'dict' object is unsafe\./, ctx());
    assertRaises("{{ ''.__class__.__mro__[1].__subclasses__() }}", 'SecurityError', /'__class__' of 'str' object is unsafe/, ctx());
    assertRaises('{{ lipsum.__globals__.os }}', 'SecurityError', /'__globals__' of 'function' object is unsafe/, ctx());
    assertRaises('{{ now_utc.__globals__["os"] }}', 'SecurityError', /unsafe/, ctx());
    assertRaises("{{ config.__init__.__globals__['sys'] }}", 'SecurityError', /unsafe/, ctx());
    assertRaises('{{ config.l.pop.__self__.clear() }}', 'SecurityError', /unsafe/, ctx());
    assertRaises("{{ config|attr('__class__')|attr('mro') }}", 'SecurityError', /unsafe/, ctx());
    assertRaises("{{ '{0.__class__.__subclasses__}'.format(1) | length }}", 'SecurityError', /unsafe/, ctx());
    // Rendering an unsafe attribute renders nothing (Jinja returns an "unsafe" Undefined).
    assertRepr("{{ ''.__class__ }}", 'None', ctx());
    assertRepr('{{ config.l.mro }}', 'None', ctx());
  });

  test('the engine itself uses no eval or Function', () => {
    const root = new URL('../../src/interpolation/', import.meta.url).pathname;
    const sources = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
    assert.ok(sources.length > 20);
    for (const file of sources) {
      const text = readFileSync(join(root, file), 'utf8');
      assert.doesNotMatch(text, /\beval\s*\(|new\s+Function\b|\bFunction\s*\(/, file);
    }
  });
});

describe('sandbox: bounded resources', () => {
  test('huge strings, lists and ints are refused with a clear SecurityError', () => {
    assertRaises("{{ 'a' * 10**9 }}", 'SecurityError', /a string of 1000000000 characters exceeds the sandbox limit/, ctx());
    assertRaises('{{ [1] * 10**9 }}', 'SecurityError', /a collection of 1000000000 items exceeds the sandbox limit/, ctx());
    assertRaises(
      '{{ 2 ** (10**9) }}',
      'SecurityError',
      /an integer of about \d+ bits \(the limit is 1000000\) exceeds the sandbox limit/,
      ctx(),
    );
    // Python computes powers of 0, 1 and -1 with any exponent; other huge powers are refused.
    assertRepr('{{ False ** 12345678901234567890 }}', '0', ctx());
    assertRepr('{{ (-1) ** 12345678901234567891 }}', '-1', ctx());
    assertRepr('{{ 2 ** -12345678901234567890 }}', '0.0', ctx());
    assertRaises('{{ 3 ** 12345678901234567890 }}', 'SecurityError', /an integer of about \d+ bits/, ctx());
    assertRaises("{{ 'x'.center(10**9) }}", 'SecurityError', /exceeds? the sandbox limit/, ctx());
    assertRaises("{{ '{:>1000000000}'.format(1) }}", 'SecurityError', /field width of 1000000000/, ctx());
    assertRaises("{{ '%1000000000d' % 1 }}", 'SecurityError', /field width/, ctx());
    assertRaises("{{ now_utc().strftime('%1000000000Y') }}", 'SecurityError', /strftime field width/, ctx());
    assertRaises(
      "{% set s = 'x' * 5000000 %}{{ s ~ s ~ s ~ s ~ s ~ s ~ s ~ s ~ s ~ s ~ s ~ s ~ s ~ s }}",
      'SecurityError',
      /exceeds? the sandbox limit/,
      ctx(),
    );
  });

  test('huge counts and widths are refused (or cost nothing) everywhere a template can pass them', () => {
    assertRepr('{{ 10**18 * [] }}', '[]', ctx());
    assertRaises('{{ 12345678901234567890 * [] }}', 'OverflowError', /^cannot fit 'int' into an index-sized integer$/, ctx());
    assertRepr('{{ 1.5 | round(-1000000000) }}', '0.0', ctx());
    assertRepr("{{ '{:.2000f}'.format(0.1) | length }}", '2002', ctx());
    assertRaises("{{ '{:.1000000000f}'.format(0.1) }}", 'SecurityError', /a precision of 1000000000/, ctx());
    assertRaises("{{ 'a' | indent(10**12) }}", 'SecurityError', /exceeds the sandbox limit/, ctx());
    assertRaises("{{ 'a\tb'.expandtabs(10**12) }}", 'SecurityError', /exceeds the sandbox limit/, ctx());
    assertRaises('{{ [1] | batch(10**12, 0) | list }}', 'SecurityError', /a collection of 1000000000000 items/, ctx());
    assertRaises('{{ [1] | slice(10**12) | list }}', 'SecurityError', /a collection of 1000000000000 items/, ctx());
    assertRaises('{{ (1).to_bytes(10**12) }}', 'SecurityError', /exceeds the sandbox limit/, ctx());
    assertRaises("{{ {'a': 1} | tojson(10**9) }}", 'SecurityError', /a JSON indent of 1000000000/, ctx());
    assertRaises("{{ '%c' % 1114112 }}", 'OverflowError', /%c arg not in range\(0x110000\)/, ctx());
  });

  test('range() is not available, as in the CDK', () => {
    assertRaises('{{ range(10**9) | list }}', 'ValueError', /undeclared variables: \{'range'\}/, ctx());
  });

  test('deeply nested brackets are a syntax error, not a stack overflow', () => {
    const deep = `{{ ${'['.repeat(10_000)}${']'.repeat(10_000)} }}`;
    assertRaises(deep, 'TemplateSyntaxError', /nested more than 100 deep exceeds? the sandbox limit/, ctx());
    assertRaises(`{{ ${'('.repeat(5_000)}1${')'.repeat(5_000)} }}`, 'TemplateSyntaxError', /exceeds? the sandbox limit/, ctx());
    assertRaises(`{{ ${'-'.repeat(5_000)}1 }}`, 'TemplateSyntaxError', /exceeds? the sandbox limit/, ctx());
    assertRaises(`{{ ${'not '.repeat(5_000)}1 }}`, 'TemplateSyntaxError', /exceeds? the sandbox limit/, ctx());
  });

  test('unbounded recursion of macros is a RecursionError', () => {
    assertRaises(
      '{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}',
      'RecursionError',
      /maximum recursion depth of 100 exceeded/,
      ctx(),
    );
  });

  test('evaluation steps are bounded (nested loops, filters over items)', () => {
    const big = context(`{"config": {"l": [${Array.from({ length: 2000 }, (_, i) => i).join(',')}]}}`);
    const limits = { maxSteps: 100_000 };
    assertRaises('{% for a in config.l %}{% for b in config.l %}{% endfor %}{% endfor %}', 'SecurityError', /more than 100000 steps/, big, {
      limits,
    });
    assertRepr('{% for a in config.l %}{% endfor %}done', "'done'", big, { limits });
  });

  test('limits are per evaluation and configurable', () => {
    assertRaises("{{ 'a' * 101 }}", 'SecurityError', /a string of 101 characters/, ctx(), { limits: { maxStringLength: 100 } });
    assertRepr("{{ ('a' * 100) | length }}", '100', ctx(), { limits: { maxStringLength: 100 } });
    assert.throws(
      () => interpolate('{{ [0] * 11 }}', ctx(), { clock, limits: { maxCollectionSize: 10 } }),
      (error: unknown) => error instanceof PythonError && error.pyClass === 'SecurityError',
    );
  });
});
