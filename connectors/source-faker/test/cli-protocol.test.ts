/**
 * Every message the faker connector prints, for spec, check, discover and read, validated
 * against the `AirbyteMessage` definition of the official protocol schema
 * (`../shared/protocol/airbyte_protocol.yaml` from the repository root).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { configuredCatalog } from '@tributary/cdk/testing';
import { loadMessageValidator, type MessageValidator, protocolSkipReason } from '@tributary/test-support/protocol-schema';
import { type CliRun, catalogOf } from '@tributary/test-support/run-cli';
import { TempDir } from '@tributary/test-support/temp-dir';
import { runFaker } from './faker-cli.js';

const skip = protocolSkipReason();
let dir: TempDir;
let validate: MessageValidator;
before(async () => {
  dir = await TempDir.create('faker-protocol-');
  if (!skip) validate = loadMessageValidator();
});
after(() => dir.remove());

function assertValid(run: CliRun, label: string): number {
  assert.ok(run.messages.length > 0, `${label}: printed nothing; stderr:\n${run.stderr}`);
  run.messages.forEach((message, index) => {
    const problems = validate(message);
    assert.deepEqual(problems, [], `${label}: message ${index + 1} breaks the protocol: ${JSON.stringify(message).slice(0, 500)}`);
  });
  return run.messages.length;
}

test('every message of spec, check, discover and read matches the protocol schema', { skip }, async () => {
  const config = await dir.json('config.json', { count: 300, seed: 9 });
  const seen = new Set<string>();
  const check = async (label: string, run: CliRun) => {
    assertValid(run, label);
    for (const message of run.messages) seen.add(message.type);
    return run;
  };

  await check('spec', await runFaker(['spec']));
  await check('check', await runFaker(['check', '--config', config, '--debug']));
  await check('failed check', await runFaker(['check', '--config', await dir.json('invalid.json', { count: -1 })]));
  const discovered = await check('discover', await runFaker(['discover', '--config', config]));
  const catalog = await dir.json('catalog.json', configuredCatalog(catalogOf(discovered)));
  const read = await check('read', await runFaker(['read', '--config', config, '--catalog', catalog, '--debug']));
  assert.equal(read.code, 0, read.stderr);
  assert.ok(read.messages.length > 600, 'the read printed every record');
  await check('bad input', await runFaker(['read', '--config', dir.file('missing.json'), '--catalog', catalog]));

  assert.deepEqual([...seen].sort(), ['CATALOG', 'CONNECTION_STATUS', 'LOG', 'RECORD', 'SPEC', 'STATE', 'TRACE']);
});
