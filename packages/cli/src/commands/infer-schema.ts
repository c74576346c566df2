/**
 * `tributary infer-schema <connector> --stream <name>`: reads some records of a stream and
 * writes a draft JSON Schema for it (`schemas/<name>.json`); `--types` writes the record types
 * of every stream (`src/schema-types.ts`) from the discovered schemas, so `Stream<R>` and
 * `readRecords` are type-checked against the schemas.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { type JsonSchema, recordTypesModule } from '@tributary/cdk';
import type { Command } from 'commander';
import { loadTestTarget } from '../connectors/connector-test-kit.js';
import { UsageError } from '../exit-codes.js';
import { configOrConventional } from '../inputs/config-input.js';

export interface InferSchemaCommandOptions {
  stream?: string;
  types?: boolean;
  config?: string;
  records?: string;
  out?: string;
  typesOut?: string;
  force?: boolean;
  export?: string;
  nullable?: string;
}

export interface InferSchemaOutcome {
  /** Files written, relative to the connector folder. */
  written: string[];
  /** The inferred schema, with `--stream`. */
  schema?: JsonSchema;
  /** How many records it was inferred from. */
  recordCount?: number;
  /** The generated types module, with `--types`. */
  types?: string;
}

export async function inferSchemaCommand(folder: string, options: InferSchemaCommandOptions): Promise<InferSchemaOutcome> {
  if (options.stream === undefined && !options.types)
    throw new UsageError('give --stream <name> (infer its schema), --types (generate record types), or both');
  const connector = await loadTestTarget(folder, options.export);
  const { dir, kit } = connector;
  const config = configOrConventional(dir, options.config)?.config ?? {};
  const outcome: InferSchemaOutcome = { written: [] };
  if (options.nullable !== undefined && options.nullable !== 'always' && options.nullable !== 'observed') {
    throw new UsageError(`--nullable takes always or observed, got '${options.nullable}'`);
  }

  if (options.stream !== undefined) {
    const limit = Number(options.records ?? '1000');
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--records takes a positive integer, got '${options.records}'`);
    const result = await kit.read(connector.create(), { config: { ...config, _limit: limit }, streams: [options.stream] });
    if (result.exitCode !== 0) throw new Error(`reading stream '${options.stream}' failed: ${result.describeErrors()}`);
    const records = result.recordsOf(options.stream);
    if (records.length === 0) throw new Error(`stream '${options.stream}' has no records to infer a schema from`);
    const schema = kit.inferSchema(records, { nullable: (options.nullable as 'always' | 'observed' | undefined) ?? 'always' });
    outcome.schema = schema;
    outcome.recordCount = records.length;
    const target = resolve(dir, options.out ?? join('schemas', `${options.stream}.json`));
    writeFile(target, `${JSON.stringify(schema, null, 2)}\n`, options.force === true);
    outcome.written.push(relative(dir, target));
  }

  if (options.types) {
    const discovered = await kit.discover(connector.create(), { config });
    if (discovered.exitCode !== 0) throw new Error(`discover failed, so there are no schemas to type: ${discovered.describeErrors()}`);
    // A schema just inferred into the stream's own file is what discover will print from now on.
    const replaced = options.out === undefined ? outcome.schema : undefined;
    const streams = discovered.catalog.streams.map((stream) =>
      stream.name === options.stream && replaced !== undefined ? { name: stream.name, json_schema: replaced } : stream,
    );
    const types = recordTypesModule(streams, `of ${connector.name}`);
    outcome.types = types;
    const target = resolve(dir, options.typesOut ?? join('src', 'schema-types.ts'));
    writeFile(target, types, true);
    outcome.written.push(relative(dir, target));
  }
  return outcome;
}

/** Adds `tributary infer-schema` to the program. */
export function register(program: Command): Command {
  return program
    .command('infer-schema')
    .description("draft a stream's JSON Schema from its records, and/or generate TypeScript record types from the schemas")
    .argument('<connector>', 'a built Tributary connector package folder, or an Airbyte manifest.yaml')
    .option('--stream <name>', "read this stream and write schemas/<name>.json (in the connector's folder)")
    .option('--types', 'write the record type of every stream (UsersRecord…) to src/schema-types.ts')
    .option('--config <file|json>', 'the config (default: <connector>/secrets/config.json)')
    .option('--records <n>', 'how many records to read', '1000')
    .option('--out <file>', 'where to write the schema (default: schemas/<name>.json)')
    .option('--types-out <file>', 'where to write the types (default: src/schema-types.ts)')
    .option('--nullable <mode>', 'always (every property may be null, the Airbyte convention) or observed', 'always')
    .option('--force', 'overwrite an existing schema file')
    .option('--export <name>', 'the exported Source class, when the package exports several')
    .addHelpText(
      'after',
      `
Examples:
  tributary infer-schema connectors/source-acme --stream invoices --config secrets/config.json
  tributary infer-schema . --types
  tributary infer-schema source-pokeapi/manifest.yaml --stream pokemon --config secrets/config.json

The schema is a draft that accepts every record read: review it (formats, enums, required) before
committing. Types come from the schemas discover prints ($refs resolved); rebuild the connector first.`,
    )
    .action(async (connector: string, options: InferSchemaCommandOptions) => {
      const outcome = await inferSchemaCommand(connector, options);
      const output = program.configureOutput();
      const lines: string[] = [];
      if (outcome.recordCount !== undefined) lines.push(`Inferred the schema of '${options.stream}' from ${outcome.recordCount} records.`);
      for (const file of outcome.written) lines.push(`Wrote ${file}`);
      const text = `${lines.join('\n')}\n`;
      if (output.writeOut) output.writeOut(text);
      else process.stdout.write(text);
    });
}

function writeFile(path: string, content: string, overwrite: boolean): void {
  if (!overwrite && existsSync(path)) throw new Error(`${path} exists; pass --force to overwrite it`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}
