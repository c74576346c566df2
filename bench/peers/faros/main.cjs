#!/usr/bin/env node
// Entry point of the faros-airbyte-cdk benchmark connector, run as `node main.cjs <command> ...`.
const { AirbyteSourceLogger, AirbyteSourceRunner } = require('faros-airbyte-cdk');
const { BenchSource } = require('./source.cjs');

async function main() {
  // The record generator is ESM, shared with every other case.
  const { makeRecord } = await import('../../records.mjs');
  const logger = new AirbyteSourceLogger();
  await new AirbyteSourceRunner(logger, new BenchSource(logger, makeRecord)).mainCommand().parseAsync(process.argv);
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
