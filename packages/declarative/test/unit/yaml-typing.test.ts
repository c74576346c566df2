/**
 * Plain scalars are typed as PyYAML's `safe_load` types them (YAML 1.1). Every expected value
 * below was checked against PyYAML 6.0.3; the comments name where YAML 1.1 parsers (and the
 * `yaml` package's 1.1 schema) disagree with it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ManifestError } from '../../src/manifest/manifest-error.js';
import { loadYaml } from '../../src/yaml/load-yaml.js';
import { YamlTimestamp } from '../../src/yaml/yaml-timestamp.js';

function scalar(text: string): unknown {
  return (loadYaml(`v: ${text}\n`) as { v: unknown }).v;
}

describe('PyYAML safe_load typing', () => {
  test('booleans are yes/no/true/false/on/off; y and n stay strings', () => {
    for (const [text, value] of [
      ['yes', true],
      ['No', false],
      ['ON', true],
      ['off', false],
      ['True', true],
      ['FALSE', false],
    ] as const) {
      assert.equal(scalar(text), value, text);
    }
    for (const text of ['y', 'n', 'Y', 'N']) assert.equal(scalar(text), text);
  });

  test('null is ~, null and an empty value', () => {
    for (const text of ['~', 'null', 'NULL', '']) assert.equal(scalar(text), null, text);
  });

  test('a float needs a dot, and an exponent needs its sign', () => {
    assert.equal(scalar('1.5'), 1.5);
    assert.equal(scalar('1.'), 1);
    assert.equal(scalar('.5'), 0.5);
    assert.equal(scalar('1.0e+5'), 100000);
    assert.equal(scalar('1_0.5'), 10.5);
    assert.equal(scalar('1:30.5'), 90.5);
    assert.equal(scalar('.inf'), Number.POSITIVE_INFINITY);
    assert.equal(scalar('-.inf'), Number.NEGATIVE_INFINITY);
    assert.ok(Number.isNaN(scalar('.nan')));
    for (const text of ['1e5', '1.0e5', '-.5', 'E164']) assert.equal(scalar(text), text, text);
  });

  test('integers: binary, hex, octal, underscores and sexagesimal; 09 and 0o17 stay strings', () => {
    const cases: Array<[string, number]> = [
      ['1_000', 1000],
      ['0b1010', 10],
      ['0x1F', 31],
      ['017', 15],
      ['0', 0],
      ['+12', 12],
      ['-7', -7],
      ['1:30', 90],
      ['190:20:30', 685230],
    ];
    for (const [text, value] of cases) assert.equal(scalar(text), value, text);
    for (const text of ['09', '0o17']) assert.equal(scalar(text), text, text);
  });

  test('timestamps become typed values that print as Python prints them; 2024-1-5 stays a string', () => {
    const date = scalar('2024-06-15');
    assert.ok(date instanceof YamlTimestamp);
    assert.equal(JSON.stringify(date), '"2024-06-15"');
    assert.equal(JSON.stringify(scalar('2024-06-15 12:30:00')), '"2024-06-15T12:30:00"');
    assert.equal(JSON.stringify(scalar('2024-06-15T12:30:00Z')), '"2024-06-15T12:30:00+00:00"');
    assert.equal(JSON.stringify(scalar('2024-06-15T12:30:00.5+02:00')), '"2024-06-15T12:30:00.500000+02:00"');
    assert.equal(scalar('2024-1-5'), '2024-1-5');
    assert.throws(() => scalar('2024-02-30'), ManifestError);
  });

  test('quoted scalars are always strings', () => {
    assert.equal(scalar('"yes"'), 'yes');
    assert.equal(scalar("'017'"), '017');
    assert.equal(scalar('"2024-06-15"'), '2024-06-15');
  });

  test('merge keys, anchors and repeated keys (the last wins) work as in PyYAML', () => {
    const loaded = loadYaml('base: &b {a: 1, b: 2}\nchild:\n  <<: *b\n  b: 3\nk: 1\nk: 2\n') as Record<string, unknown>;
    assert.deepEqual(loaded.child, { a: 1, b: 3 });
    assert.equal(loaded.k, 2);
  });

  test('a plain = cannot be constructed by safe_load, and bad YAML reports its line and column', () => {
    assert.throws(() => scalar('='), /could not determine a constructor/);
    assert.throws(
      () => loadYaml('a: 1\n  b: 2\n', 'm.yaml'),
      (error: unknown) => error instanceof ManifestError && error.issues[0].line === 2 && error.issues[0].file === 'm.yaml',
    );
    assert.equal(loadYaml('# only a comment\n'), null);
  });
});
