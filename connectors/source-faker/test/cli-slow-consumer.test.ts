/**
 * Concurrent reads into a deliberately slow reader: three streams (purchases in concurrent
 * slices) produce far more output than the reader takes, so without backpressure the connector
 * would buffer it all. Its peak memory must stay flat, and every record must still arrive.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { catalogFor, exitOf, spawnNode, textOf } from '@tributary/test-support/run-cli';
import { TempDir } from '@tributary/test-support/temp-dir';
import { assertBuilt, FAKER_DIR, FAKER_MAIN } from './faker-cli.js';

const USERS = 300_000;
const MAX_RSS_MB = 150;
const PRELOAD = resolve(FAKER_DIR, 'test/support/report-max-rss.mjs');

let dir: TempDir;
before(async () => {
  dir = await TempDir.create('faker-slow-');
});
after(() => dir.remove());

test(`a slow reader of a concurrent read: peak RSS stays under ${MAX_RSS_MB} MB and nothing is lost`, { timeout: 600_000 }, async (t) => {
  assertBuilt();
  // ~300 MB of output: buffering even a third of it would break the memory bound.
  const config = await dir.json('config.json', { count: USERS, seed: 9, records_per_slice: 20_000, _concurrency: 8 });
  const catalog = await dir.json('catalog.json', catalogFor('users', 'products', 'purchases'));
  const rssFile = dir.file('max-rss-kb.txt');
  const child = spawnNode(FAKER_MAIN, ['read', '--config', config, '--catalog', catalog], {
    env: { NODE_OPTIONS: `--import=${pathToFileURL(PRELOAD).href}`, TRIBUTARY_MAX_RSS_FILE: rssFile },
  });
  const exited = exitOf(child, 10 * 60_000);
  const stderr = textOf(child.stderr!);

  // Read in small bites with pauses: far slower than the connector can produce.
  const stdout = child.stdout!;
  const counts = new Map<string, number>();
  let pending = '';
  let bytes = 0;
  for await (const chunk of stdout) {
    bytes += chunk.length;
    const text = pending + chunk.toString('utf8');
    const lines = text.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const match = /^\{"type":"RECORD","record":\{"stream":"(\w+)"/.exec(line);
      if (match) counts.set(match[1]!, (counts.get(match[1]!) ?? 0) + 1);
    }
    if (bytes % (1024 * 1024) < chunk.length) await sleep(20);
  }
  const { code } = await exited;
  assert.equal(code, 0, await stderr);
  assert.deepEqual(Object.fromEntries(counts), { users: USERS, products: USERS / 10, purchases: USERS });

  const maxRssKb = Number.parseInt(await readFile(rssFile, 'utf8'), 10);
  t.diagnostic(`connector peak RSS: ${(maxRssKb / 1024).toFixed(1)} MB for ${(bytes / 1e6).toFixed(0)} MB of output`);
  assert.ok(maxRssKb < MAX_RSS_MB * 1024, `peak RSS ${(maxRssKb / 1024).toFixed(1)} MB is not under ${MAX_RSS_MB} MB`);
});
