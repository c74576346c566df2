/**
 * What a connector loads at start-up: Node's modules that only HTTP streams use (node:http,
 * node:zlib, node:crypto, node:readline) are loaded when a read needs them, not by every
 * `spec`, `check` and `discover` (they cost ~12 ms of a ~125 ms cold start). Runs a plain
 * JavaScript connector on the built package, as production does, and reads the modules Node
 * loaded from `process.moduleLoadList` at exit.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { runNode } from '@tributary/test-support/run-cli';
import { TempDir } from '@tributary/test-support/temp-dir';
import { FIXTURES_DIR } from '../helpers/fixtures.js';

const main = join(FIXTURES_DIR, 'built-http-source', 'main.mjs');
const ON_DEMAND = ['http', 'zlib', 'crypto', 'readline'];

let dir: TempDir;
let server: Server;
let baseUrl: string;

before(async () => {
  dir = await TempDir.create();
  writeFileSync(
    join(dir.path, 'load-list.mjs'),
    "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(process.env.LOAD_LIST_TO, JSON.stringify(process.moduleLoadList)));\n",
  );
  server = createServer((request, response) => {
    assert.equal(request.url, '/items');
    response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    response.end(gzipSync(JSON.stringify([{ id: 1 }, { id: 2 }, { id: 3 }])));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise((resolve) => server.close(resolve));
  await dir.remove();
});

/** Runs the connector with `args`; its run and the built-in modules (`NativeModule <name>`) it loaded. */
async function builtinsLoaded(name: string, args: string[]) {
  const list = join(dir.path, `${name}.json`);
  const run = await runNode(main, args, { nodeArgs: [`--import=${join(dir.path, 'load-list.mjs')}`], env: { LOAD_LIST_TO: list } });
  const modules = (JSON.parse(readFileSync(list, 'utf8')) as string[])
    .filter((entry) => entry.startsWith('NativeModule '))
    .map((entry) => entry.slice('NativeModule '.length));
  return { run, loaded: ON_DEMAND.filter((module) => modules.includes(module)) };
}

test('spec, check and discover load none of the modules only HTTP reads use', async () => {
  const config = join(dir.path, 'config.json');
  writeFileSync(config, JSON.stringify({ base_url: baseUrl }));
  for (const args of [['spec'], ['check', '--config', config], ['discover', '--config', config]]) {
    const { run, loaded } = await builtinsLoaded(args[0] as string, args);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(loaded, [], `${args[0]} loaded ${loaded.join(', ')}`);
  }
});

test('a read of a gzipped API response loads them when it needs them, and decodes the records', async () => {
  const config = join(dir.path, 'read-config.json');
  const catalog = join(dir.path, 'catalog.json');
  writeFileSync(config, JSON.stringify({ base_url: baseUrl }));
  writeFileSync(
    catalog,
    JSON.stringify({
      streams: [
        {
          stream: { name: 'items', json_schema: {}, supported_sync_modes: ['full_refresh'] },
          sync_mode: 'full_refresh',
          destination_sync_mode: 'overwrite',
        },
      ],
    }),
  );
  const { run, loaded } = await builtinsLoaded('read', ['read', '--config', config, '--catalog', catalog]);
  assert.equal(run.code, 0, run.stderr);
  const records = run.messages.filter((message) => message.type === 'RECORD').map((message) => message.record?.data);
  assert.deepEqual(records, [{ id: 1 }, { id: 2 }, { id: 3 }]);
  // zlib to decode the body, http for its status text, crypto for the repeated-page check.
  assert.deepEqual(loaded, ['http', 'zlib', 'crypto']);
});
