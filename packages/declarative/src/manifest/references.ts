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
 * is written. Every resolved mapping and list is a fresh copy.
 */
export function resolveReferences(manifest: JsonMapping): JsonMapping {
  return new ReferenceResolver(manifest).resolve();
}

class ReferenceResolver {
  private readonly active = new Set<string>();

  constructor(private readonly manifest: JsonMapping) {}

  resolve(): JsonMapping {
    return this.evaluate(this.manifest, []) as JsonMapping;
  }

  private evaluate(node: unknown, at: Array<string | number>): unknown {
    if (Array.isArray(node)) return node.map((item, index) => this.evaluate(item, [...at, index]));
    if (isMapping(node)) return this.evaluateMapping(node, at);
    const reference = parseReference(node);
    return reference === undefined ? node : this.follow(node as string, reference, at);
  }

  private evaluateMapping(node: JsonMapping, at: Array<string | number>): unknown {
    const own: JsonMapping = {};
    let refKey: string | undefined;
    for (const key of Object.keys(node)) {
      if (key === REF_KEY || key === LEGACY_REF_KEY) refKey ??= key;
      else own[key] = this.evaluate(node[key], [...at, key]);
    }
    if (refKey === undefined) return own;
    const target = this.evaluate(referenceOfKey(refKey, node[refKey]), [...at, refKey]);
    return isMapping(target) ? { ...target, ...own } : target;
  }

  private follow(text: string, reference: ParsedReference, at: Array<string | number>): unknown {
    if (this.active.has(text)) {
      throw new RawManifestProblem('The manifest has a circular reference', `${text} refers back to itself (${[...this.active, text].join(' → ')})`, at);
    }
    this.active.add(text);
    try {
      return this.evaluate(lookupReference(this.manifest, reference, text, at), at);
    } finally {
      this.active.delete(text);
    }
  }
}

/** The raw value a reference points to, with the Python CDK's rule for keys containing the separator. */
export function lookupReference(manifest: JsonMapping, reference: ParsedReference, text: string, at: Array<string | number>): unknown {
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
      throw new RawManifestProblem('The manifest has a reference to nothing', `${text} points to nothing: no '${head}' was found there`, at);
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
