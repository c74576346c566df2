/** What a failed file-system call means, in words (`EACCES` → "permission denied"): the CDK's wording. */
export { describeFileError as fileErrorWords } from '@tributary/cdk/runtime';

/** True for errors thrown by a file-system call (they carry an errno `code`). */
export function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return (
    error instanceof Error &&
    typeof (error as NodeJS.ErrnoException).code === 'string' &&
    typeof (error as NodeJS.ErrnoException).syscall === 'string'
  );
}
