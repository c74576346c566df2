import type { JsonSchema, JsonSchemaType } from '../index.js';

/** How a schema is drafted from sample records. */
export interface InferSchemaOptions {
  /**
   * `always` (default, the Airbyte convention: APIs leave fields out or null them) makes every
   * property nullable; `observed` only those seen null.
   */
  nullable?: 'always' | 'observed';
  /** Detect `date-time` and `date` string formats when every value seen has one (default true). */
  formats?: boolean;
}

/** What was seen at one place of the records. */
interface Shape {
  types: Set<JsonSchemaType>;
  properties: Map<string, Shape>;
  items: Shape | undefined;
  /** The format every string seen has, `''` once one had none. */
  format: string | undefined;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A draft-07 JSON Schema that accepts every record given: the union of the types seen at each
 * place, nested objects and arrays included, and `date-time`/`date` formats when every string
 * there has one. A starting point for `schemas/<stream>.json`, to review and tighten by hand.
 */
export function inferSchema(records: Iterable<unknown>, options: InferSchemaOptions = {}): JsonSchema {
  const root = emptyShape();
  let count = 0;
  for (const record of records) {
    observe(root, record);
    count++;
  }
  const schema = toSchema(root, { nullable: options.nullable ?? 'always', formats: options.formats ?? true }, true);
  if (count === 0) schema.type = 'object';
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...schema, additionalProperties: true };
}

function emptyShape(): Shape {
  return { types: new Set(), properties: new Map(), items: undefined, format: undefined };
}

function observe(shape: Shape, value: unknown): void {
  if (value === null || value === undefined) {
    shape.types.add('null');
  } else if (Array.isArray(value)) {
    shape.types.add('array');
    shape.items ??= emptyShape();
    for (const item of value) observe(shape.items, item);
  } else if (typeof value === 'object') {
    shape.types.add('object');
    for (const [key, item] of Object.entries(value)) {
      let child = shape.properties.get(key);
      if (child === undefined) {
        child = emptyShape();
        shape.properties.set(key, child);
      }
      observe(child, item);
    }
  } else if (typeof value === 'number') {
    shape.types.add(Number.isInteger(value) ? 'integer' : 'number');
  } else if (typeof value === 'boolean') {
    shape.types.add('boolean');
  } else {
    shape.types.add('string');
    const text = String(value);
    const format = DATE_TIME.test(text) ? 'date-time' : DATE.test(text) ? 'date' : '';
    shape.format = shape.format === undefined || shape.format === format ? format : '';
  }
}

function toSchema(shape: Shape, options: Required<InferSchemaOptions>, root = false): JsonSchema {
  const types = new Set(shape.types);
  if (types.has('integer') && types.has('number')) types.delete('integer');
  if (!root && options.nullable === 'always') types.add('null');
  const order: JsonSchemaType[] = ['null', 'boolean', 'integer', 'number', 'string', 'array', 'object'];
  const list = order.filter((type) => types.has(type));
  const schema: JsonSchema = {};
  if (list.length === 1) schema.type = list[0];
  else if (list.length > 1) schema.type = list;
  if (types.has('string') && options.formats && shape.format) schema.format = shape.format;
  if (types.has('object')) {
    schema.properties = {};
    for (const [key, child] of [...shape.properties].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      // Defined, not assigned: a field named `__proto__` must stay a field.
      Object.defineProperty(schema.properties, key, {
        value: toSchema(child, options),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  if (types.has('array'))
    schema.items =
      shape.items === undefined || shape.items.types.size === 0 ? {} : toSchema(shape.items, { ...options, nullable: 'observed' });
  return schema;
}
