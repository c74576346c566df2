// The dpath functions the CDK calls (get, values, delete, new), with dpath 2's semantics on JSON
// values. A glob-free path is looked up directly, which is what dpath's full walk finds for it.
import { type Glob, isGlobSegment, matchPath, normalizeSegment, type Segment } from './glob.js';
import { isContainer, lookup, walk } from './walk.js';

/** Path segments as given in a manifest (templates may evaluate to numbers). */
export type PathInput = readonly unknown[];

export class DpathError extends Error {}

function toGlob(path: PathInput): (string | null)[] {
  return path.map(normalizeSegment);
}

/** Concrete segments for a glob-free path: list indexes are numbers when the node is a list. */
function directPath(glob: readonly (string | null)[]): string[] | null {
  if (glob.some((segment) => segment === null || isGlobSegment(segment) || segment === '**')) return null;
  return glob as string[];
}

function directLookup(obj: unknown, path: readonly string[]): { found: boolean; value?: unknown } {
  let current = obj;
  for (const segment of path) {
    if (!isContainer(current)) return { found: false };
    const next = lookup(current, [Array.isArray(current) ? indexOf(segment) : segment]);
    if (!next.found) return next;
    current = next.value;
  }
  return { found: true, value: current };
}

function indexOf(segment: string): number {
  return /^(?:0|[1-9]\d*)$/.test(segment) ? Number(segment) : Number.NaN;
}

/** dpath.get(obj, path, default): the one value the glob matches, `fallback` when none; more than one fails. */
export function dpathGet(obj: unknown, path: PathInput, fallback: unknown): unknown {
  const glob = toGlob(path);
  const direct = directPath(glob);
  if (direct !== null) {
    const found = directLookup(obj, direct);
    return found.found ? found.value : fallback;
  }
  const results: unknown[] = [];
  for (const [segments, value] of walk(obj)) {
    if (!matchPath(segments, glob)) continue;
    results.push(value);
    if (results.length > 1) throw new DpathError(`dpath.get() globs must match only one leaf: ${JSON.stringify(path)}`);
  }
  return results.length === 0 ? fallback : results[0];
}

/** dpath.values(obj, glob): every value the glob matches, in walk order. */
export function dpathValues(obj: unknown, path: PathInput): unknown[] {
  const glob = toGlob(path);
  const out: unknown[] = [];
  for (const [segments, value] of walk(obj)) if (matchPath(segments, glob)) out.push(value);
  return out;
}

const isLeaf = (value: unknown): boolean => !isContainer(value);

/**
 * dpath.delete(obj, glob, afilter): removes what the glob matches (a list item is set to null,
 * unless it is the last one). With a filter, every leaf the filter accepts is removed, wherever
 * it is, and the glob is not consulted (dpath's rule). Returns the number removed.
 */
export function dpathDelete(obj: unknown, path: PathInput, filter?: (value: unknown) => boolean): number {
  const glob = toGlob(path);
  const pairs = [...walk(obj)];
  let deleted = 0;
  for (const [segments, value] of pairs) {
    if (!lookup(obj, segments).found) continue;
    const selected = filter !== undefined && isLeaf(value) && filter(value);
    if (!((filter === undefined && matchPath(segments, glob)) || selected)) continue;
    removeAt(obj, segments);
    deleted++;
  }
  return deleted;
}

function removeAt(obj: unknown, segments: readonly Segment[]): void {
  const parent = lookup(obj, segments.slice(0, -1)).value;
  const key = segments[segments.length - 1];
  if (Array.isArray(parent)) {
    if (parent.length - 1 === key) parent.pop();
    else parent[key as number] = null;
  } else if (isContainer(parent)) delete (parent as Record<string, unknown>)[String(key)];
}

export type { Glob };
