import { isMapping, type JsonMapping } from './json-values.js';
import { RawManifestProblem } from './manifest-error.js';

export const REF_KEY = '$ref';
/** The legacy merge key of the first low-code manifests: `"*ref": "definitions.requester"`. */
export const LEGACY_REF_KEY = '*ref';
const LEGACY_REF = /^\*ref\((.+)\)$/;

/** A reference written in the manifest, as the resolver reads it. */
export interface ParsedReference {
  /** The path below the manifest root, with `/` (new form) or `.` (legacy form) between parts. */
  path: string;
  separator: '/' | '.';
}

/** `"#/definitions/x"` → `definitions/x`; `"*ref(definitions.x)"` → `definitions.x`; anything else: undefined. */
export function parseReference(value: unknown): ParsedReference | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.startsWith('#/')) return { path: value.slice(2), separator: '/' };
  const legacy = LEGACY_REF.exec(value);
  return legacy ? { path: legacy[1].trim(), separator: '.' } : undefined;
}

/** What a `$ref` (or `*ref`) key refers to: its value is a reference string, or a bare legacy path. */
function referenceOfKey(key: string, value: unknown): unknown {
  if (key === LEGACY_REF_KEY && typeof value === 'string' && parseReference(value) === undefined) return `*ref(${value})`;
  return value;
}

/**
 * Resolves references the way the Python CDK's `ManifestReferenceResolver` does:
 *
 * - any string `"#/a/b"` anywhere in the manifest is replaced by the value at `a/b` (resolved
 *   in turn, so references may be nested and transitive);
 * - a mapping with `$ref: "#/a"` is the referenced mapping with the mapping's own keys laid over
 *   it (own keys win); when the target is not a mapping, the target replaces the whole mapping;
 * - a path part is first tried whole at each level (`"#/a/b"` finds a key named `a/b`), then split
 *   at its first `/`; a numeric part indexes a list;
 * - the legacy forms `"*ref(definitions.x)"` and the key `"*ref": definitions.x` work the same with
 *   dots between the parts.
 *
 * A circular or dangling reference is a {@link ManifestError} naming the reference and where it
 * is written. Parts without references are shared with the input rather than copied (the
 * result is read, never changed), which keeps loading a large manifest fast.
 */
export function resolveReferences(manifest: JsonMapping): JsonMapping {
  return new ReferenceResolver(manifest).resolve();
}

class ReferenceResolver {
  private readonly active = new Set<string>();
  /** The path being evaluated, kept as one mutable stack: copied only into an error. */
  private readonly at: Array<string | number> = [];

  constructor(private readonly manifest: JsonMapping) {}

  resolve(): JsonMapping {
    return this.evaluate(this.manifest) as JsonMapping;
  }

  private evaluate(node: unknown): unknown {
    if (Array.isArray(node)) {
      let result: unknown[] | undefined;
      for (let index = 0; index < node.length; index++) {
        this.at.push(index);
        const value = this.evaluate(node[index]);
        this.at.pop();
        if (value !== node[index]) result ??= node.slice(0, index);
        result?.push(value);
      }
      return result ?? node;
    }
    if (isMapping(node)) return this.evaluateMapping(node);
    if (typeof node !== 'string' || (node.charCodeAt(0) !== 35 /* # */ && node.charCodeAt(0) !== 42) /* * */) return node;
    const reference = parseReference(node);
    return reference === undefined ? node : this.follow(node, reference);
  }

  private evaluateMapping(node: JsonMapping): unknown {
    const own: JsonMapping = {};
    let refKey: string | undefined;
    let changed = false;
    for (const key in node) {
      if (!Object.hasOwn(node, key)) continue;
      if (key === REF_KEY || key === LEGACY_REF_KEY) {
        refKey ??= key;
        continue;
      }
      this.at.push(key);
      const value = this.evaluate(node[key]);
      this.at.pop();
      own[key] = value;
      changed ||= value !== node[key];
    }
    if (refKey === undefined) return changed ? own : node;
    this.at.push(refKey);
    const target = this.evaluate(referenceOfKey(refKey, node[refKey]));
    this.at.pop();
    return isMapping(target) ? { ...target, ...own } : target;
  }

  private follow(text: string, reference: ParsedReference): unknown {
    if (this.active.has(text)) {
      throw new RawManifestProblem(
        'The manifest has a circular reference',
        `${text} refers back to itself (${[...this.active, text].join(' → ')})`,
        [...this.at],
      );
    }
    this.active.add(text);
    try {
      return this.evaluate(lookupReference(this.manifest, reference, text, this.at));
    } finally {
      this.active.delete(text);
    }
  }
}

/** The raw value a reference points to, with the Python CDK's rule for keys containing the separator. */
export function lookupReference(
  manifest: JsonMapping,
  reference: ParsedReference,
  text: string,
  at: ReadonlyArray<string | number>,
): unknown {
  return locateReference(manifest, reference, text, at).value;
}

/** Like {@link lookupReference}, with the path of the value in the raw manifest. */
export function locateReference(
  manifest: JsonMapping,
  reference: ParsedReference,
  text: string,
  at: ReadonlyArray<string | number>,
): { value: unknown; path: Array<string | number> } {
  let node: unknown = manifest;
  const path: Array<string | number> = [];
  let rest = reference.path;
  while (rest !== '') {
    if (isMapping(node) && Object.hasOwn(node, rest)) return { value: node[rest], path: [...path, rest] };
    const cut = rest.indexOf(reference.separator);
    const head = cut === -1 ? rest : rest.slice(0, cut);
    rest = cut === -1 ? '' : rest.slice(cut + 1);
    const next = stepInto(node, head);
    if (next === undefined) {
      throw new RawManifestProblem('The manifest has a reference to nothing', `${text} points to nothing: no '${head}' was found there`, [
        ...at,
      ]);
    }
    path.push(Array.isArray(node) ? Number(head) : head);
    node = next;
  }
  return { value: node, path };
}

function stepInto(node: unknown, part: string): unknown {
  if (Array.isArray(node)) return /^-?\d+$/.test(part) ? node.at(Number(part)) : undefined;
  if (isMapping(node) && Object.hasOwn(node, part)) return node[part];
  return undefined;
}

/** `['streams', 2, 'retriever']` → `streams[2].retriever`. */
export function formatRawPath(path: ReadonlyArray<string | number>): string {
  let text = '';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : text === '' ? part : `.${part}`;
  return text;
}
