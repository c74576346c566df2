import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type CliCommand, parseCliArgs } from '../../src/entrypoint/cli-args.js';
import { ConnectorError } from '../../src/errors/connector-error.js';

function parse(...argv: string[]): CliCommand {
  const result = parseCliArgs(argv);
  assert.ok(!('help' in result), 'expected a command, got help text');
  return result;
}

/** Asserts a config_error whose message names the problem and shows the usage. */
function assertCliError(argv: string[], problem: RegExp): void {
  assert.throws(
    () => parseCliArgs(argv),
    (error: unknown) => {
      assert.ok(error instanceof ConnectorError, `expected a ConnectorError, got ${String(error)}`);
      assert.equal(error.failureType, 'config_error');
      assert.match(error.message, problem);
      assert.match(
        error.message,
        /usage: spec \| check --config <path> \| discover --config <path> \| read --config <path> --catalog <path>/,
      );
      assert.doesNotMatch(error.message, /\n|\.\.| {2}/, 'one tidy line');
      return true;
    },
    argv.join(' '),
  );
}

describe('commands', () => {
  test('spec', () => {
    assert.deepEqual(parse('spec'), { command: 'spec', debug: false });
  });

  test('check and discover take --config', () => {
    assert.deepEqual(parse('check', '--config', 'secrets/config.json'), { command: 'check', config: 'secrets/config.json', debug: false });
    assert.deepEqual(parse('discover', '--config', 'c.json'), { command: 'discover', config: 'c.json', debug: false });
  });

  test('read takes --config and --catalog; --state is optional', () => {
    assert.deepEqual(parse('read', '--config', 'c.json', '--catalog', 'cat.json'), {
      command: 'read',
      config: 'c.json',
      catalog: 'cat.json',
      debug: false,
    });
    assert.equal('state' in parse('read', '--config', 'c.json', '--catalog', 'cat.json'), false);
    assert.deepEqual(parse('read', '--state', 's.json', '--catalog', 'cat.json', '--config', 'c.json'), {
      command: 'read',
      config: 'c.json',
      catalog: 'cat.json',
      state: 's.json',
      debug: false,
    });
  });

  test('--debug works with every command', () => {
    assert.equal(parse('spec', '--debug').debug, true);
    assert.equal(parse('check', '--debug', '--config', 'c.json').debug, true);
    assert.equal(parse('discover', '--config', 'c.json', '--debug').debug, true);
    assert.equal(parse('read', '--config', 'c.json', '--catalog', 'k.json', '--debug').debug, true);
  });

  test('--option=value is accepted', () => {
    assert.deepEqual(parse('check', '--config=c.json'), { command: 'check', config: 'c.json', debug: false });
  });

  test('--help returns the help text instead of throwing', () => {
    const result = parseCliArgs(['--help']);
    assert.ok('help' in result);
    assert.match(result.help, /spec/);
    assert.match(result.help, /read/);
    const readHelp = parseCliArgs(['read', '--help']);
    assert.ok('help' in readHelp);
    assert.match(readHelp.help, /--catalog <path>/);
  });
});

describe('problems are config errors naming the problem', () => {
  test('no arguments at all', () => {
    assertCliError([], /^No command given\./);
  });

  test('an unknown command', () => {
    assertCliError(['sync', '--config', 'c.json'], /unknown command 'sync'/);
  });

  test('a misspelt command gets a suggestion', () => {
    assertCliError(['chek', '--config', 'c.json'], /unknown command 'chek' \(Did you mean check\?\)/);
  });

  test('check and discover without --config', () => {
    assertCliError(['check'], /required option '--config <path>' not specified/);
    assertCliError(['discover', '--debug'], /required option '--config <path>' not specified/);
  });

  test('read without --config or without --catalog', () => {
    assertCliError(['read', '--catalog', 'k.json'], /required option '--config <path>' not specified/);
    assertCliError(['read', '--config', 'c.json'], /required option '--catalog <path>' not specified/);
  });

  test('an option without its value', () => {
    assertCliError(['check', '--config'], /option '--config <path>' argument missing/);
  });

  test('an unknown option', () => {
    assertCliError(['spec', '--verbose'], /unknown option '--verbose'/);
    assertCliError(['check', '--config', 'c.json', '--state', 's.json'], /unknown option '--state'/);
  });

  test('--debug before the command is not an option of the program', () => {
    assertCliError(['--debug', 'spec'], /unknown option '--debug'/);
  });

  test('an extra argument', () => {
    assertCliError(['check', '--config', 'c.json', 'extra.json'], /too many arguments for 'check'/);
  });
});
