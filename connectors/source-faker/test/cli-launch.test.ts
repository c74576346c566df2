/**
 * The connector finds its `spec.json` and `schemas/` however it is started: compiled from any
 * working directory, or from its TypeScript source through a loader.
 */
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { after, before, test } from 'node:test';
import type { AirbyteCatalog } from '@tributary/cdk';
import { type CliRun, catalogFor, catalogOf, REPO_ROOT, recordsOf, runNode, withoutEmittedAt } from '@tributary/test-support/run-cli';
import { TempDir } from '@tributary/test-support/temp-dir';
import { runFaker, runFakerSource } from './faker-cli.js';

let dir: TempDir;
let config: string;
/** The catalog of the compiled connector run from the repository root: the reference. */
let reference: AirbyteCatalog;
before(async () => {
  dir = await TempDir.create('faker-launch-');
  config = await dir.json('config.json', { count: 10, seed: 4 });
  const run = await runFaker(['discover', '--config', config]);
  assert.equal(run.code, 0, run.stderr);
  reference = catalogOf(run);
});
after(() => dir.remove());

function succeeded(run: CliRun): CliRun {
  assert.equal(run.code, 0, `stderr:\n${run.stderr}\nstdout:\n${run.stdout.slice(0, 2000)}`);
  assert.equal(run.stderr, '');
  return run;
}

test('run from another working directory, the compiled connector still finds spec.json and schemas/', async () => {
  const cwd = tmpdir();
  const spec = succeeded(await runFaker(['spec'], { cwd }));
  const specFromRoot = succeeded(await runFaker(['spec']));
  assert.deepEqual(spec.messages, specFromRoot.messages);

  const discovered = succeeded(await runFaker(['discover', '--config', config], { cwd }));
  assert.deepEqual(catalogOf(discovered), reference);
  const users = catalogOf(discovered).streams.find((stream) => stream.name === 'users');
  assert.ok(users?.json_schema.properties?.address, 'the users schema came from schemas/users.json');
});

test('run from TypeScript source through the tsx loader, the connector discovers the same catalog', async () => {
  // Exactly the documented command line, from the repository root.
  const fromSource = succeeded(
    await runNode('connectors/source-faker/src/main.ts', ['discover', '--config', config], {
      cwd: REPO_ROOT,
      nodeArgs: ['--import', 'tsx'],
    }),
  );
  assert.deepEqual(catalogOf(fromSource), reference);
});

test('run from TypeScript source in another working directory, spec and discover still work', async () => {
  const cwd = tmpdir();
  const spec = succeeded(await runFakerSource(['spec'], { cwd }));
  assert.equal(spec.messages[0]?.type, 'SPEC');
  assert.deepEqual(catalogOf(succeeded(await runFakerSource(['discover', '--config', config], { cwd }))), reference);
});

test('compiled and source runs read the same records', async () => {
  const catalog = await dir.json('catalog.json', catalogFor('users', 'purchases'));
  const args = ['read', '--config', config, '--catalog', catalog];
  const compiled = succeeded(await runFaker(args, { cwd: tmpdir() }));
  const source = succeeded(await runFakerSource(args));
  assert.equal(recordsOf(compiled.messages).length, 20);
  assert.deepEqual(recordsOf(source.messages).map(withoutEmittedAt), recordsOf(compiled.messages).map(withoutEmittedAt));
});
