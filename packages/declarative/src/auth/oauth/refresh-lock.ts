// One token refresh at a time in the whole process, as the CDK's class-level refresh lock: streams
// whose authenticators share a single-use refresh token (through the config) must not spend it
// twice. Whoever waited checks again whether a refresh is still needed.

let tail: Promise<unknown> = Promise.resolve();

/** Runs `task` after every task queued before it has settled. */
export function exclusively<T>(task: () => Promise<T>): Promise<T> {
  const run = tail.then(task, task);
  tail = run.catch(() => undefined);
  return run;
}
