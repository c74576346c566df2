/**
 * `tributary new` where the files cannot be written: a folder without write permission, a path
 * through a file, a name too long for the file system. The real CLI must exit 2 with a message
 * that names the path and says what is wrong in words, never a stack trace.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openToOthers, unprivilegedChild } from '@tributary/test-support/permission-denied';
import { cliMain, repoRoot } from './helpers/cli.js';

let temp: string;
before(() => {
  temp = mkdtempSync(join(tmpdir(), 'tributary-new-errors-'));
});
after(() => rmSync(temp, { recursive: true, force: true }));

function tributaryNew(
  args: string[],
  user?: { uid: number; gid: number },
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliMain, 'new', ...args], {
      cwd: repoRoot,
      env: { ...process.env, CI: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...user,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function assertFailed(run: { code: number | null; stderr: string }, pattern: RegExp): void {
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, pattern);
  assert.doesNotMatch(run.stderr, /^\s+at .+/m, `stderr holds a stack trace:\n${run.stderr}`);
}

const unprivileged = unprivilegedChild();

test('a target folder without write permission: permission denied', { skip: unprivileged.skip }, async () => {
  const locked = join(temp, 'locked');
  mkdirSync(locked);
  openToOthers(temp);
  chmodSync(locked, 0o555);
  const run = await tributaryNew(['source-demo', '--dir', locked], unprivileged.user);
  assertFailed(run, new RegExp(`cannot create the connector in ${locked}/source-demo: permission denied`));
  assert.equal(existsSync(join(locked, 'source-demo')), false);
});

test('a target path through a file: a part of the path is a file', async () => {
  const file = join(temp, 'a-file');
  writeFileSync(file, 'not a folder');
  const run = await tributaryNew(['source-demo', '--dir', join(file, 'connectors')]);
  assertFailed(
    run,
    new RegExp(`cannot create the connector in ${file}/connectors/source-demo: a part of the path is a file, not a directory`),
  );
});

test('a name too long for the file system: the path is too long', async () => {
  const name = `source-${'a'.repeat(300)}`;
  const run = await tributaryNew([name, '--dir', temp]);
  assertFailed(run, new RegExp(`cannot create the connector in ${temp}/${name}: the path is too long`));
});
