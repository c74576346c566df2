import type { JsonSchema } from '../protocol/json-schema.js';

/** How record types are generated from a schema. */
export interface SchemaTypeOptions {
  /** Emit `[key: string]: unknown` for objects that allow other properties explicitly (`additionalProperties: true`); default true. */
  indexSignatures?: boolean;
}

/**
 * TypeScript for the records a JSON Schema describes: `export interface <name> { … }` (or a
 * type alias when the schema is not an object). Properties listed in `required` are
 * mandatory, the others optional; `["null", "string"]` becomes `string | null`; enums become
 * literal unions; `description`s become doc comments. Use it (or `tributary infer-schema
 * --types`) to derive `Stream<R>`'s record type from the stream's schema, so `readRecords` is
 * type-checked against it.
 */
export function schemaToTypeScript(schema: JsonSchema, name: string, options: SchemaTypeOptions = {}): string {
  const settings = { indexSignatures: options.indexSignatures ?? true };
  const doc = docComment(schema, '');
  if (isObjectSchema(schema) && !hasNull(schema)) return `${doc}export interface ${name} ${objectType(schema, '', settings)}\n`;
  return `${doc}export type ${name} = ${typeOf(schema, '', settings)};\n`;
}

/** One TypeScript module with a record type per stream (`users` → `UsersRecord`), as `tributary infer-schema --types` writes it. */
export function recordTypesModule(streams: ReadonlyArray<{ name: string; json_schema: JsonSchema }>, header = ''): string {
  const parts = [
    `// Record types generated from the stream schemas${header ? ` ${header}` : ''}; do not edit by hand.\n// Regenerate them after changing a schema: tributary infer-schema <connector> --types\n`,
  ];
  for (const stream of streams) parts.push(schemaToTypeScript(stream.json_schema, recordTypeName(stream.name)));
  return parts.join('\n');
}

/** `user_events` → `UserEventsRecord` */
export function recordTypeName(stream: string): string {
  const pascal = stream
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
  return `${/^[0-9]/.test(pascal) ? '_' : ''}${pascal || 'Stream'}Record`;
}

interface Settings {
  indexSignatures: boolean;
}

function typeOf(schema: JsonSchema | boolean | undefined, indent: string, settings: Settings): string {
  if (schema === undefined || schema === true) return 'unknown';
  if (schema === false) return 'never';
  if (schema.const !== undefined) return literal(schema.const);
  if (Array.isArray(schema.enum)) return union(schema.enum.map(literal));
  if (schema.anyOf || schema.oneOf) {
    const base = withoutCombinators(schema);
    const branches = (schema.anyOf ?? schema.oneOf)!.map((branch) => typeOf({ ...base, ...branch }, indent, settings));
    return union(branches);
  }
  if (schema.allOf) return schema.allOf.map((branch) => parenthesize(typeOf(branch, indent, settings))).join(' & ') || 'unknown';
  const types = schema.type === undefined ? inferredTypes(schema) : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length === 0) return 'unknown';
  return union(
    types.map((type) => {
      switch (type) {
        case 'string':
          return 'string';
        case 'integer':
        case 'number':
          return 'number';
        case 'boolean':
          return 'boolean';
        case 'null':
          return 'null';
        case 'array':
          if (Array.isArray(schema.items)) return `[${schema.items.map((item) => typeOf(item, indent, settings)).join(', ')}]`;
          return `${parenthesize(typeOf(schema.items, indent, settings))}[]`;
        case 'object':
          return objectType(schema, indent, settings);
        default:
          return 'unknown';
      }
    }),
  );
}

function objectType(schema: JsonSchema, indent: string, settings: Settings): string {
  const properties = Object.entries(schema.properties ?? {});
  const extra = schema.additionalProperties;
  if (properties.length === 0) {
    if (typeof extra === 'object') return `Record<string, ${typeOf(extra, indent, settings)}>`;
    return 'Record<string, unknown>';
  }
  const inner = `${indent}  `;
  const required = new Set(schema.required ?? []);
  const lines = properties.map(([key, property]) => {
    const doc = docComment(property, inner);
    return `${doc}${inner}${propertyName(key)}${required.has(key) ? '' : '?'}: ${typeOf(property, inner, settings)};`;
  });
  if (settings.indexSignatures && extra === true) lines.push(`${inner}[key: string]: unknown;`);
  else if (settings.indexSignatures && typeof extra === 'object') lines.push(`${inner}[key: string]: unknown;`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function inferredTypes(schema: JsonSchema): string[] {
  if (schema.properties !== undefined) return ['object'];
  if (schema.items !== undefined) return ['array'];
  return [];
}

function withoutCombinators(schema: JsonSchema): JsonSchema {
  const { anyOf: _anyOf, oneOf: _oneOf, ...rest } = schema;
  return rest;
}

function isObjectSchema(schema: JsonSchema): boolean {
  return (
    (schema.type === 'object' || (schema.type === undefined && schema.properties !== undefined)) &&
    !schema.anyOf &&
    !schema.oneOf &&
    !schema.allOf
  );
}

function hasNull(schema: JsonSchema): boolean {
  return Array.isArray(schema.type) && schema.type.includes('null');
}

function union(types: string[]): string {
  const unique = [...new Set(types)];
  return unique.length === 0 ? 'never' : unique.join(' | ');
}

/** Wraps a union or intersection in parentheses, so `[]` or `&` applies to all of it. */
function parenthesize(type: string): string {
  let depth = 0;
  let quote = '';
  for (let index = 0; index < type.length; index++) {
    const char = type[index]!;
    if (quote) {
      if (char === '\\') index++;
      else if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if ('{[(<'.includes(char)) depth++;
    else if ('}])>'.includes(char)) depth--;
    else if (depth === 0 && (char === '|' || char === '&')) return `(${type})`;
  }
  return type;
}

function literal(value: unknown): string {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value) ? JSON.stringify(value) : 'unknown';
}

function propertyName(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : `'${key.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

function docComment(schema: JsonSchema | boolean | undefined, indent: string): string {
  if (typeof schema !== 'object' || typeof schema.description !== 'string' || schema.description.trim() === '') return '';
  const text = schema.description.trim().replaceAll('*/', '* /');
  return text.includes('\n')
    ? `${indent}/**\n${text
        .split('\n')
        .map((line) => `${indent} * ${line}`.trimEnd())
        .join('\n')}\n${indent} */\n`
    : `${indent}/** ${text} */\n`;
}
