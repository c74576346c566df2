/**
 * A 1,000,000-record read through the real command line: every record arrives, and the
 * connector process's peak memory stays under 150 MB. The output is consumed as a stream,
 * one line at a time, never buffered whole; a slow reader here also exercises backpressure.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { AirbyteMessage } from '@tributary/cdk';
import { catalogFor, exitOf, outlineOf, spawnNode, textOf } from '@tributary/test-support/run-cli';
import { TempDir } from '@tributary/test-support/temp-dir';
import { assertBuilt, FAKER_DIR, FAKER_MAIN } from './faker-cli.js';

const RECORDS = 1_000_000;
const MAX_RSS_MB = 150;
const PRELOAD = resolve(FAKER_DIR, 'test/support/report-max-rss.mjs');

let dir: TempDir;
before(async () => {
  dir = await TempDir.create('faker-large-');
});
after(() => dir.remove());

test(`reads ${RECORDS.toLocaleString('en')} users: every record arrives and peak RSS stays under ${MAX_RSS_MB} MB`, async (t) => {
  assertBuilt();
  const config = await dir.json('config.json', { count: RECORDS, seed: 2024 });
  const catalog = await dir.json('catalog.json', catalogFor('users'));
  const rssFile = dir.file('max-rss-kb.txt');
  const child = spawnNode(FAKER_MAIN, ['read', '--config', config, '--catalog', catalog], {
    env: { NODE_OPTIONS: `--import=${pathToFileURL(PRELOAD).href}`, TRIBUTARY_MAX_RSS_FILE: rssFile },
  });
  const exited = exitOf(child, 15 * 60_000);
  const stderr = textOf(child.stderr!);

  let records = 0;
  let outOfOrder: string | undefined;
  const others: AirbyteMessage[] = [];
  try {
    for await (const line of createInterface({ input: child.stdout!, crlfDelay: Number.POSITIVE_INFINITY })) {
      const message = JSON.parse(line) as AirbyteMessage;
      if (message.type === 'RECORD') {
        records++;
        if (outOfOrder === undefined && (message.record.stream !== 'users' || message.record.data.id !== records)) {
          outOfOrder = `record ${records}: ${line.slice(0, 200)}`;
        }
      } else {
        others.push(message);
      }
    }
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  const { code, signal } = await exited;

  assert.equal(signal, null);
  assert.equal(code, 0, await stderr);
  assert.equal(await stderr, '');
  assert.equal(outOfOrder, undefined, 'records arrive in order, ids 1..N');
  assert.equal(records, RECORDS);
  assert.deepEqual(outlineOf(others, 'users'), ['STARTED', 'RUNNING', 'STATE', 'COMPLETE']);
  const state = others.find((message) => message.type === 'STATE');
  assert.equal(state?.type === 'STATE' ? state.state.sourceStats?.recordCount : undefined, RECORDS);

  const maxRssKb = Number.parseInt(await readFile(rssFile, 'utf8'), 10);
  assert.ok(Number.isFinite(maxRssKb) && maxRssKb > 0, `the preload reported no peak RSS (${rssFile})`);
  t.diagnostic(`connector peak RSS: ${(maxRssKb / 1024).toFixed(1)} MB for ${RECORDS} records`);
  assert.ok(maxRssKb < MAX_RSS_MB * 1024, `peak RSS ${(maxRssKb / 1024).toFixed(1)} MB is not under ${MAX_RSS_MB} MB`);
});
