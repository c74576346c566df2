// dpath.new(obj, path, value), which AddFields uses: creates the missing containers on the way
// (a list when the next segment is an integer, else an object), extends lists with nulls up to an
// index, and fails when the path goes through a value that is not a container.

import { DpathError, type PathInput } from './dpath.js';
import { normalizeSegment } from './glob.js';
import { isContainer } from './walk.js';

type Key = string | number;

/** dpath converts int-like segments to integers; the others stay text. */
function keyOf(segment: unknown): Key {
  const normal = normalizeSegment(segment);
  if (normal !== null && /^-?\d+$/.test(normal) && Number.isSafeInteger(Number(normal))) return Number(normal);
  return typeof segment === 'string' ? segment : String(segment);
}

function isIntegerKey(key: Key): key is number {
  return typeof key === 'number';
}

function read(container: Record<string, unknown> | unknown[], key: Key): { found: boolean; value?: unknown } {
  if (Array.isArray(container)) {
    if (!isIntegerKey(key)) throw new DpathError(`list indices must be integers or slices, not str: ${JSON.stringify(key)}`);
    const index = key < 0 ? container.length + key : key;
    return index >= 0 && index < container.length ? { found: true, value: container[index] } : { found: false };
  }
  const name = String(key);
  return Object.hasOwn(container, name) ? { found: true, value: container[name] } : { found: false };
}

function write(container: Record<string, unknown> | unknown[], key: Key, value: unknown): void {
  if (Array.isArray(container)) {
    if (!isIntegerKey(key)) throw new DpathError(`list indices must be integers or slices, not str: ${JSON.stringify(key)}`);
    while (container.length <= key) container.push(null);
    const index = key < 0 ? container.length + key : key;
    if (index < 0) throw new DpathError(`list assignment index out of range: ${key}`);
    container[index] = value;
    return;
  }
  Object.defineProperty(container, String(key), { value, writable: true, enumerable: true, configurable: true });
}

export function dpathNew(obj: Record<string, unknown> | unknown[], path: PathInput, value: unknown): void {
  dpathSetter(path)(obj, value);
}

/**
 * `dpath.new` at a fixed path, with the path's keys worked out once (AddFields sets the same path
 * on every record). A single text key of a plain object, the usual case, is a plain assignment.
 */
export function dpathSetter(path: PathInput): (obj: Record<string, unknown> | unknown[], value: unknown) => void {
  const keys = path.map(keyOf);
  const only = keys.length === 1 ? keys[0] : undefined;
  if (typeof only === 'string' && only !== '__proto__') {
    return (obj, value) => {
      if (Array.isArray(obj)) write(obj, only, value);
      else obj[only] = value;
    };
  }
  return (obj, value) => setAt(obj, keys, path, value);
}

function setAt(obj: Record<string, unknown> | unknown[], keys: readonly Key[], path: PathInput, value: unknown): void {
  let current: Record<string, unknown> | unknown[] = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const found = read(current, keys[i]);
    if (!found.found) write(current, keys[i], isIntegerKey(keys[i + 1]) ? [] : {});
    const next: unknown = read(current, keys[i]).value;
    if (!isContainer(next)) throw new DpathError(`Path: ${JSON.stringify(path)}[${i}]`);
    current = next;
  }
  write(current, keys[keys.length - 1], value);
}
