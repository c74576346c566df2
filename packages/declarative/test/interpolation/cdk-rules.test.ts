// The Python CDK's JinjaInterpolation rules around rendering: reserved aliases, the stream_state
// ban, the undeclared-variables check, TypeError meaning "not a template", defaults, literal_eval
// and valid_types, and the injectable clock.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  compileTemplate,
  fixedClock,
  interpolate,
  PyFloat,
  PythonError,
  pythonRepr,
  StreamSlice,
  systemClock,
} from '../../src/interpolation/index.js';
import { assertRaises, assertRepr, clock, context, evaluate } from './helpers.js';

const typical = context(`{
  "config": {"api_key": "secret-key", "page_size": "100", "start": "2024-01-01T00:00:00Z"},
  "stream_slice": {"__type__": "StreamSlice", "partition": {"parent_id": "p1"}, "cursor_slice": {"start_time": "2024-01-01"}},
  "response": {"next": null, "data": []}
}`);

describe('CDK interpolation rules', () => {
  test('rendered text goes through ast.literal_eval', () => {
    assertRepr('{{ config.page_size }}', '100', typical);
    assertRepr("{{ '[1, 2]' }}", '[1, 2]', typical);
    assertRepr("{{ '007' }}", "'007'", typical);
    assertRepr('{{ 1 }}{{ 2 }}', '12', typical);
    assertRepr('{% for x in [1, 2] %}{{ x }},{% endfor %}', '(1, 2)', typical);
    assertRepr("{{ '1j' }}", "'1j'", typical);
  });

  test('an empty result or an UndefinedError falls back to the default, itself a template', () => {
    assertRepr("{{ '' }}", 'None', typical);
    assertRepr("{{ '' }}", "'fallback'", typical, { default: 'fallback' });
    assertRepr('{{ config.missing }}', '100', typical, { default: '{{ config.page_size }}' });
    assertRepr('{{ config.missing.deeper }}', 'None', typical);
    assertRepr('{{ config.missing.deeper }}', '5', typical, { default: 5 });
    assertRaises('{{ config.missing.deeper }}', 'UndefinedError', /'dict object' has no attribute 'missing'/, typical, {
      default: '{{ config.missing.deeper }}',
    });
  });

  test('a TypeError while rendering means the text is not a template: it is returned as written', () => {
    assertRepr("{{ 1 + 'a' }}", `"{{ 1 + 'a' }}"`, typical);
    assertRepr("{{ max(1, 'a') }}", `"{{ max(1, 'a') }}"`, typical);
    assertRepr("[1, {{ 1 + 'a' }}]", `"[1, {{ 1 + 'a' }}]"`, typical);
    // literal_eval's own TypeError (an unhashable dict key) is not caught by the CDK.
    assertRaises("{{ '{[1]: 2}' }}", 'TypeError', /unhashable type: 'list'/, typical);
  });

  test('variables the context lacks are a ValueError naming them in CPython set order, without the context (it holds secrets)', () => {
    const error = assertRaises(
      '{{ next_page_token.x ~ record.y }}',
      'ValueError',
      /^Jinja macro has undeclared variables: \{'record', 'next_page_token'\}\./,
      typical,
    );
    assert.doesNotMatch(error.message, /secret-key/);
    assert.match(error.message, /Available variables: config, stream_slice, response, stream_interval, stream_partition/);
    assertRaises('{{ range(3) | list }}', 'ValueError', /undeclared variables: \{'range'\}/, typical);
    assertRaises("{{ foo | default('d') }}", 'ValueError', /undeclared variables: \{'foo'\}/, typical);
    assertRepr('{{ config.missing is defined }}', 'False', typical);
  });

  test('stream_partition and stream_interval come from stream_slice; passing them is a CDK bug', () => {
    assertRepr('{{ stream_partition.parent_id }}', "'p1'", typical);
    assertRepr("{{ stream_interval['start_time'] }}", "'2024-01-01'", typical);
    assertRepr('{{ stream_slice._partition }}', "{'parent_id': 'p1'}", typical);
    assertRaises('{{ stream_partition.x }}', 'ValueError', /undeclared variables: \{'stream_partition'\}/, context('{"config": {}}'));
    assertRaises(
      '{{ 1 }}',
      'ValueError',
      /^Found reserved keyword stream_interval in interpolation context/,
      context('{"config": {}, "stream_interval": {}}'),
    );
  });

  test('templates mentioning stream_state are refused as a config error, even outside {{ }}', () => {
    for (const template of ["{{ stream_state.get('x') }}", 'my_stream_state_field']) {
      const error = assertRaises(template, 'AirbyteTracedException', /`stream_state` is no longer supported for interpolation/, typical);
      assert.equal(error.failureType, 'config_error');
    }
  });

  test('valid_types keeps the literal only when it has one of the types (bool is an int, as in Python)', () => {
    assertRepr("{{ 'True' }}", 'True', typical, { validTypes: ['bool'] });
    assertRepr('{{ 5 }}', "'5'", typical, { validTypes: ['str'] });
    assertRepr('{{ True }}', 'True', typical, { validTypes: ['int'] });
    assertRepr('{{ 1.5 }}', "'1.5'", typical, { validTypes: ['int'] });
    assertRepr('{{ None }}', 'None', typical, { validTypes: ['none'] });
  });

  test('the clock is injectable; the default is the system clock (so a faked process clock applies)', () => {
    assertRepr('{{ now_utc() }}', "'2024-06-15 12:34:56.789012+00:00'", typical);
    assertRepr("{{ now_utc().strftime('%s') }}", '1718454896', typical, { clock: fixedClock('2024-06-15T12:34:56Z') });
    const before = Date.now();
    const now = interpolate("{{ now_utc().strftime('%s') }}", typical) as number;
    assert.ok(Math.abs(now * 1000 - before) < 5000, `${now} is now`);
    assert.ok(Math.abs(systemClock() / 1000 - Date.now()) < 1000);
  });

  test('a compiled template evaluates many times without re-parsing, each with its own context', () => {
    const compiled = compileTemplate("{{ record['id'] ~ '-' ~ config['region'] }}");
    const config = { region: 'eu' };
    assert.equal(compiled.evaluate({ config, record: { id: 1 } }), '1-eu');
    assert.equal(compiled.evaluate({ config, record: { id: 2 } }), '2-eu');
    assert.deepEqual(compiled.undeclared, ['record', 'config']);
    assert.equal(compiled.render({ config, record: { id: 3 } }, { clock }), '3-eu');
  });

  test('plain JavaScript values work as a context: whole numbers are ints, others floats', () => {
    const ctx = { config: { n: 3, f: 2.5 }, stream_slice: new StreamSlice({ a: 1 }, {}) };
    assert.equal(interpolate('{{ config.n * 2 }}', ctx), 6);
    assert.equal(pythonRepr(interpolate('{{ config.f * 2 }}', ctx)), '5.0');
    assert.ok(interpolate('{{ config.f * 2 }}', ctx) instanceof PyFloat);
    assert.equal(interpolate('{{ stream_partition.a }}', ctx), 1);
  });

  test("errors are PythonError with the Python class and Python's message", () => {
    try {
      evaluate('{{ 1 / 0 }}', typical);
      assert.fail('no error');
    } catch (error) {
      assert.ok(error instanceof PythonError);
      assert.equal(error.pyClass, 'ZeroDivisionError');
      assert.equal(String(error), 'ZeroDivisionError: division by zero');
    }
  });
});
