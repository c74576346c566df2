// dpath's walk: every (path, value) pair of a JSON value, a node's children first, then each
// child's subtree, so matches at one depth come in document order.
import type { Segment } from './glob.js';

export type Container = Record<string, unknown> | unknown[];

export function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

/** The children of a node: object entries, or list indices and items. */
export function childrenOf(node: Container): [Segment, unknown][] {
  if (Array.isArray(node)) return node.map((value, index) => [index, value]);
  return Object.keys(node).map((key) => [key, node[key]]);
}

export function* walk(node: unknown, location: readonly Segment[] = []): Generator<[Segment[], unknown]> {
  if (!isContainer(node)) return;
  const children = childrenOf(node);
  for (const [key, value] of children) yield [[...location, key], value];
  for (const [key, value] of children) yield* walk(value, [...location, key]);
}

/** The value at a path of concrete segments, or `found: false`. */
export function lookup(node: unknown, path: readonly Segment[]): { found: boolean; value?: unknown } {
  let current = node;
  for (const segment of path) {
    if (!isContainer(current)) return { found: false };
    if (Array.isArray(current)) {
      const index = typeof segment === 'number' ? segment : Number.NaN;
      if (!(index >= 0 && index < current.length)) return { found: false };
      current = current[index];
    } else {
      const key = String(segment);
      if (!Object.hasOwn(current, key)) return { found: false };
      current = current[key];
    }
  }
  return { found: true, value: current };
}
