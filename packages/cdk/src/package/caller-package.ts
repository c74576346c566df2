import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finding a connector's package without asking the author for `import.meta.url`:
 * the first stack frame outside this library's own code is the connector code that
 * constructed the stream or source. Its nearest `package.json` marks the package root,
 * which holds `schemas/` and `spec.json`. This works the same from compiled `dist/`,
 * from TypeScript run through a loader, in-process from a test, and from any cwd.
 */
const rootCache = new Map<string, string | undefined>();

function toPath(fileName: string): string {
  return fileName.startsWith('file://') ? fileURLToPath(fileName) : fileName;
}

/** The file of the closest caller outside the library, or undefined (e.g. from a REPL). */
export function callerFileOutsideLibrary(): string | undefined {
  const original = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = 50;
    Error.prepareStackTrace = (_error, callSites) => callSites;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder, callerFileOutsideLibrary);
    const sites = holder.stack as NodeJS.CallSite[];
    for (const site of sites) {
      const name = site.getFileName();
      if (!name || name.startsWith('node:') || !(name.startsWith('/') || name.startsWith('file://'))) continue;
      const file = toPath(name);
      if (libraryDirs.some((dir) => file.startsWith(dir))) continue;
      return file;
    }
    return undefined;
  } finally {
    Error.prepareStackTrace = original;
    Error.stackTraceLimit = limit;
  }
}

/** The nearest folder at or above `file`'s folder that holds a package.json. */
export function packageRootOf(file: string): string | undefined {
  const start = dirname(file);
  if (rootCache.has(start)) return rootCache.get(start);
  let dir = start;
  let found: string | undefined;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) {
      found = dir;
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  rootCache.set(start, found);
  return found;
}

/**
 * The library's own code: `src/` and `dist/` of the package this module belongs to, whether it
 * runs from one file per module or from the bundled `dist/index.js`.
 */
const libraryDirs = (() => {
  const root = packageRootOf(fileURLToPath(import.meta.url));
  return root === undefined ? [] : [join(root, 'src') + sep, join(root, 'dist') + sep];
})();

/** The package root of the connector code calling into the library right now. */
export function callerPackageRoot(): string | undefined {
  const file = callerFileOutsideLibrary();
  return file === undefined ? undefined : packageRootOf(file);
}
