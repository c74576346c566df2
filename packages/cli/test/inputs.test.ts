/**
 * The JSON inputs of every command (`--config`, `--catalog`, `--state`, the discover config of
 * `tributary metadata`) go through one reader: inline or from a file, bounded in depth, with
 * errors that name the input and never quote it. The commands' own tests check their exit codes.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { configOrConventional, readConfig } from '../src/inputs/config-input.js';
import { readJsonInput } from '../src/inputs/json-input.js';
import { readList } from '../src/inputs/list-input.js';
import { tempDir } from './helpers/cli.js';

const CONFIG = { what: 'config', inlineOption: '--config', shape: 'object' } as const;

describe('readJsonInput', () => {
  const { dir, cleanup } = tempDir('inputs');
  after(cleanup);

  test('inline JSON (after blanks) or a file, which it names as the source', () => {
    assert.deepEqual(readJsonInput('  {"count": 1}', CONFIG), { value: { count: 1 }, file: undefined });
    const file = join(dir, 'config.json');
    writeFileSync(file, '{"count": 2}');
    assert.deepEqual(readJsonInput(file, CONFIG), { value: { count: 2 }, file });
  });

  test('without an inline option, or for an array where only objects are inline, the argument is a file name', () => {
    assert.throws(
      () => readJsonInput('{"streams": []}', { what: 'catalog' }),
      /^Error: cannot read catalog file \{"streams": \[\]\}: the file does not exist$/,
    );
    assert.throws(() => readJsonInput('[1]', CONFIG), /cannot read config file \[1\]: the file does not exist/);
    assert.deepEqual(readJsonInput(' [{"type": "STREAM"}]', { what: 'state', inlineOption: '--state', shape: 'object or array' }).value, [
      { type: 'STREAM' },
    ]);
  });

  test('a file it cannot read: which file, and why, in words', () => {
    assert.throws(() => readJsonInput(join(dir, 'absent.json'), CONFIG), /cannot read config file .*absent\.json: the file does not exist/);
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    assert.throws(() => readJsonInput(folder, CONFIG), /cannot read config file .*a-folder: it is a directory/);
  });

  test('JSON that does not parse: named, with the safe part of the reason, never the text', () => {
    const secret = 'sk_live_0123456789';
    const file = join(dir, 'broken.json');
    writeFileSync(file, `{"api_key": ${secret}}`);
    for (const [argument, name] of [
      [`{"api_key": ${secret}}`, 'the --config JSON'],
      [file, `config file ${file}`],
    ] as const) {
      assert.throws(
        () => readJsonInput(argument, CONFIG),
        (error: Error) => {
          assert.equal(error.message, `${name} is not valid JSON (unexpected token)`);
          return !error.message.includes(secret);
        },
      );
    }
  });

  test('JSON nested deeper than the runner reads: where', () => {
    const deep = `${'['.repeat(1001)}${']'.repeat(1001)}`;
    assert.throws(
      () => readJsonInput(`{"a": ${deep}}`, CONFIG),
      /^Error: the --config JSON nests deeper than 1000 levels \(at character 1006\)/,
    );
  });

  test('the wrong kind of value', () => {
    const file = join(dir, 'array.json');
    writeFileSync(file, '[1]');
    assert.throws(() => readJsonInput(file, CONFIG), new RegExp(`config file ${file} must be a JSON object$`));
    assert.throws(
      () => readJsonInput('"x"', { what: 'state', inlineOption: '--state', shape: 'object or array' }),
      /cannot read state file "x"/,
    );
    writeFileSync(file, '"x"');
    assert.throws(() => readJsonInput(file, { what: 'state', shape: 'object or array' }), /state file .* must be a JSON object or array$/);
    assert.deepEqual(readJsonInput(file, { what: 'catalog' }).value, 'x', 'without a shape, any JSON value: the caller checks it');
  });
});

describe('the config', () => {
  const { dir, cleanup } = tempDir('config-input');
  after(cleanup);

  test('--config when given; none is an empty config', () => {
    assert.deepEqual(readConfig(undefined), { config: {}, file: undefined });
    assert.deepEqual(readConfig('{"count": 3}'), { config: { count: 3 }, file: undefined });
  });

  test("else the connector's conventional file, when it has one", () => {
    assert.equal(configOrConventional(dir, undefined), undefined);
    mkdirSync(join(dir, 'secrets'));
    writeFileSync(join(dir, 'secrets/config.json'), '{"count": 4}');
    assert.deepEqual(configOrConventional(dir, undefined), { config: { count: 4 }, file: join(dir, 'secrets/config.json') });
    assert.deepEqual(configOrConventional(dir, '{"count": 5}')?.config, { count: 5 });
    assert.equal(configOrConventional(dir, undefined, 'integration_tests/invalid_config.json'), undefined);
  });
});

test('a list option: comma-separated, blanks dropped', () => {
  assert.equal(readList(undefined), undefined);
  assert.deepEqual(readList(' users, purchases,,'), ['users', 'purchases']);
  assert.deepEqual(readList(''), []);
});
