/**
 * `tributary test <connector>`: runs the acceptance suite of `@tributary/cdk/testing` against a
 * built connector package, in this process, and prints a pass/fail table.
 */

import { join, relative } from 'node:path';
import type { AirbyteState } from '@tributary/cdk';
import type { AcceptanceReport, CheckId } from '@tributary/cdk/testing';
import type { Command } from 'commander';
import { maskConnectorSecrets } from '../connectors/connector-secrets.js';
import { loadTestTarget } from '../connectors/connector-test-kit.js';
import { UsageError } from '../exit-codes.js';
import { configOrConventional } from '../inputs/config-input.js';
import { readJsonInput } from '../inputs/json-input.js';
import { readList } from '../inputs/list-input.js';

export interface TestConnectorOptions {
  config?: string;
  invalidConfig?: string;
  state?: string;
  streams?: string;
  emptyStreams?: string;
  skip?: string;
  export?: string;
  timeout?: string;
  json?: boolean;
}

/**
 * Runs the acceptance checks of the connector in `folder` (a package folder or a manifest); the report says what passed. Its
 * failures may quote records and configs: the config secrets are masked in what is printed.
 */
export async function testConnector(
  folder: string,
  options: TestConnectorOptions,
  warn: (message: string) => void = (message) => process.stderr.write(`warning: ${message}\n`),
): Promise<{ report: AcceptanceReport; text: string }> {
  const connector = await loadTestTarget(folder, options.export);
  const { dir, kit } = connector;
  const config = configOrConventional(dir, options.config)?.config;
  if (config === undefined) {
    throw new UsageError(
      `give the connector's config with --config (a file or inline JSON), or put it in ${relativeToCwd(join(dir, 'secrets/config.json'))}`,
    );
  }
  const invalidConfig = configOrConventional(dir, options.invalidConfig, 'integration_tests/invalid_config.json')?.config;
  await maskConnectorSecrets({ spec: async () => connector.create().spec() }, [config, invalidConfig ?? {}], (_, message) =>
    warn(message),
  ).catch(() => undefined); // A spec that cannot be read fails the spec check, which says why.
  const skip: Partial<Record<CheckId, string>> = {};
  for (const id of readList(options.skip) ?? []) {
    if (!(kit.CHECK_IDS as readonly string[]).includes(id))
      throw new UsageError(`--skip: no check '${id}'; the checks are ${kit.CHECK_IDS.join(', ')}`);
    skip[id as CheckId] = 'skipped with --skip';
  }
  const timeoutSeconds = options.timeout === undefined ? undefined : Number(options.timeout);
  if (timeoutSeconds !== undefined && !(timeoutSeconds > 0))
    throw new UsageError(`--timeout takes a number of seconds, got '${options.timeout}'`);
  const report = await kit.runAcceptance(() => connector.create(), {
    name: connector.name,
    config,
    ...(invalidConfig === undefined ? {} : { invalidConfig }),
    ...(options.state === undefined ? {} : { state: readState(options.state) }),
    ...(options.streams === undefined ? {} : { streams: readList(options.streams) }),
    ...(options.emptyStreams === undefined ? {} : { emptyStreams: readList(options.emptyStreams) }),
    skip,
    ...(timeoutSeconds === undefined ? {} : { timeoutMs: timeoutSeconds * 1000 }),
  });
  return { report, text: options.json ? `${JSON.stringify(report, null, 2)}\n` : `${kit.formatReport(report)}\n` };
}

/** Adds `tributary test` to the program. */
export function register(program: Command): Command {
  return program
    .command('test')
    .description('run the acceptance checks (spec, check, discover, read, incremental) against a connector package')
    .argument('<connector>', 'a built Tributary connector package folder, or an Airbyte manifest.yaml')
    .option('--config <file|json>', "a valid config (default: secrets/config.json in the connector's folder)")
    .option(
      '--invalid-config <file|json>',
      'a config check must reject (default: <connector>/integration_tests/invalid_config.json, if any)',
    )
    .option('--state <file|json>', 'the input state the incremental reads start from')
    .option('--streams <a,b>', 'read only these streams')
    .option('--empty-streams <a,b>', 'streams allowed to have no records')
    .option('--skip <check,check>', 'checks to skip, by id (spec-secrets, full-refresh-idempotent, …)')
    .option('--export <name>', 'the exported Source class, when the package exports several')
    .option('--timeout <seconds>', 'the time limit of each check', '120')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      `
Examples:
  tributary test connectors/source-faker --config '{"count": 500}'
  tributary test . --skip full-refresh-idempotent --empty-streams archived_items
  tributary test source-pokeapi/manifest.yaml --config '{"pokemon_name": "ditto"}'

Exits 1 when a check fails. The connector is loaded like tributary sync loads it (package.json
"tributary": {"source", "export"}, or its one exported Source subclass), through its own CDK; a
manifest runs on @tributary/declarative, its conventional files next to it (secrets/config.json,
integration_tests/invalid_config.json), as in Airbyte's connector folders.`,
    )
    .action(async (connector: string, options: TestConnectorOptions) => {
      const { report, text } = await testConnector(connector, options);
      const output = program.configureOutput();
      if (output.writeOut) output.writeOut(text);
      else process.stdout.write(text);
      const failed = report.checks.filter((check) => check.status === 'fail').length;
      if (failed > 0) throw new Error(`${failed} acceptance check${failed === 1 ? '' : 's'} failed`);
    });
}

/** `--state`: a list of STATE payloads (or one legacy state object), inline or in a file. */
function readState(argument: string): AirbyteState[] {
  return readJsonInput(argument, { what: 'state', inlineOption: '--state', shape: 'object or array' }).value as AirbyteState[];
}

/** A path as the user would type it from here. */
function relativeToCwd(path: string): string {
  return relative(process.cwd(), path) || '.';
}
