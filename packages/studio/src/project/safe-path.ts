/**
 * Paths of the project folder that requests may name: relative, inside the folder once every
 * symlink is followed, and never under `secrets/` (the saved config) for reading.
 */
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { HttpProblem } from '../server/http-io.js';

/** Folders whose files are never served (the config with its secrets). */
const PRIVATE = ['secrets'];

/** The absolute path of `path` inside `root`; refuses anything that leads out of it. */
export function pathInside(root: string, path: string): string {
  if (path === '' || path.includes('\0')) throw new HttpProblem(400, 'a file path is required');
  if (isAbsolute(path) || /^[a-zA-Z]:/.test(path) || path.startsWith('\\')) throw refused(path);
  const realRoot = realpathSync(root);
  const full = resolve(realRoot, path);
  if (!isWithin(realRoot, full)) throw refused(path);
  // Follow symlinks: of the file when it exists, else of the folder that would hold it.
  const real = existsSync(full) ? realpathSync(full) : resolve(realParent(full), full.slice(dirname(full).length + 1));
  if (!isWithin(realRoot, real)) throw refused(path);
  return real;
}

/** A file of the project to read: inside it, and not a private one. */
export function readablePath(root: string, path: string): string {
  const full = pathInside(root, path);
  const inProject = relative(realpathSync(root), full).split(sep);
  if (PRIVATE.includes(inProject[0]!)) throw new HttpProblem(403, `${path}: files under ${inProject[0]}/ are never served`);
  return full;
}

/** A file of the project to write: inside it, and not a symlink (which could be swapped to point elsewhere). */
export function writablePath(root: string, path: string): string {
  const full = pathInside(root, path);
  if (existsSync(full) && lstatSync(full).isSymbolicLink()) throw refused(path);
  return full;
}

function realParent(path: string): string {
  let dir = dirname(path);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  return resolve(realpathSync(dir), relative(dir, dirname(path)));
}

function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function refused(path: string): HttpProblem {
  return new HttpProblem(403, `${path}: only files inside the project folder are served`);
}
