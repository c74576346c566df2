/**
 * `@tributary/declarative`, imported the first time a command meets a manifest. Importing it
 * takes about a quarter of a second (the manifest schema's compiled validators, YAML and the
 * interpolation engine), which every other command, a sync of a connector package, `sql` or
 * `--help`, would otherwise pay at start-up.
 */
export type DeclarativeEngine = typeof import('@tributary/declarative');

let engine: Promise<DeclarativeEngine> | undefined;

/** The declarative package, imported once. */
export function declarativeEngine(): Promise<DeclarativeEngine> {
  engine ??= import('@tributary/declarative');
  return engine;
}
