/**
 * A reader that stops early (`source-faker read ... | head -1`): the connector must notice its
 * stdout is gone and exit quietly with code 0, not crash with an unhandled EPIPE. The read is
 * far too long to ever finish on its own, so exiting at all proves it stopped early.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { assertNoStackTrace, catalogFor, exitOf, parseMessages, spawnNode, textOf } from '@tributary/test-support/run-cli';
import { TempDir } from '@tributary/test-support/temp-dir';
import { assertBuilt, FAKER_MAIN } from './faker-cli.js';

/** Enough users for hours of output. */
const ENDLESS = 1_000_000_000;

let dir: TempDir;
let args: string[];
before(async () => {
  assertBuilt();
  dir = await TempDir.create('faker-pipe-');
  const config = await dir.json('config.json', { count: ENDLESS });
  const catalog = await dir.json('catalog.json', catalogFor('users', 'purchases'));
  args = ['read', '--config', config, '--catalog', catalog];
});
after(() => dir.remove());

/** Reads up to the first newline, then destroys the stream: the pipe's reading end closes. */
function firstLineThenClose(stream: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const end = text.indexOf('\n');
      if (end < 0) return;
      stream.off('data', onData);
      stream.destroy();
      resolve(text.slice(0, end + 1));
    };
    stream.on('data', onData);
    stream.once('error', reject);
    stream.once('end', () => reject(new Error(`stdout ended before a full line: ${text}`)));
  });
}

function assertQuietStderr(stderr: string): void {
  assert.doesNotMatch(stderr, /EPIPE/, stderr);
  assert.doesNotMatch(stderr, /Error/, stderr);
  assertNoStackTrace(stderr);
}

test('closing stdout after the first line ends the read promptly, with exit 0 and no EPIPE error', async () => {
  const child = spawnNode(FAKER_MAIN, args);
  const stderr = textOf(child.stderr!);
  const exited = exitOf(child, 120_000);
  const line = await firstLineThenClose(child.stdout!);
  const { code, signal } = await exited;

  const [first] = parseMessages(line);
  assert.equal(first?.type, 'TRACE', 'the first line is a whole message (the STARTED status)');
  assert.equal(signal, null);
  assert.equal(code, 0, await stderr);
  assertQuietStderr(await stderr);
});

test('piped into `head -n 1`, the read stops when head exits', { skip: process.platform === 'win32' && 'needs head' }, async () => {
  const head = spawn('head', ['-n', '1'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const headOutput = textOf(head.stdout);
  const child = spawnNode(FAKER_MAIN, args, { stdout: head.stdin });
  // The connector owns the pipe's writing end now; the test must not keep it open too.
  head.stdin.destroy();
  const stderr = textOf(child.stderr!);
  const { code, signal } = await exitOf(child, 120_000);
  await exitOf(head, 30_000);

  assert.equal(signal, null);
  assert.equal(code, 0, await stderr);
  assertQuietStderr(await stderr);
  const lines = parseMessages(await headOutput);
  assert.equal(lines.length, 1);
});
