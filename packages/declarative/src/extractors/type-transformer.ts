// Schema normalisation of the declarative RecordSelector (`schema_normalization: Default`): the
// Python CDK's TypeTransformer with DefaultSchemaNormalization. Like its jsonschema-driven walk, it
// follows `properties`, `items` and `$ref` in the order the schema lists them, converts each
// property/item before descending into it, never converts the root, and reports each value whose
// type still does not match, with the CDK's message. Not followed: anyOf/oneOf/allOf,
// additionalProperties.

import type { PyValue } from '../interpolation/values/object.js';
import { pyRepr } from '../interpolation/values/repr.js';
import { defaultConvert, type JsonSchemaNode } from './type-conversions.js';

export type NormalizationWarningSink = (message: string) => void;

type Path = (string | number)[];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The Python CDK's `TypeTransformer` default normalization: record values cast to the types the
 * schema declares.
 */
export class TypeTransformer {
  constructor(
    private readonly schema: JsonSchemaNode,
    private readonly warn: NormalizationWarningSink = () => {},
  ) {}

  /** Normalises a record in place. */
  transform(record: Record<string, unknown>): void {
    this.visit(record, this.schema, []);
  }

  private visit(instance: unknown, schema: unknown, path: Path): void {
    if (!isObject(schema)) return;
    for (const key of Object.keys(schema)) {
      const value = schema[key];
      if (key === 'properties' && isObject(value)) this.visitProperties(instance, value, path);
      else if (key === 'items') this.visitItems(instance, value, path);
      else if (key === '$ref' && typeof value === 'string') this.visit(instance, this.resolve(schema), path);
      else if (key === 'type') this.checkType(instance, value, path);
    }
  }

  private visitProperties(instance: unknown, properties: Record<string, unknown>, path: Path): void {
    if (!isObject(instance)) return;
    for (const name of Object.keys(properties)) {
      if (!Object.hasOwn(instance, name)) continue;
      const sub = this.resolve(properties[name]);
      if (!isObject(sub)) throw notASchema(sub, [...path, name]);
      instance[name] = defaultConvert(instance[name], sub);
    }
    for (const name of Object.keys(properties)) {
      if (Object.hasOwn(instance, name)) this.visit(instance[name], properties[name], [...path, name]);
    }
  }

  private visitItems(instance: unknown, items: unknown, path: Path): void {
    if (!Array.isArray(instance)) return;
    if (Array.isArray(items)) {
      for (let index = 0; index < Math.min(items.length, instance.length); index++)
        this.visit(instance[index], items[index], [...path, index]);
      return;
    }
    const sub = this.resolve(items);
    if (isObject(sub)) for (let i = 0; i < instance.length; i++) instance[i] = defaultConvert(instance[i], sub);
    for (let i = 0; i < instance.length; i++) this.visit(instance[i], items, [...path, i]);
  }

  /** A `$ref` (`#/definitions/x`) resolved against the root schema; the subschema itself when it has none or it does not resolve. */
  private resolve(subschema: unknown): unknown {
    if (!isObject(subschema) || typeof subschema.$ref !== 'string') return subschema;
    const ref = subschema.$ref;
    if (!ref.startsWith('#')) return subschema;
    let node: unknown = this.schema;
    for (const raw of ref
      .slice(1)
      .split('/')
      .filter((part) => part !== '')) {
      const part = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
      if (!isObject(node) || !Object.hasOwn(node, part)) return subschema;
      node = node[part];
    }
    return node;
  }

  private checkType(instance: unknown, type: unknown, path: Path): void {
    const types = Array.isArray(type) ? type : [type];
    if (types.some((t) => hasType(instance, t))) return;
    const expected = Array.isArray(type) ? pyRepr(type as PyValue) : String(type);
    this.warn(
      `Failed to transform value from type '${typeStructure(instance, 0)}' to type '${expected}' at path: '${path.map(String).join('.')}'`,
    );
  }
}

/**
 * A property whose subschema is not a schema object (`format: date-time` written among the
 * properties): the Python CDK's TypeTransformer fails the stream when a record has that property
 * (AttributeError), and so does Tributary, naming the property.
 */
function notASchema(subschema: unknown, path: Path): Error {
  return new Error(
    `Schema normalization cannot convert the record field '${path.map(String).join('.')}': its schema is ${pyRepr(subschema as PyValue)}, not a JSON schema object`,
  );
}

function hasType(value: unknown, type: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    default:
      return true;
  }
}

/** The CDK's `_get_type_structure`, rendered as Python's str() of it. */
function typeStructure(value: unknown, depth: number): string {
  if (value === null) return 'null';
  if (isObject(value)) {
    if (depth >= 3) return 'object';
    const entries = Object.keys(value).map((key) => `${pyRepr(key)}: ${quoteLeaf(value[key], depth + 1)}`);
    return `{${entries.join(', ')}}`;
  }
  return jsonTypeName(value);
}

function quoteLeaf(value: unknown, depth: number): string {
  const structure = typeStructure(value, depth);
  return isObject(value) && depth < 3 ? structure : pyRepr(structure);
}

function jsonTypeName(value: unknown): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (Array.isArray(value)) return 'array';
  return 'object';
}
