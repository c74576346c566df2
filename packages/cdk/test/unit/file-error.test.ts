import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeFileError } from '../../src/errors/file-error.js';

const failed = (code: string) => Object.assign(new Error(`${code}: something`), { code });

test('describeFileError says what a failed file call means, reading or writing', () => {
  assert.equal(describeFileError(failed('ENOENT')), 'the file does not exist');
  assert.equal(describeFileError(failed('EACCES')), 'permission denied');
  assert.equal(describeFileError(failed('EPERM')), 'permission denied');
  assert.equal(describeFileError(failed('ENOTDIR')), 'a part of the path is a file, not a directory');
  assert.equal(describeFileError(failed('EROFS')), 'the file system is read-only');
  assert.equal(describeFileError(failed('ENOSPC')), 'the disk is full');
  assert.equal(describeFileError(failed('EEXIST')), 'a file of that name is in the way');
});

test('an unknown code is passed on as it is; an error without one by its message', () => {
  assert.equal(describeFileError(failed('EXDEV')), 'EXDEV');
  assert.equal(describeFileError(new Error('no code here')), 'no code here');
  assert.equal(describeFileError('plain text'), 'plain text');
});
