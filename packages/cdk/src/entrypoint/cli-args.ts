import { Command, CommanderError } from 'commander';
import { ConnectorError } from '../errors/connector-error.js';

/** One parsed invocation of the Airbyte command-line contract. */
export type CliCommand =
  | { command: 'spec'; debug: boolean }
  | { command: 'check' | 'discover'; config: string; debug: boolean }
  | { command: 'read'; config: string; catalog: string; state?: string; debug: boolean };

const USAGE =
  'usage: spec | check --config <path> | discover --config <path> | read --config <path> --catalog <path> [--state <path>] [--debug]';

/**
 * Parses argv the way the Airbyte platform calls a source. Problems (no command, an unknown
 * one, a missing flag) become a `config_error` that names the problem and shows the usage.
 * `--help` output is returned as text for the caller to print.
 */
export function parseCliArgs(argv: readonly string[]): CliCommand | { help: string } {
  let parsed: CliCommand | undefined;
  let helpText = '';
  const program = new Command('source')
    .description('An Airbyte source connector built with Tributary')
    .exitOverride()
    .configureOutput({ writeOut: (text) => (helpText += text), writeErr: () => {}, outputError: () => {} })
    .showSuggestionAfterError(true)
    .allowExcessArguments(false);
  const debug = (options: { debug?: boolean }) => options.debug === true;

  program
    .command('spec')
    .description('print the connector specification')
    .option('--debug', 'enable debug logging')
    .action((options: { debug?: boolean }) => {
      parsed = { command: 'spec', debug: debug(options) };
    });
  for (const name of ['check', 'discover'] as const) {
    program
      .command(name)
      .description(name === 'check' ? 'check that the config can connect' : 'print the catalog of streams')
      .requiredOption('--config <path>', 'path to the config JSON file')
      .option('--debug', 'enable debug logging')
      .action((options: { config: string; debug?: boolean }) => {
        parsed = { command: name, config: options.config, debug: debug(options) };
      });
  }
  program
    .command('read')
    .description('read records')
    .requiredOption('--config <path>', 'path to the config JSON file')
    .requiredOption('--catalog <path>', 'path to the configured catalog JSON file')
    .option('--state <path>', 'path to the state JSON file')
    .option('--debug', 'enable debug logging')
    .action((options: { config: string; catalog: string; state?: string; debug?: boolean }) => {
      parsed = { command: 'read', config: options.config, catalog: options.catalog, debug: debug(options) };
      if (options.state !== undefined) parsed.state = options.state;
    });

  if (argv.length === 0) throw ConnectorError.config(`No command given. ${USAGE}`);
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help' || error.code === 'commander.version') {
        return { help: helpText };
      }
      // Commander's messages may span lines ("(Did you mean spec?)") and end with a period.
      const reason = error.message
        .replace(/^error: /, '')
        .replace(/\s*\n\s*/g, ' ')
        .replace(/\.+$/, '');
      throw ConnectorError.config(`Invalid command line: ${reason}. ${USAGE}`);
    }
    throw error;
  }
  if (parsed === undefined) throw ConnectorError.config(`No command given. ${USAGE}`);
  return parsed;
}
