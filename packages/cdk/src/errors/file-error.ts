/**
 * What a failed file operation means, in words a user can act on, from its `code`
 * (`EACCES` → "permission denied"). Unknown codes are passed on as they are.
 */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'the file does not exist';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a directory';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    case 'ELOOP':
      return 'the path has too many symbolic links (or a loop of them)';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EEXIST':
      return 'a file of that name is in the way';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}
