/** The `tributary` command line: its commands, options and help text. */
import { maskStream, secretMasker } from '@tributary/cdk/runtime';
import { Command, CommanderError } from 'commander';
import { register as registerBuildImage } from './commands/build-image.js';
import { register as registerInferSchema } from './commands/infer-schema.js';
import { register as registerManifest } from './commands/manifest-validate.js';
import { register as registerNew } from './commands/new-connector.js';
import { sqlCommand } from './commands/sql.js';
import { register as registerStudio } from './commands/studio.js';
import { syncCommand } from './commands/sync.js';
import { register as registerTest } from './commands/test-connector.js';
import { STOP_GRACE_MS } from './connectors/process-group.js';
import { DEFAULT_COMMIT_POLICY } from './destinations/duckdb/commit-policy.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './exit-codes.js';
import type { Output } from './output.js';

const SYNC_EXAMPLES = `
Examples:
  tributary sync connectors/source-faker --config '{"count": 100000}'
  tributary sync connectors/source-faker --config faker.json --streams users,purchases
  tributary sync connectors/source-faker --full-refresh --to duckdb:/tmp/faker.duckdb
  tributary sync --command "node connectors/source-faker/dist/main.js" --config faker.json
  tributary sync --image airbyte/source-faker:6.2.1 --config '{"count": 1000}'
  tributary sync source-pokeapi/manifest.yaml --config '{"pokemon_name": "ditto"}'

The connector is a Tributary connector package folder (loaded in this process; package.json
"tributary": {"source": "./dist/index.js", "export": "MySource"} names the Source class, else
the package's single exported Source subclass is used), an Airbyte declarative manifest (a .yaml
or .yml file, run in this process by @tributary/declarative; the DuckDB file is named after the
file, or after its folder for a manifest.yaml), or any Airbyte source executable (--command), or
an Airbyte connector image (--image, run with docker run -i --rm).

Streams are written by their destination sync mode: overwrite (a new table replaces the old one
when the stream completes), append, or append_dedup (latest record per primary key, by cursor).
Each STATE is committed with the records before it in _tributary_state and passed back on the
next sync, so incremental streams resume; --full-refresh ignores it and replaces every table.

Environment: TRIBUTARY_COMMIT_INTERVAL_MS (commit at the first STATE after this long, default
${DEFAULT_COMMIT_POLICY.intervalMs}), TRIBUTARY_COMMIT_ROWS (or once a batch has this many rows, default ${DEFAULT_COMMIT_POLICY.minRows}),
TRIBUTARY_DEBUG=1 (log every commit).

Ctrl-C (or SIGTERM) stops the connector (its whole process group; SIGKILL after ${STOP_GRACE_MS / 1000} s) and
commits what was read up to each stream's last state; a second Ctrl-C quits at once.

Exit code: 0 when every stream synced, 1 when the connector or the destination failed (what was
committed stays), 2 for a wrong command line, 130 (SIGINT) or 143 (SIGTERM) when interrupted.`;

const SQL_EXAMPLES = `
Examples:
  tributary sql .tributary/source-faker.duckdb "SELECT * FROM users LIMIT 5"
  tributary sql source-faker "SELECT count(*) FROM purchases"
  tributary sql source-faker "SELECT * FROM _tributary_state" --format json`;

export function buildProgram(output: Output, setExitCode: (code: number) => void): Command {
  const program = new Command('tributary')
    .description('Run Airbyte source connectors locally and look at the data: sync into an embedded DuckDB, query it with SQL.')
    .version('0.1.0', '-V, --version')
    .showHelpAfterError()
    .configureOutput({
      writeOut: (text) => output.stdout.write(text),
      writeErr: (text) => output.stderr.write(text),
    })
    .exitOverride()
    .addHelpText(
      'after',
      `
Examples:
  npm start                                             # the faker demo: sync, summary, a query
  tributary sync connectors/source-faker --config '{"count": 1000}'
  tributary sql source-faker "SELECT * FROM users LIMIT 5"`,
    );

  program
    .command('sync')
    .description('read a connector into a DuckDB file, resuming from the state of the previous sync')
    .argument('[connector]', 'a Tributary connector package folder, or an Airbyte manifest.yaml (loaded in-process)')
    .option('--command <cmd>', 'an Airbyte source executable, run as a child process ("<cmd> read --config ...")')
    .option('--image <image>', 'an Airbyte source image, run with docker run -i --rm')
    .option('--config <file|json>', 'the connector config: a JSON file, or inline JSON')
    .option('--catalog <file>', 'a configured catalog to use instead of the one built from discover')
    .option('--streams <a,b>', 'sync only these streams')
    .option('--full-refresh', 'ignore stored state: read everything and replace the tables')
    .option('--to <duckdb:path>', 'the DuckDB file: duckdb:<path>, or a path without a scheme (default .tributary/<connector>.duckdb)')
    .option('--progress <mode>', 'auto (live view on a terminal, plain lines otherwise), tty, plain or none', 'auto')
    .option('--progress-interval <seconds>', 'how often plain progress lines are printed', '10')
    .option('--verbose', 'also print the connector INFO logs')
    .addHelpText('after', SYNC_EXAMPLES)
    .action(async (connector: string | undefined, options) => {
      setExitCode(await syncCommand(connector, options, output));
    });

  program
    .command('sql')
    .description('run a SQL query on a DuckDB file and print the result')
    .argument('<db>', 'a DuckDB file, or a connector name for .tributary/<name>.duckdb')
    .argument('<query>', 'the SQL query')
    .option('--format <format>', 'table, csv or json (one object per line)', 'table')
    .option('--max-rows <n>', 'rows shown as a table', '100')
    .option('--max-width <n>', 'characters shown per value in a table', '40')
    .addHelpText('after', SQL_EXAMPLES)
    .action(async (db: string, query: string, options) => {
      setExitCode(await sqlCommand(db, query, options, output));
    });
  registerNew(program);
  registerTest(program);
  registerInferSchema(program);
  registerBuildImage(program);
  registerManifest(program, output, setExitCode);
  registerStudio(program, output, setExitCode);
  return program;
}

/**
 * Runs the command line; resolves to the exit code. Everything written to stdout and stderr
 * meanwhile, by the runner or by a connector loaded in-process, goes through the CDK's secret
 * masker, to which commands add the secrets they learn from a connector's spec and config.
 */
export async function run(argv: string[], output: Output): Promise<number> {
  const unmask = [maskStream(output.stdout, secretMasker), maskStream(output.stderr, secretMasker)];
  let exitCode = 0;
  const program = buildProgram(output, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    // Commander has printed its own message (unknown option, missing argument, --help).
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    output.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return error instanceof UsageError ? EXIT_USAGE : EXIT_FAILURE;
  } finally {
    for (const undo of unmask) undo();
  }
}
