/**
 * `tributary new` where the files cannot be written: a folder without write permission, a path
 * through a file, a name too long for the file system. The real CLI must exit 2 with a message
 * that names the path and says what is wrong in words, never a stack trace.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openToOthers, unprivilegedChild } from '@tributary/test-support/permission-denied';
import { cli, expectExit, tempDir } from './helpers/cli.js';

const { dir: temp, cleanup } = tempDir('new-errors');
after(cleanup);

const unprivileged = unprivilegedChild();

test('a target folder without write permission: permission denied', { skip: unprivileged.skip }, async () => {
  const locked = join(temp, 'locked');
  mkdirSync(locked);
  openToOthers(temp);
  chmodSync(locked, 0o555);
  const run = await cli(['new', 'source-demo', '--dir', locked], { user: unprivileged.user });
  expectExit(run, 2, new RegExp(`cannot create the connector in ${locked}/source-demo: permission denied`));
  assert.equal(existsSync(join(locked, 'source-demo')), false);
});

test('a target path through a file: a part of the path is a file', async () => {
  const file = join(temp, 'a-file');
  writeFileSync(file, 'not a folder');
  const run = await cli(['new', 'source-demo', '--dir', join(file, 'connectors')]);
  expectExit(
    run,
    2,
    new RegExp(`cannot create the connector in ${file}/connectors/source-demo: a part of the path is a file, not a directory`),
  );
});

test('a name too long for the file system: the path is too long', async () => {
  const name = `source-${'a'.repeat(300)}`;
  const run = await cli(['new', name, '--dir', temp]);
  expectExit(run, 2, new RegExp(`cannot create the connector in ${temp}/${name}: the path is too long`));
});
