import { isMapping, type JsonMapping } from './json-values.js';
import { LEGACY_REF_KEY, locateReference, parseReference, REF_KEY } from './references.js';

/** A path in a manifest: keys and list indexes. */
export type ManifestPath = ReadonlyArray<string | number>;

/**
 * Where a value of the resolved manifest was written in the raw one: follows the same references
 * the resolver followed (`$ref` keys, `"#/..."` strings, legacy `*ref`), so that a problem found in
 * `streams[2].retriever.requester` points at the `definitions` entry it came from. A key that was
 * not written anywhere (a default `type`, a field set from `$parameters`) yields the path of the
 * component that received it.
 */
export function rawPathOf(raw: JsonMapping, resolvedPath: ManifestPath): Array<string | number> {
  let node: unknown = raw;
  let at: Array<string | number> = [];
  for (const part of resolvedPath) {
    [node, at] = follow(raw, node, at);
    const next = childOf(raw, node, at, part);
    if (next === undefined) return at;
    [node, at] = next;
  }
  return follow(raw, node, at)[1];
}

/** Follows a node that is a reference string, or a mapping that is only a `$ref`, to its target. */
function follow(raw: JsonMapping, node: unknown, at: Array<string | number>): [unknown, Array<string | number>] {
  for (let hops = 0; hops < 100; hops++) {
    const reference = parseReference(node);
    if (reference === undefined) return [node, at];
    try {
      const target = locateReference(raw, reference, String(node), at);
      [node, at] = [target.value, target.path];
    } catch {
      return [node, at];
    }
  }
  return [node, at];
}

function childOf(
  raw: JsonMapping,
  node: unknown,
  at: Array<string | number>,
  part: string | number,
): [unknown, Array<string | number>] | undefined {
  for (let hops = 0; hops < 100; hops++) {
    if (Array.isArray(node)) {
      return typeof part === 'number' && part < node.length ? [node[part], [...at, part]] : undefined;
    }
    if (!isMapping(node)) return undefined;
    if (Object.hasOwn(node, String(part)) && part !== REF_KEY) return [node[String(part)], [...at, String(part)]];
    const refKey = Object.hasOwn(node, REF_KEY) ? REF_KEY : Object.hasOwn(node, LEGACY_REF_KEY) ? LEGACY_REF_KEY : undefined;
    if (refKey === undefined) return undefined;
    const value = node[refKey];
    const target = follow(raw, refKey === LEGACY_REF_KEY && parseReference(value) === undefined ? `*ref(${value})` : value, [
      ...at,
      refKey,
    ]);
    [node, at] = target;
  }
  return undefined;
}
