/** Where a command writes: the process's stdout and stderr, or what a test puts in their place. */
export interface Output {
  stdout: NodeJS.WritableStream;
  /** `isTTY` and `columns` choose the progress view. */
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}
