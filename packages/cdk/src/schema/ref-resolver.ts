import { readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describeFileError } from '../errors/file-error.js';
import { stripBom } from '../json/json-input.js';
import { setOwn } from '../json/own-property.js';
import type { JsonSchema } from '../protocol/json-schema.js';
import { SchemaError } from './schema-error.js';

/**
 * Inlines every `$ref` of a stream schema, following the Python CDK's rules so schemas move
 * between CDKs unchanged: a file ref (`address.json`, `defs.json#/definitions/street`) names a
 * file in the flat `schemas/shared/` folder, from the root schema and from shared files alike;
 * `#/...` refs point into the document that contains them; the target's `definitions` are dropped.
 *
 * Where Python fails we do better: `shared/address.json` (and `./address.json`) also mean
 * `schemas/shared/address.json`; keys written next to a `$ref` (a `description`, say) are kept
 * and override the target's; and a circular ref is rejected with the chain that forms the cycle
 * instead of overflowing the stack. The result never contains a `$ref`.
 */
export function resolveSchemaRefs(rootFile: string, schemasDir: string, streamName: string): JsonSchema {
  return new RefResolver(schemasDir, streamName).resolveFile(rootFile);
}

interface SchemaDocument {
  file: string;
  root: unknown;
}

/** Keywords whose values are data, not subschemas: a `$ref` key inside them is not a reference. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples', 'example']);

/** Keywords whose values map names to subschemas: their keys (a property called `default`, say) are names, not keywords. */
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependencies', 'dependentSchemas']);

class RefResolver {
  private readonly documents = new Map<string, SchemaDocument>();
  private readonly sharedDir: string;

  constructor(
    private readonly schemasDir: string,
    private readonly streamName: string,
  ) {
    this.sharedDir = resolve(schemasDir, 'shared');
  }

  resolveFile(file: string): JsonSchema {
    const doc = this.load(file);
    if (!isObject(doc.root)) {
      throw this.error(`${this.show(file)} must contain a JSON object, not ${describeJsonType(doc.root)}`);
    }
    return this.resolveNode(doc.root, doc, [`${this.show(file)}#`]) as JsonSchema;
  }

  /** `isSchemaMap`: `node` is the value of `properties` (or the like), whose keys are names and values subschemas. */
  private resolveNode(node: unknown, doc: SchemaDocument, chain: string[], isSchemaMap = false): unknown {
    if (Array.isArray(node)) return node.map((item) => this.resolveNode(item, doc, chain));
    if (!isObject(node)) return node;
    if (!isSchemaMap && typeof node.$ref === 'string') return this.resolveRef(node, node.$ref, doc, chain);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(node)) {
      setOwn(out, key, isSchemaMap ? this.resolveNode(node[key], doc, chain) : this.resolveKeyword(key, node[key], doc, chain));
    }
    return out;
  }

  /** The value of one keyword of a schema: data is copied as written, subschemas are resolved. */
  private resolveKeyword(key: string, value: unknown, doc: SchemaDocument, chain: string[]): unknown {
    if (DATA_KEYWORDS.has(key)) return structuredClone(value);
    return this.resolveNode(value, doc, chain, SCHEMA_MAP_KEYWORDS.has(key));
  }

  private resolveRef(node: Record<string, unknown>, ref: string, doc: SchemaDocument, chain: string[]): unknown {
    const hash = ref.indexOf('#');
    const filePart = hash < 0 ? ref : ref.slice(0, hash);
    const pointer = hash < 0 ? '' : ref.slice(hash + 1);
    const where = `$ref "${ref}" in ${this.show(doc.file)}`;

    const targetDoc = filePart === '' ? doc : this.load(this.sharedFileFor(filePart, where), where);
    const key = `${this.show(targetDoc.file)}#${pointer}`;
    if (chain.includes(key)) {
      throw this.error(`circular $ref: ${[...chain, key].join(' → ')} (${where}); circular schemas are not supported`);
    }
    const target = readPointer(targetDoc.root, pointer);
    if (target === undefined) {
      throw this.error(`${where} points to nothing: ${this.show(targetDoc.file)} has no "${pointer || '/'}"`);
    }
    if (!isObject(target)) {
      throw this.error(`${where} must point to a JSON object, but ${key} is ${describeJsonType(target)}`);
    }
    const resolved = this.resolveNode(target, targetDoc, [...chain, key]) as Record<string, unknown>;
    delete resolved.definitions;
    for (const sibling of Object.keys(node)) {
      if (sibling !== '$ref') setOwn(resolved, sibling, this.resolveKeyword(sibling, node[sibling], doc, chain));
    }
    return resolved;
  }

  /** Maps a file ref to `schemas/shared/`, accepting the `shared/` and `./` prefixes people write. */
  private sharedFileFor(filePart: string, where: string): string {
    if (/^[a-z][a-z0-9+.-]*:/i.test(filePart)) {
      throw this.error(`${where}: only refs to files in schemas/shared/ are supported, not URLs`);
    }
    let name = filePart.replace(/\\/g, '/');
    while (name.startsWith('./')) name = name.slice(2);
    if (name.startsWith('shared/')) name = name.slice('shared/'.length);
    const file = resolve(this.sharedDir, name);
    if (!file.startsWith(this.sharedDir + sep)) {
      throw this.error(`${where} leaves schemas/shared/; shared schemas must live inside that folder`);
    }
    return file;
  }

  private load(file: string, where?: string): SchemaDocument {
    const cached = this.documents.get(file);
    if (cached) return cached;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const problem = code === 'ENOENT' ? 'does not exist' : `cannot be read: ${describeFileError(error)}`;
      throw this.error(where ? `${where}: ${this.show(file)} ${problem}` : `schema file ${this.show(file)} ${problem}`);
    }
    let root: unknown;
    try {
      root = JSON.parse(stripBom(text));
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw this.error(`${this.show(file)} is not valid JSON: ${detail}${where ? ` (loaded for ${where})` : ''}`);
    }
    const doc = { file, root };
    this.documents.set(file, doc);
    return doc;
  }

  private show(file: string): string {
    return relative(join(this.schemasDir, '..'), file).split(sep).join('/');
  }

  private error(detail: string): SchemaError {
    return new SchemaError(`Cannot load the schema of stream '${this.streamName}': ${detail}`);
  }
}

/** Reads an RFC 6901 JSON pointer (the part after `#`, which may be URI-encoded). */
function readPointer(root: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return root;
  if (!pointer.startsWith('/')) return undefined;
  let node = root;
  for (const raw of pointer.slice(1).split('/')) {
    const token = decodePointerToken(raw);
    if (token === undefined) return undefined;
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node) && Object.hasOwn(node, token)) node = node[token];
    else return undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

function decodePointerToken(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
  } catch {
    return undefined; // malformed percent-encoding: no such member
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
