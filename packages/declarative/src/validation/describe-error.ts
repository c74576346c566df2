import type { ErrorObject } from 'ajv';
import { isMapping } from '../manifest/json-values.js';

/** One validation problem: where (a path in the resolved manifest) and what. */
export interface ValidationProblem {
  path: Array<string | number>;
  message: string;
}

/** `/streams/2/name` → `['streams', 2, 'name']`, numbers where the value at that level is a list. */
export function instanceSegments(root: unknown, pointer: string): Array<string | number> {
  if (pointer === '') return [];
  const segments: Array<string | number> = [];
  let node = root;
  for (const raw of pointer.slice(1).split('/')) {
    const part = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(node)) {
      segments.push(Number(part));
      node = node[Number(part)];
    } else {
      segments.push(part);
      node = isMapping(node) ? node[part] : undefined;
    }
  }
  return segments;
}

/** The value at a path below `root`. */
export function valueAt(root: unknown, path: ReadonlyArray<string | number>): unknown {
  let node = root;
  for (const part of path) {
    if (Array.isArray(node)) node = node[Number(part)];
    else if (isMapping(node)) node = node[String(part)];
    else return undefined;
  }
  return node;
}

/** What kind of value the user wrote, in words. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (isMapping(value)) return 'a mapping';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return 'a boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  return `a ${typeof value}`;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean',
  object: 'a mapping',
  array: 'a list',
  null: 'null',
};

/** `["string", "null"]` → `a string or null`. */
export function describeTypes(types: unknown): string {
  const list = Array.isArray(types) ? types : [types];
  return list.map((type) => TYPE_WORDS[String(type)] ?? String(type)).join(' or ');
}

/**
 * An ajv error as a sentence a person can act on, at the path of the value concerned (a
 * missing or unknown field is reported at the field's own path).
 */
export function describeError(error: ErrorObject, root: unknown, base: ReadonlyArray<string | number>): ValidationProblem {
  const at = [...base, ...instanceSegments(valueAt(root, base), error.instancePath)];
  const value = valueAt(root, at);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: [...at, String(params.missingProperty)], message: `the field '${params.missingProperty}' is required` };
    case 'additionalProperties':
      return { path: [...at, String(params.additionalProperty)], message: `the field '${params.additionalProperty}' is not allowed here` };
    case 'type':
      return { path: at, message: `must be ${describeTypes(params.type)}, not ${kindOf(value)}` };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((item) => JSON.stringify(item)).join(', ');
      return { path: at, message: `must be one of ${allowed}, not ${JSON.stringify(value)}` };
    }
    case 'const':
      return { path: at, message: `must be ${JSON.stringify(params.allowedValue)}, not ${JSON.stringify(value)}` };
    case 'uniqueItems':
      return { path: at, message: `must not repeat items (items ${params.j} and ${params.i} are equal)` };
    default:
      return { path: at, message: error.message ?? `is not valid (${error.keyword})` };
  }
}
